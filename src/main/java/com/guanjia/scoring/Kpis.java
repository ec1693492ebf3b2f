package com.guanjia.scoring;

import com.guanjia.GuanjiaProperties;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The company's figures for a period (R7, the manager's first look): 业主满意率 per zone and for the company, the share
 * of closed cases that kept each target, violations by kind, escalations by level, and the cases open and overdue
 * now. Read from Guanjia's own facts and, for escalations, Camunda's history of the escalation steps.
 */
@Service
public class Kpis {
  private final JdbcClient jdbc;
  private final GuanjiaProperties properties;

  Kpis(JdbcClient jdbc, GuanjiaProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  public record Rate(long answered, long satisfied, Double rate) {}

  public record ZoneRate(String zoneId, String zone, long answered, long satisfied, Double rate) {}

  public record MonthRate(String month, String zoneId, String zone, Double rate) {}

  public record OnTime(String target, long cases, long missed, Double rate) {}

  public record KindCount(String kind, long facts, long points) {}

  public record LevelCount(int level, long escalations) {}

  public record Figures(LocalDate from, LocalDate to, Rate satisfaction, List<ZoneRate> zones,
      List<MonthRate> satisfactionTrend, List<OnTime> onTime, List<KindCount> violations,
      List<LevelCount> escalations, long openCases, long overdueCases) {}

  private static final Map<String, Integer> LEVELS = Map.of("Task_EscalateToSupervisor", 1,
      "Task_EscalateToProjectManager", 2, "Task_EscalateToQuality", 3);

  /** The figures from {@code from} to {@code to}, both days included, in {@code guanjia.time-zone}. */
  public Figures between(LocalDate from, LocalDate to) {
    var zone = properties.timeZone();
    OffsetDateTime start = from.atStartOfDay(zone).toOffsetDateTime();
    OffsetDateTime end = to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
    Satisfaction satisfaction = satisfaction(from, to);

    // targets kept: of the cases closed in the period, how many missed each target
    long closed = jdbc.sql("select count(*) from case_summary where closed_at >= ? and closed_at < ?")
        .params(start, end).query(Long.class).single();
    Map<String, Long> missed = new LinkedHashMap<>();
    jdbc.sql("""
            select v.target, count(distinct v.request_no) from sla_violation v
              join case_summary c on c.request_no = v.request_no
             where c.closed_at >= ? and c.closed_at < ? group by v.target""")
        .params(start, end).query((ResultSet rs) -> {
          missed.put(rs.getString(1), rs.getLong(2));
        });
    List<OnTime> onTime = java.util.Arrays.stream(com.guanjia.escalation.Target.values()).map(Enum::name).map(t -> {
      long m = missed.getOrDefault(t, 0L);
      return new OnTime(t, closed, m, closed == 0 ? null : round(1.0 - (double) m / closed));
    }).toList();

    List<KindCount> violations = jdbc.sql("""
            select kind, count(*), coalesce(sum(points), 0) from score_fact
             where occurred_at >= ? and occurred_at < ? and annulled_at is null and points < 0
             group by kind order by kind""")
        .params(start, end).query((rs, n) -> new KindCount(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();

    Map<Integer, Long> levels = new TreeMap<>(Map.of(1, 0L, 2, 0L, 3, 0L));
    jdbc.sql("""
            select act_id_, count(*) from act_hi_actinst
             where act_id_ in ('Task_EscalateToSupervisor', 'Task_EscalateToProjectManager', 'Task_EscalateToQuality')
               and start_time_ >= ? and start_time_ < ? group by act_id_""")
        .params(java.sql.Timestamp.from(start.toInstant()), java.sql.Timestamp.from(end.toInstant()))
        .query((ResultSet rs) -> {
          levels.put(LEVELS.get(rs.getString(1)), rs.getLong(2));
        });
    List<LevelCount> escalations = levels.entrySet().stream().map(e -> new LevelCount(e.getKey(), e.getValue())).toList();

    long open = jdbc.sql("""
            select count(*) from service_request r
             where not exists (select 1 from case_summary c where c.request_no = r.request_no)""")
        .query(Long.class).single();
    long overdue = jdbc.sql("""
            select count(*) from service_request r
             where not exists (select 1 from case_summary c where c.request_no = r.request_no)
               and exists (select 1 from sla_violation v where v.request_no = r.request_no)""")
        .query(Long.class).single();
    return new Figures(from, to, satisfaction.company(), satisfaction.zones(), satisfaction.trend(), onTime,
        violations, escalations, open, overdue);
  }

  /** 业主满意率 of the answers residents gave from {@code from} to {@code to}: company, per zone, month by month. */
  public record Satisfaction(Rate company, List<ZoneRate> zones, List<MonthRate> trend) {}

  public Satisfaction satisfaction(LocalDate from, LocalDate to) {
    var zone = properties.timeZone();
    OffsetDateTime start = from.atStartOfDay(zone).toOffsetDateTime();
    OffsetDateTime end = to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
    // the answers of residents in the period, with their zone: per zone, for the company, and month by month
    long[] company = new long[2];
    Map<String, long[]> perZone = new LinkedHashMap<>();
    Map<String, String> zoneNames = new TreeMap<>();
    Map<String, long[]> perMonthZone = new TreeMap<>();
    jdbc.sql("""
            select x.answered_at, z.zone_id, z.name, x.satisfaction from (
                select request_no, called_at as answered_at, satisfaction from callback_visit
                 where outcome = 'REACHED' and satisfaction is not null and called_at >= ? and called_at < ?
                union all
                select request_no, answered_at, satisfaction from callback_survey
                 where satisfaction is not null and answered_at >= ? and answered_at < ?) x
              join service_request r on r.request_no = x.request_no
              left join resident res on res.resident_id = r.resident_id
              left join building b on b.building_id = res.building_id
              left join zone z on z.zone_id = b.zone_id""")
        .params(start, end, start, end).query((ResultSet rs) -> {
          boolean satisfied = Scorecards.SATISFIED.contains(rs.getString(4));
          String zoneId = rs.getString(2) == null ? "-" : rs.getString(2);
          zoneNames.putIfAbsent(zoneId, rs.getString(3) == null ? "未分区" : rs.getString(3));
          String month = YearMonth.from(rs.getObject(1, OffsetDateTime.class).atZoneSameInstant(zone)).toString();
          for (long[] tally : List.of(company, perZone.computeIfAbsent(zoneId, z -> new long[2]),
              perMonthZone.computeIfAbsent(month + "|" + zoneId, k -> new long[2]))) {
            tally[0]++;
            tally[1] += satisfied ? 1 : 0;
          }
        });
    List<ZoneRate> zones = new ArrayList<>();
    perZone.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> zones.add(new ZoneRate(e.getKey(),
        zoneNames.get(e.getKey()), e.getValue()[0], e.getValue()[1], rate(e.getValue()))));
    List<MonthRate> trend = new ArrayList<>();
    perMonthZone.forEach((key, tally) -> {
      String[] parts = key.split("\\|", 2);
      trend.add(new MonthRate(parts[0], parts[1], zoneNames.get(parts[1]), rate(tally)));
    });
    return new Satisfaction(new Rate(company[0], company[1], rate(company)), zones, trend);
  }

  private static Double rate(long[] tally) {
    return tally[0] == 0 ? null : round((double) tally[1] / tally[0]);
  }

  private static Double round(double value) {
    return Math.round(value * 10000) / 10000.0;
  }
}
