package com.guanjia.escalation;

import com.guanjia.GuanjiaProperties;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;

/**
 * Working time of the property's service centre: working hours on working days, its days of the week (every day by
 * default: a service center works every day), where the holiday calendar (data, one file per year) closes it on
 * public holidays if the company says so. This bean is the company's; a project (管理处) may keep hours and working days of its own ({@link ServiceHours}). Non-urgent
 * targets count in working time (R2): {@code PT15M} is fifteen working minutes, {@code P1D} the same
 * time on the next working day.
 */
@Service
public class BusinessHours {
  private static final Pattern ISO = Pattern.compile(
      "P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?");

  enum DayKind { HOLIDAY, WORKDAY }

  private final ZoneId zone;
  private final LocalTime start;
  private final LocalTime end;
  private final Map<LocalDate, DayKind> calendar;
  private final Map<LocalDate, String> holidayNames = new HashMap<>();
  /** The days of the week that are working days (unless the calendar says otherwise). */
  private final java.util.Set<DayOfWeek> days;
  /** Whether the calendar's public holidays and make-up working days apply. */
  private final boolean publicHolidays;

  @org.springframework.beans.factory.annotation.Autowired
  BusinessHours(GuanjiaProperties properties) {
    this(properties, new HashMap<>());
  }

  /** Reads the calendar files once: the kinds of days, and the holidays' names into {@code names}. */
  private BusinessHours(GuanjiaProperties properties, Map<LocalDate, String> names) {
    this(properties.timeZone(), properties.businessHours().start(), properties.businessHours().end(),
        load(properties.businessHours().calendars(), names), weekDays(properties.businessHours().days()),
        properties.businessHours().publicHolidays());
    holidayNames.putAll(names);
  }

  private static java.util.Set<DayOfWeek> weekDays(java.util.List<Integer> days) {
    try {
      return days.stream().map(DayOfWeek::of)
          .collect(java.util.stream.Collectors.toCollection(() -> java.util.EnumSet.noneOf(DayOfWeek.class)));
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("guanjia.business-hours.days: ISO days of the week, 1 (Monday) to 7", e);
    }
  }

