package com.guanjia.escalation;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Whose clock a case runs on: its project's (管理处) service hours and calendar where the project keeps its own
 * ({@code project.service_*}), else the company's ({@code guanjia.business-hours}). Read once a minute per project
 * at most: timers are resolved in every step of a case.
 */
@Service
public class ServiceHours {
  private static final long FRESH_MILLIS = 60_000;

  /** A project's own hours: {@code days} are ISO days of the week (1 = Monday … 7 = Sunday). */
  public record Own(LocalTime start, LocalTime end, Set<DayOfWeek> days, boolean publicHolidays) {
    public String dayList() {
      return days.stream().sorted().map(d -> Integer.toString(d.getValue())).collect(Collectors.joining(","));
    }
  }

  private record Read(BusinessHours hours, long at) {}

  private final BusinessHours company;
  private final JdbcClient jdbc;
  private final Map<String, Read> projects = new ConcurrentHashMap<>();

  ServiceHours(BusinessHours company, JdbcClient jdbc) {
    this.company = company;
    this.jdbc = jdbc;
  }

  /** The company's hours, for anything that belongs to no project. */
  public BusinessHours company() {
    return company;
  }

  /** The hours a case of {@code projectId} counts in (the company's for none, or a project without its own). */
  public BusinessHours of(String projectId) {
    if (projectId == null) {
      return company;
    }
    long now = System.currentTimeMillis();
    Read read = projects.get(projectId);
    if (read == null || now - read.at() > FRESH_MILLIS) {
      read = new Read(own(projectId).map(o -> company.with(o.start(), o.end(), o.days(), o.publicHolidays()))
          .orElse(company), now);
      projects.put(projectId, read);
    }
    return read.hours();
  }

  /** A project's own hours, if it keeps any. */
  public Optional<Own> own(String projectId) {
    return jdbc.sql("""
            select service_start, service_end, service_days, public_holidays from project
             where project_id = ? and service_start is not null""")
        .param(projectId)
        .query((rs, n) -> new Own(LocalTime.parse(rs.getString(1)), LocalTime.parse(rs.getString(2)),
            days(rs.getString(3)), rs.getObject(4) == null || rs.getBoolean(4)))
        .optional();
  }

  /** A project's hours changed here: its next case reads them again. */
  public void forget(String projectId) {
    projects.remove(projectId);
  }

  static Set<DayOfWeek> days(String list) {
    if (list == null || list.isBlank()) {
      return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    }
    return Arrays.stream(list.split(",")).map(String::strip).map(d -> DayOfWeek.of(Integer.parseInt(d)))
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
  }
}
