package com.guanjia.scoring;

import com.guanjia.GuanjiaProperties;
import com.guanjia.process.Decisions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A month's scorecard per member of staff (R7), from Guanjia's own facts: the cases closed that month that they
 * owned or handled ({@code case_summary}), how fast each step was done and whether its target was met
 * ({@code sla_violation}), how many were resolved without reopening, what residents answered at callbacks and in the
 * survey that month (业主满意率), the chain ratings of their work, their supervisor's rating for the month, and the
 * ledger's points. The composite weighs
 * these as {@code scorecard-rules} says for the person's trade, and passes at its mark.
 */
@Service
public class Scorecards {
  static final List<String> SATISFIED = List.of("MET_EXPECTATIONS", "SATISFIED", "DEEPLY_MOVED");

  private final JdbcClient jdbc;
  private final ScoreLedger ledger;
  private final Decisions decisions;
  private final GuanjiaProperties properties;

  Scorecards(JdbcClient jdbc, ScoreLedger ledger, Decisions decisions, GuanjiaProperties properties) {
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.decisions = decisions;
    this.properties = properties;
  }

  /** One member of staff's month. Rates are 0–1, times in minutes; null where there was nothing to measure. */
  public record Scorecard(String staffId, String name, String trade, String month, int casesHandled,
      Long medianResponseMinutes, Long medianOnSiteMinutes, Long medianPlanMinutes, Long medianCompletionMinutes,
      Double onTimeRate, Double resolutionRate, Double reopenRate, int answered, Double satisfactionRate,
      Double ratingAverage, Integer supervisorRating, int violationPoints, int bonusPoints, int points,
      Double composite, Boolean passed) {}

  private static final class Tally {
    int cases;
    int reopened;
    int late; // cases with a target missed that was charged to this person
    final List<Long> response = new ArrayList<>();
    final List<Long> onSite = new ArrayList<>();
    final List<Long> plan = new ArrayList<>();
    final List<Long> completion = new ArrayList<>();
    int answered;
    int satisfied;
  }

  public List<Scorecard> month(YearMonth month) {
    var zone = properties.timeZone();
    OffsetDateTime from = month.atDay(1).atStartOfDay(zone).toOffsetDateTime();
    OffsetDateTime to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toOffsetDateTime();
    Map<String, Tally> tallies = new HashMap<>();

    // which of each person's cases had a target missed that was theirs
    Set<String> lateCases = new HashSet<>();
    jdbc.sql("""
            select v.responsible_user, v.request_no from sla_violation v
              join case_summary c on c.request_no = v.request_no
             where c.closed_at >= ? and c.closed_at < ?""")
        .params(from, to).query((ResultSet rs) -> {
          lateCases.add(rs.getString(1) + "|" + rs.getString(2));
        });
    // the cases closed this month, streamed: each counts for its owner and its handler
    jdbc.sql("""
            select request_no, owner, handler, registered_at, responded_at, arrived_at, planned_at, resolved_at,
                   reopen_count
              from case_summary where closed_at >= ? and closed_at < ?""")
        .params(from, to).query((ResultSet rs) -> {
          Set<String> people = new HashSet<>();
          if (rs.getString("owner") != null) {
            people.add(rs.getString("owner"));
          }
          if (rs.getString("handler") != null) {
            people.add(rs.getString("handler"));
          }
          OffsetDateTime registered = rs.getObject("registered_at", OffsetDateTime.class);
          Long response = minutes(registered, rs, "responded_at");
          Long onSite = minutes(registered, rs, "arrived_at");
          Long plan = minutes(registered, rs, "planned_at");
          Long completion = minutes(registered, rs, "resolved_at");
          boolean reopened = rs.getInt("reopen_count") > 0;
          String requestNo = rs.getString("request_no");
          for (String person : people) {
            Tally t = tallies.computeIfAbsent(person, p -> new Tally());
            t.cases++;
            t.reopened += reopened ? 1 : 0;
            t.late += lateCases.contains(person + "|" + requestNo) ? 1 : 0;
            add(t.response, response);
            add(t.onSite, onSite);
            add(t.plan, plan);
            add(t.completion, completion);
          }
        });
    // what residents answered this month, for the cases' owners and handlers
    jdbc.sql("""
            select c.owner, c.handler, x.satisfaction from (
                select request_no, satisfaction from callback_visit
                 where outcome = 'REACHED' and satisfaction is not null and called_at >= ? and called_at < ?
                union all
                select request_no, satisfaction from callback_survey
                 where satisfaction is not null and answered_at >= ? and answered_at < ?) x
              join case_summary c on c.request_no = x.request_no""")
        .params(from, to, from, to).query((ResultSet rs) -> {
          Set<String> people = new HashSet<>();
          if (rs.getString(1) != null) {
            people.add(rs.getString(1));
          }
          if (rs.getString(2) != null) {
            people.add(rs.getString(2));
          }
          boolean satisfied = SATISFIED.contains(rs.getString(3));
          for (String person : people) {
            Tally t = tallies.computeIfAbsent(person, p -> new Tally());
            t.answered++;
            t.satisfied += satisfied ? 1 : 0;
          }
        });
    Map<String, Double> ratings = new HashMap<>();
    jdbc.sql("""
            select rated_user, avg(cast(rating as double precision)) from step_rating
             where rated_at >= ? and rated_at < ? and rated_user is not null group by rated_user""")
        .params(from, to).query((ResultSet rs) -> {
          ratings.put(rs.getString(1), rs.getDouble(2));
        });
    Map<String, Integer> supervisorRatings = new HashMap<>();
    jdbc.sql("select staff_user_id, rating from supervisor_rating where scored_month = ?").param(month.toString())
        .query((ResultSet rs) -> {
          supervisorRatings.put(rs.getString(1), rs.getInt(2));
        });
    Map<String, ScoreLedger.Total> points = new HashMap<>();
    ledger.totals(month).forEach(t -> points.put(t.staffUserId(), t));

    Map<String, Decisions.ScorecardRule> rules = new LinkedHashMap<>();
    List<Scorecard> cards = new ArrayList<>();
    jdbc.sql("select user_id, display_name, trade, active from staff_member order by user_id")
        .query((ResultSet rs) -> {
          String id = rs.getString(1);
          Tally t = tallies.get(id);
          var p = points.get(id);
          Double rating = ratings.get(id);
          Integer supervisorRating = supervisorRatings.get(id);
          if (!rs.getBoolean(4) && t == null && p == null && rating == null && supervisorRating == null) {
            return; // left the company and did nothing this month
          }
          String trade = rs.getString(3);
          var rule = rules.computeIfAbsent(trade, decisions::scorecardRule);
          cards.add(card(id, rs.getString(2), trade, month, t == null ? new Tally() : t, rating, supervisorRating, p,
              rule));
        });
    return cards;
  }

