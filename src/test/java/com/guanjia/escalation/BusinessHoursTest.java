package com.guanjia.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Working-time arithmetic on the shipped holiday calendars (08:30–17:30, Asia/Shanghai). */
class BusinessHoursTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private final BusinessHours hours = new BusinessHours(SHANGHAI, LocalTime.of(8, 30), LocalTime.of(17, 30),
      BusinessHours.load("classpath*:calendar/*.csv"));

  private static Instant at(String localDateTime) {
    return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
  }

  /** A project (管理处) open every day 08:00–20:00 that does not close for public holidays. */
  private final BusinessHours everyDay = hours.with(LocalTime.of(8, 0), LocalTime.of(20, 0),
      java.util.EnumSet.allOf(java.time.DayOfWeek.class), false);

  @Test
  void aProjectOpenEveryDayCountsWeekendsAndHolidays() {
    // Friday 17:25 with fifteen minutes to go: the same evening, not Monday morning
    assertThat(everyDay.plus(at("2026-11-27T17:25:00"), "PT15M")).isEqualTo(at("2026-11-27T17:40:00"));
    // Saturday 19:55: five minutes that day, the rest from 08:00 on Sunday
    assertThat(everyDay.plus(at("2026-11-28T19:55:00"), "PT15M")).isEqualTo(at("2026-11-29T08:10:00"));
    // National Day is a working day for it, and a make-up Saturday is just a Saturday
    assertThat(everyDay.isWorkingDay(LocalDate.of(2026, 10, 1))).isTrue();
    assertThat(everyDay.isPublicHoliday(LocalDate.of(2026, 10, 1))).isFalse();
    // a week is its seven working days
    assertThat(everyDay.plus(at("2026-11-23T10:00:00"), "P1W")).isEqualTo(at("2026-11-30T10:00:00"));
    // the company's hours are unchanged by it
    assertThat(hours.plus(at("2026-11-27T17:25:00"), "PT15M")).isEqualTo(at("2026-11-30T08:40:00"));
  }

  @Test
  void aProjectMayKeepItsOwnDaysAndTheHolidays() {
    BusinessHours monToSat = hours.with(LocalTime.of(9, 0), LocalTime.of(18, 0),
        java.util.EnumSet.range(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.SATURDAY), true);
    assertThat(monToSat.plus(at("2026-11-27T17:55:00"), "PT15M")).isEqualTo(at("2026-11-28T09:10:00"));
    assertThat(monToSat.isWorkingDay(LocalDate.of(2026, 10, 3))).isFalse(); // a Saturday in the National Day holiday
    assertThatThrownBy(() -> hours.with(LocalTime.of(9, 0), LocalTime.of(18, 0),
        java.util.EnumSet.noneOf(java.time.DayOfWeek.class), true)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withinAWorkingDayTheTargetIsPlainTime() {
    assertThat(hours.plus(at("2026-11-23T10:00:00"), "PT15M")).isEqualTo(at("2026-11-23T10:15:00"));
  }

  @Test
  void aTargetStartedAfterHoursBeginsNextWorkingMorning() {
    assertThat(hours.plus(at("2026-11-23T20:00:00"), "PT15M")).isEqualTo(at("2026-11-24T08:45:00"));
  }

  @Test
  void fridayEveningCarriesOverTheWeekend() {
    assertThat(hours.plus(at("2026-11-27T17:25:00"), "PT1H")).isEqualTo(at("2026-11-30T09:25:00"));
  }

  @Test
  void publicHolidaysAreSkipped() {
    // Thu 24 Sep 2026: 5 working minutes left; 25–27 Sep is the Mid-Autumn holiday
    assertThat(hours.plus(at("2026-09-24T17:25:00"), "PT15M")).isEqualTo(at("2026-09-28T08:40:00"));
    // National Day 1–7 Oct: a day's target set on 30 Sep falls on Thu 8 Oct
    assertThat(hours.plus(at("2026-09-30T10:00:00"), "P1D")).isEqualTo(at("2026-10-08T10:00:00"));
  }

  @Test
  void makeUpWorkingDaysCount() {
    // Saturday 10 Oct 2026 is worked in exchange for the National Day holiday
    assertThat(hours.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
    assertThat(hours.plus(at("2026-10-09T17:00:00"), "PT1H")).isEqualTo(at("2026-10-10T09:00:00"));
    assertThat(hours.isWorkingDay(LocalDate.of(2026, 10, 11))).isFalse();
  }

  @Test
  void nextYearsStatutoryHolidaysAreKnown() {
    assertThat(hours.isPublicHoliday(LocalDate.of(2027, 10, 1))).isTrue();
    assertThat(hours.isWorkingDay(LocalDate.of(2027, 2, 8))).isFalse();
  }

  @Test
  void workingTimeBetweenTwoMomentsLeavesOutNightsWeekendsAndHolidays() {
    assertThat(hours.between(at("2026-11-27T17:00:00"), at("2026-11-30T09:00:00"))).isEqualTo(Duration.ofMinutes(60));
    assertThat(hours.between(at("2026-09-24T17:00:00"), at("2026-09-28T08:45:00"))).isEqualTo(Duration.ofMinutes(45));
    assertThat(hours.between(at("2026-11-24T12:00:00"), at("2026-11-24T11:00:00"))).isZero();
  }

  @Test
  void aDurationThatIsNotIsoIsRefused() {
    assertThatThrownBy(() -> hours.plus(at("2026-11-23T10:00:00"), "15 minutes"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
