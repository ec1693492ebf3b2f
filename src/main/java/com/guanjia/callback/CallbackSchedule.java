package com.guanjia.callback;

import com.guanjia.GuanjiaProperties;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * When callbacks fall (R5): the plan of each tier, calling hours and the heating season. Knows nothing
 * of Camunda, so every rule is a plain method a test can call.
 */
@Service
public class CallbackSchedule {
  public enum Tier { KEY, ORDINARY, HEATING }

  private final GuanjiaProperties.Callbacks settings;
  private final ZoneId zone;
  private final MonthDay seasonStart;
  private final MonthDay seasonEnd;

  CallbackSchedule(GuanjiaProperties properties) {
    this.settings = properties.callbacks();
    this.zone = properties.timeZone();
    this.seasonStart = MonthDay.parse("--" + settings.heatingSeasonStart());
    this.seasonEnd = MonthDay.parse("--" + settings.heatingSeasonEnd());
    if (!settings.callingStart().isBefore(settings.callingEnd())) {
      throw new IllegalStateException("guanjia.callbacks.calling-start must be before calling-end");
    }
  }

  /**
   * The due time of callback number {@code n} (from 1) of a visit plan for a case closed at
   * {@code closedAt}, or empty when the plan has no such callback.
   */
  public Optional<Instant> due(Tier tier, Instant closedAt, int n) {
    return switch (tier) {
      case KEY -> {
        List<Period> followUps = settings.keyFollowUps();
        if (n > followUps.size() + 1) {
          yield Optional.empty();
        }
        Instant due = withinCallingHours(closedAt);
        for (int i = 0; i < n - 1; i++) {
          due = withinCallingHours(local(due).plus(followUps.get(i)).toInstant());
        }
        yield Optional.of(due);
      }
      case ORDINARY -> n == 1
          ? Optional.of(withinCallingHours(local(closedAt).plus(settings.ordinaryAfter()).toInstant()))
          : Optional.empty();
      case HEATING -> {
        ZonedDateTime next = local(closedAt);
        for (int i = 0; i < n; i++) {
          next = next.plus(settings.heatingInterval());
        }
        Instant due = withinCallingHours(next.toInstant());
        yield local(due).toLocalDate().isAfter(seasonEndAfter(local(closedAt).toLocalDate()))
            ? Optional.empty() : Optional.of(due);
      }
    };
  }

  /** The time itself when it falls in calling hours, else the next opening. */
  public Instant withinCallingHours(Instant time) {
    ZonedDateTime local = local(time);
    if (local.toLocalTime().isBefore(settings.callingStart())) {
      return local.with(settings.callingStart()).toInstant();
    }
    if (!local.toLocalTime().isBefore(settings.callingEnd())) {
      return local.toLocalDate().plusDays(1).atTime(settings.callingStart()).atZone(zone).toInstant();
    }
    return time;
  }

  /** Until when the customer-service agent has to make the call: the end of that day's calling hours. */
  public Instant endOfCallingDay(Instant due) {
    return local(due).toLocalDate().atTime(settings.callingEnd()).atZone(zone).toInstant();
  }

  /** When an unreached resident is called again, or empty after the last attempt. */
  public Optional<Instant> retry(Instant now, int attemptsMade) {
    return attemptsMade >= settings.maxAttempts()
        ? Optional.empty() : Optional.of(withinCallingHours(now.plus(settings.retryAfter())));
  }

  public boolean inHeatingSeason(Instant time) {
    LocalDate day = local(time).toLocalDate();
    MonthDay md = MonthDay.from(day);
    return seasonStart.isAfter(seasonEnd)
        ? !md.isBefore(seasonStart) || !md.isAfter(seasonEnd) // across the new year
        : !md.isBefore(seasonStart) && !md.isAfter(seasonEnd);
  }

  /** The last day of the season that {@code day} is in (or of the next one, when it is in none). */
  private LocalDate seasonEndAfter(LocalDate day) {
    LocalDate end = seasonEnd.atYear(day.getYear());
    return end.isBefore(day) ? seasonEnd.atYear(day.getYear() + 1) : end;
  }

  public String surveyLink(String token) {
    return settings.surveyUrl().replace("{token}", token);
  }

  /** A survey sent at {@code sentAt} can no longer be answered from this time on. */
  public Instant surveyExpiry(Instant sentAt) {
    return local(sentAt).plus(settings.surveyValidFor()).toInstant();
  }

  private ZonedDateTime local(Instant time) {
    return time.atZone(zone);
  }
}