  private static Scorecard card(String id, String name, String trade, YearMonth month, Tally t, Double rating,
      Integer supervisorRating, ScoreLedger.Total p, Decisions.ScorecardRule rule) {
    Double onTime = t.cases == 0 ? null : 1.0 - (double) t.late / t.cases;
    Double resolution = t.cases == 0 ? null : 1.0 - (double) t.reopened / t.cases;
    Double reopen = t.cases == 0 ? null : (double) t.reopened / t.cases;
    Double satisfaction = t.answered == 0 ? null : (double) t.satisfied / t.answered;
    int violationPoints = p == null ? 0 : p.violationPoints();
    int bonusPoints = p == null ? 0 : p.bonusPoints();
    // the composite: the measured parts, weighed as the trade's rule says (a part with nothing to measure is left
    // out and the others weigh the more), as 0–100, plus the ledger's points
    double weighed = 0;
    double weights = 0;
    if (satisfaction != null) {
      weighed += rule.satisfactionWeight() * satisfaction;
      weights += rule.satisfactionWeight();
    }
    if (onTime != null) {
      weighed += rule.onTimeWeight() * onTime;
      weights += rule.onTimeWeight();
    }
    if (resolution != null) {
      weighed += rule.resolutionWeight() * resolution;
      weights += rule.resolutionWeight();
    }
    if (rating != null) {
      weighed += rule.ratingWeight() * rating / 5.0;
      weights += rule.ratingWeight();
    }
    if (supervisorRating != null) {
      weighed += rule.supervisorWeight() * supervisorRating / 5.0;
      weights += rule.supervisorWeight();
    }
    Double composite = weights == 0 ? null : round(100 * weighed / weights + violationPoints + bonusPoints);
    Boolean passed = composite == null ? null : composite >= rule.passScore();
    return new Scorecard(id, name, trade, month.toString(), t.cases, median(t.response), median(t.onSite),
        median(t.plan), median(t.completion), round(onTime), round(resolution), round(reopen), t.answered,
        round(satisfaction), round(rating), supervisorRating, violationPoints, bonusPoints, violationPoints + bonusPoints,
        composite, passed);
  }

  private static Long minutes(OffsetDateTime from, ResultSet rs, String column) throws SQLException {
    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
    return from == null || at == null ? null : Math.max(0, Duration.between(from, at).toMinutes());
  }

  private static void add(List<Long> values, Long value) {
    if (value != null) {
      values.add(value);
    }
  }

  static Long median(List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static Double round(Double value) {
    return value == null ? null : Math.round(value * 10000) / 10000.0;
  }
}
