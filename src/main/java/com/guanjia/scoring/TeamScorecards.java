package com.guanjia.scoring;

import com.guanjia.process.Decisions;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Teams' months and a person's quarter (R7): the month's scorecards added up per zone (its staff), per group (trade,
 * with the team facts charged to the group when a step nobody claimed passed its target) and per project (管理处:
 * its zones' staff and the staff bound to it); and the quarterly composite (季度综合评估) of the three confirmed months.
 */
@Service
public class TeamScorecards {
  private final JdbcClient jdbc;
  private final Decisions decisions;
  private final ScoreLedger ledger;

  TeamScorecards(JdbcClient jdbc, Decisions decisions, ScoreLedger ledger) {
    this.jdbc = jdbc;
    this.decisions = decisions;
    this.ledger = ledger;
  }

  public enum By { ZONE, GROUP, PROJECT }

  /** A team's month. Rates are weighed by the members' cases (on time) and answers (satisfaction). */
  public record Team(String by, String teamId, String name, int members, int casesHandled, int answered,
      Double satisfactionRate, Double onTimeRate, int points, int teamPoints, Double averageComposite, int passed,
      int failed) {}

  public List<Team> month(YearMonth month, List<Scorecards.Scorecard> cards, By by) {
    Map<String, Scorecards.Scorecard> byStaff = new LinkedHashMap<>();
    cards.forEach(c -> byStaff.put(c.staffId(), c));
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, Set<String>> members = new LinkedHashMap<>();
    String sql = switch (by) {
      case ZONE -> "select z.zone_id, z.name, s.user_id from zone z join zone_staff s on s.zone_id = z.zone_id order by 1, 3";
      case GROUP -> "select trade, trade, user_id from staff_member order by 1, 3";
      case PROJECT -> """
          select p.project_id, p.name, s.user_id from project p
            join zone z on z.project_id = p.project_id join zone_staff s on s.zone_id = z.zone_id
          union
          select p.project_id, p.name, m.user_id from project p join staff_member m on m.project_id = p.project_id
          order by 1, 3""";
    };
    jdbc.sql(sql).query((java.sql.ResultSet rs) -> {
      names.putIfAbsent(rs.getString(1), rs.getString(2));
      members.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(3));
    });
    Map<String, Integer> teamFacts = new LinkedHashMap<>();
    if (by == By.GROUP) {
      ledger.totals(month).stream().filter(t -> t.staffUserId().startsWith("group:"))
          .forEach(t -> teamFacts.put(t.staffUserId().substring(6), t.points()));
    }
    List<Team> teams = new ArrayList<>();
    members.forEach((teamId, ids) -> {
      int cases = 0, answered = 0, points = 0, passed = 0, failed = 0, scored = 0;
      double satisfied = 0, onTimeCases = 0, composite = 0;
      int counted = 0;
      for (String id : ids) {
        var c = byStaff.get(id);
        if (c == null) {
          continue;
        }
        counted++;
        cases += c.casesHandled();
        answered += c.answered();
        satisfied += c.satisfactionRate() == null ? 0 : c.satisfactionRate() * c.answered();
        onTimeCases += c.onTimeRate() == null ? 0 : c.onTimeRate() * c.casesHandled();
        points += c.points();
        if (c.composite() != null) {
          composite += c.composite();
          scored++;
          passed += Boolean.TRUE.equals(c.passed()) ? 1 : 0;
          failed += Boolean.FALSE.equals(c.passed()) ? 1 : 0;
        }
      }
      int team = teamFacts.getOrDefault(teamId, 0);
      teams.add(new Team(by.name(), teamId, names.get(teamId), counted, cases, answered,
          answered == 0 ? null : round(satisfied / answered), cases == 0 ? null : round(onTimeCases / cases),
          points + team, team, scored == 0 ? null : round(composite / scored), passed, failed));
    });
    return teams;
  }

  /** A member of staff's quarter: the three confirmed months' composites, their average, passed at the mark. */
  public record Quarter(String staffId, String name, String quarter, List<Double> monthlyComposites,
      Double averageComposite, int monthsPassed, int points, Boolean passed) {}

  public List<Quarter> quarter(int year, int quarter, Map<YearMonth, List<Scorecards.Scorecard>> months) {
    Map<String, List<Scorecards.Scorecard>> perStaff = new LinkedHashMap<>();
    months.values().forEach(cards -> cards.forEach(c ->
        perStaff.computeIfAbsent(c.staffId(), k -> new ArrayList<>()).add(c)));
    Map<String, Decisions.ScorecardRule> rules = new LinkedHashMap<>();
    List<Quarter> rows = new ArrayList<>();
    perStaff.forEach((id, cards) -> {
      List<Double> composites = new ArrayList<>();
      for (YearMonth m : months.keySet()) {
        composites.add(cards.stream().filter(c -> c.month().equals(m.toString())).map(Scorecards.Scorecard::composite)
            .filter(java.util.Objects::nonNull).findFirst().orElse(null));
      }
      var scored = composites.stream().filter(java.util.Objects::nonNull).toList();
      Double average = scored.isEmpty() ? null
          : round(scored.stream().mapToDouble(Double::doubleValue).average().orElse(0));
      var rule = rules.computeIfAbsent(cards.get(0).trade(), decisions::scorecardRule);
      rows.add(new Quarter(id, cards.get(0).name(), year + "-Q" + quarter, composites, average,
          (int) cards.stream().filter(c -> Boolean.TRUE.equals(c.passed())).count(),
          cards.stream().mapToInt(Scorecards.Scorecard::points).sum(),
          average == null ? null : average >= rule.passScore()));
    });
    return rows;
  }

  private static Double round(double value) {
    return Math.round(value * 10000) / 10000.0;
  }
}