  BusinessHours(ZoneId zone, LocalTime start, LocalTime end, Map<LocalDate, DayKind> calendar) {
    this(zone, start, end, calendar, java.util.EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), true);
  }

  BusinessHours(ZoneId zone, LocalTime start, LocalTime end, Map<LocalDate, DayKind> calendar,
      java.util.Set<DayOfWeek> days, boolean publicHolidays) {
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("guanjia.business-hours: start must be before end");
    }
    if (days.isEmpty()) {
      throw new IllegalArgumentException("service hours need at least one working day a week");
    }
    this.zone = zone;
    this.start = start;
    this.end = end;
    this.calendar = Map.copyOf(calendar);
    this.days = java.util.Set.copyOf(days);
    this.publicHolidays = publicHolidays;
  }

  /**
   * The same calendar with other hours (a project's, 管理处): {@code days} are its working days of the week;
   * {@code publicHolidays}, whether the holidays and make-up working days of the calendar files apply to it.
   */
  public BusinessHours with(LocalTime start, LocalTime end, java.util.Set<DayOfWeek> days, boolean publicHolidays) {
    BusinessHours hours = new BusinessHours(zone, start, end, calendar, days, publicHolidays);
    hours.holidayNames.putAll(holidayNames);
    return hours;
  }

  public LocalTime start() {
    return start;
  }

  public LocalTime end() {
    return end;
  }

  /** The working days of the week, Monday first. */
  public java.util.List<Integer> days() {
    return days.stream().sorted().map(DayOfWeek::getValue).toList();
  }

  /** Whether the calendar's public holidays close it (and its make-up days open it). */
  public boolean publicHolidays() {
    return publicHolidays;
  }

  /** Whether {@code at} falls in service hours: within the hours of a working day. */
  public boolean isServiceTime(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    LocalTime time = local.toLocalTime();
    return isWorkingDay(local.toLocalDate()) && !time.isBefore(start) && time.isBefore(end);
  }

  /** A day with working hours: a weekday that is not a public holiday, or a make-up working day. */
  public boolean isWorkingDay(LocalDate day) {
    DayKind kind = publicHolidays ? calendar.get(day) : null;
    if (kind != null) {
      return kind == DayKind.WORKDAY;
    }
    return days.contains(day.getDayOfWeek());
  }

  public boolean isPublicHoliday(LocalDate day) {
    return publicHolidays && calendar.get(day) == DayKind.HOLIDAY;
  }

  /**
   * The name of the public holiday a day belongs to (国庆节), from the calendar files, whether or not the holiday
   * closes the service center: residents get a holiday wish either way.
   */
  public java.util.Optional<String> holidayName(LocalDate day) {
    return calendar.get(day) == DayKind.HOLIDAY ? java.util.Optional.ofNullable(holidayNames.get(day))
        : java.util.Optional.empty();
  }

  /** The moment an ISO-8601 duration of working time after {@code from} ends. */
  public Instant plus(Instant from, String isoDuration) {
    Matcher m = ISO.matcher(isoDuration.trim());
    if (!m.matches() || isoDuration.trim().equals("P") || isoDuration.trim().endsWith("T")) {
      throw new IllegalArgumentException("not an ISO-8601 duration: " + isoDuration);
    }
    ZonedDateTime t = from.atZone(zone);
    long years = num(m.group(1));
    long months = num(m.group(2));
    if (years > 0 || months > 0) {
      t = t.plusYears(years).plusMonths(months); // calendar months, then the next working moment
    }
    long workingDays = num(m.group(3)) * days.size() + num(m.group(4)); // a week: its working days
    if (workingDays > 0) {
      t = nextWorkingMoment(t);
      for (long i = 0; i < workingDays; i++) {
        do {
          t = t.plusDays(1);
        } while (!isWorkingDay(t.toLocalDate()));
      }
    }
    double seconds = m.group(7) == null ? 0 : Double.parseDouble(m.group(7));
    Duration time = Duration.ofHours(num(m.group(5))).plusMinutes(num(m.group(6)))
        .plusMillis(Math.round(seconds * 1000));
    return plus(t, time).toInstant();
  }

  /** The moment {@code amount} of working time after {@code from} ends. */
  public Instant plus(Instant from, Duration amount) {
    return plus(from.atZone(zone), amount).toInstant();
  }

  private ZonedDateTime plus(ZonedDateTime from, Duration amount) {
    ZonedDateTime t = nextWorkingMoment(from);
    Duration left = amount;
    while (true) {
      ZonedDateTime dayEnd = t.toLocalDate().atTime(end).atZone(zone);
      Duration available = Duration.between(t, dayEnd);
      if (left.compareTo(available) <= 0) {
        return t.plus(left);
      }
      left = left.minus(available);
      t = nextWorkingMoment(dayEnd.plusNanos(1));
    }
  }

  /** Working time between two moments (zero when {@code to} is not after {@code from}). */
  public Duration between(Instant from, Instant to) {
    Duration total = Duration.ZERO;
    ZonedDateTime t = from.atZone(zone);
    ZonedDateTime stop = to.atZone(zone);
    while (t.isBefore(stop)) {
      LocalDate day = t.toLocalDate();
      if (isWorkingDay(day)) {
        ZonedDateTime open = day.atTime(start).atZone(zone);
        ZonedDateTime close = day.atTime(end).atZone(zone);
        ZonedDateTime a = t.isAfter(open) ? t : open;
        ZonedDateTime b = stop.isBefore(close) ? stop : close;
        if (b.isAfter(a)) {
          total = total.plus(Duration.between(a, b));
        }
      }
      t = day.plusDays(1).atStartOfDay(zone);
    }
    return total;
  }

  /** {@code t} itself within working hours, else the start of the next working period. */
  ZonedDateTime nextWorkingMoment(ZonedDateTime t) {
    ZonedDateTime cursor = t;
    while (true) {
      LocalDate day = cursor.toLocalDate();
      if (isWorkingDay(day)) {
        LocalTime time = cursor.toLocalTime();
        if (time.isBefore(start)) {
          return day.atTime(start).atZone(zone);
        }
        if (time.isBefore(end)) {
          return cursor;
        }
      }
      cursor = day.plusDays(1).atTime(start).atZone(zone);
    }
  }

  private static long num(String group) {
    return group == null ? 0 : Long.parseLong(group);
  }

  static Map<LocalDate, DayKind> load(String pattern) {
    return load(pattern, null);
  }

  /** Reads the calendar files; the holidays' names go to {@code names} when given. */
  static Map<LocalDate, DayKind> load(String pattern, Map<LocalDate, String> names) {
    Map<LocalDate, DayKind> days = new HashMap<>();
    try {
      for (Resource file : new PathMatchingResourcePatternResolver().getResources(pattern)) {
        try (var in = new BufferedReader(new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          int no = 0;
          while ((line = in.readLine()) != null) {
            no++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
              continue;
            }
            String[] cells = line.split(",", 3);
            try {
              LocalDate day = LocalDate.parse(cells[0].strip());
              days.put(day, DayKind.valueOf(cells[1].strip()));
              if (names != null && cells.length > 2 && !cells[2].isBlank()) {
                names.put(day, cells[2].strip());
              }
            } catch (RuntimeException e) {
              throw new IllegalStateException("holiday calendar %s line %d: expected date,HOLIDAY|WORKDAY,name but found '%s'"
                  .formatted(file.getFilename(), no, line), e);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return days;
  }
}
