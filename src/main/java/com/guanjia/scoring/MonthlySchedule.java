package com.guanjia.scoring;

import com.guanjia.GuanjiaProperties;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.stereotype.Component;

/**
 * When {@code monthly-scorecards} starts: the 1st of each month at 01:00 in {@code guanjia.time-zone}. The engine reads
 * a timer's cron in the JVM's zone, so this writes the same moment as the JVM's clock shows it: on a server in UTC,
 * 01:00 in Shanghai is 17:00 on the last day of the month before ({@code 0 0 17 L * ?}). A zone whose offset changes
 * during the year (summer time) takes the offset of the day the model is deployed.
 */
@Component("monthlySchedule")
public class MonthlySchedule {
  static final LocalTime AT = LocalTime.of(1, 0);

  private final ZoneId zone;
  private final Clock clock;

  public MonthlySchedule(GuanjiaProperties properties, Clock clock) {
    this.zone = properties.timeZone();
    this.clock = clock;
  }

  /** The cron the start timer reads ({@code ${monthlySchedule.cron}}). */
  public String getCron() {
    return cron(ZoneId.systemDefault());
  }

  String cron(ZoneId jvmZone) {
    ZonedDateTime first = ZonedDateTime.now(clock.withZone(zone)).withDayOfMonth(1).plusMonths(1).with(AT);
    ZonedDateTime there = first.withZoneSameInstant(jvmZone);
    String day = there.toLocalDate().equals(first.toLocalDate()) ? "1"
        : there.toLocalDate().isBefore(first.toLocalDate()) ? "L" // the last day of the month before
        : "2";
    return "0 %d %d %s * ?".formatted(there.getMinute(), there.getHour(), day);
  }
}
