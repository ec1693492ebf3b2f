package com.guanjia.notification;

import com.guanjia.GuanjiaProperties;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** No message that is not urgent reaches a resident between 21:00 and 08:00 (settings): it waits. */
@Component
public class QuietHours {
  private final LocalTime start;
  private final LocalTime end;
  private final ZoneId zone;

  @org.springframework.beans.factory.annotation.Autowired
  QuietHours(GuanjiaProperties properties) {
    this(properties.notifications().quietStart(), properties.notifications().quietEnd(), properties.timeZone());
  }

  QuietHours(LocalTime start, LocalTime end, ZoneId zone) {
    this.start = start;
    this.end = end;
    this.zone = zone;
  }

  /** When the quiet hours that {@code at} falls in end; empty outside them. */
  public Optional<Instant> end(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    LocalTime t = local.toLocalTime();
    boolean acrossMidnight = start.isAfter(end);
    boolean quiet = acrossMidnight ? !t.isBefore(start) || t.isBefore(end) : !t.isBefore(start) && t.isBefore(end);
    if (!quiet) {
      return Optional.empty();
    }
    ZonedDateTime endToday = local.with(end).withSecond(0).withNano(0);
    return Optional.of((endToday.isAfter(local) ? endToday : endToday.plusDays(1)).toInstant());
  }
}
