package com.guanjia.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.GuanjiaProperties;
import com.guanjia.callback.CallbackSchedule.Tier;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calling hours, the plans of the tiers and the heating season (R5), with the default settings. */
class CallbackScheduleTest {
  private static final ZoneOffset CST = ZoneOffset.ofHours(8);
  private final CallbackSchedule schedule = new CallbackSchedule(new GuanjiaProperties(ZoneId.of("Asia/Shanghai"),
      null, null, new GuanjiaProperties.Demo(false, false), null,
      new GuanjiaProperties.Callbacks(LocalTime.of(9, 0), LocalTime.of(20, 0), Duration.ofHours(2), 3,
          List.of(Period.ofDays(1), Period.ofDays(7)), Period.ofMonths(6), "11-15", "03-15", Period.ofDays(14),
          "https://survey.example/s/{token}", Period.ofDays(30)), null));

  private static Instant at(int year, int month, int day, int hour, int minute) {
    return OffsetDateTime.of(year, month, day, hour, minute, 0, 0, CST).toInstant();
  }

  @Test
  void callsFallInCallingHoursOnly() {
    assertThat(schedule.withinCallingHours(at(2026, 11, 23, 10, 0))).isEqualTo(at(2026, 11, 23, 10, 0));
    assertThat(schedule.withinCallingHours(at(2026, 11, 23, 7, 30))).isEqualTo(at(2026, 11, 23, 9, 0));
    assertThat(schedule.withinCallingHours(at(2026, 11, 23, 20, 0))).isEqualTo(at(2026, 11, 24, 9, 0));
    assertThat(schedule.withinCallingHours(at(2026, 11, 23, 23, 59))).isEqualTo(at(2026, 11, 24, 9, 0));
    assertThat(schedule.withinCallingHours(at(2026, 11, 29, 15, 0))).as("a Sunday is a calling day")
        .isEqualTo(at(2026, 11, 29, 15, 0));
  }

  @Test
  void keyPlanIsTheSameDayTheNextDayAndAWeekLater() {
    Instant closed = at(2026, 11, 23, 21, 0);
    assertThat(schedule.due(Tier.KEY, closed, 1)).contains(at(2026, 11, 24, 9, 0));
    assertThat(schedule.due(Tier.KEY, closed, 2)).contains(at(2026, 11, 25, 9, 0));
    assertThat(schedule.due(Tier.KEY, closed, 3)).contains(at(2026, 12, 2, 9, 0));
    assertThat(schedule.due(Tier.KEY, closed, 4)).isEmpty();
  }

  @Test
  void ordinaryPlanIsOneCallHalfAYearLater() {
    assertThat(schedule.due(Tier.ORDINARY, at(2026, 8, 31, 12, 0), 1)).contains(at(2027, 2, 28, 12, 0));
    assertThat(schedule.due(Tier.ORDINARY, at(2026, 8, 31, 12, 0), 2)).isEmpty();
  }

  @Test
  void heatingPlanRunsUntilTheSeasonEnds() {
    Instant closed = at(2027, 3, 1, 10, 0);
    assertThat(schedule.due(Tier.HEATING, closed, 1)).contains(at(2027, 3, 15, 10, 0));
    assertThat(schedule.due(Tier.HEATING, closed, 2)).isEmpty();
    assertThat(schedule.inHeatingSeason(at(2026, 11, 15, 0, 0))).isTrue();
    assertThat(schedule.inHeatingSeason(at(2027, 1, 1, 12, 0))).isTrue();
    assertThat(schedule.inHeatingSeason(at(2027, 3, 15, 23, 0))).isTrue();
    assertThat(schedule.inHeatingSeason(at(2027, 3, 16, 0, 0))).isFalse();
    assertThat(schedule.inHeatingSeason(at(2026, 11, 14, 23, 0))).isFalse();
  }

  @Test
  void anUnreachedResidentIsTriedThreeTimesWithinCallingHours() {
    assertThat(schedule.retry(at(2026, 11, 23, 10, 0), 1)).contains(at(2026, 11, 23, 12, 0));
    assertThat(schedule.retry(at(2026, 11, 23, 19, 0), 2)).contains(at(2026, 11, 24, 9, 0));
    assertThat(schedule.retry(at(2026, 11, 23, 10, 0), 3)).isEmpty();
  }

  @Test
  void aSurveyLinkCarriesItsTokenAndCanBeAnsweredForThirtyDays() {
    assertThat(schedule.surveyLink("q2Fz8XkQ")).isEqualTo("https://survey.example/s/q2Fz8XkQ");
    assertThat(schedule.surveyExpiry(at(2026, 11, 23, 19, 30))).isEqualTo(at(2026, 12, 23, 19, 30));
  }
}
