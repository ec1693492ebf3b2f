package com.guanjia.scoring;

import com.guanjia.GuanjiaProperties;
import com.guanjia.security.CurrentUser;
import com.guanjia.web.ForbiddenException;
import com.guanjia.web.InvalidFieldException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/kpis?from=yyyy-MM-dd&to=yyyy-MM-dd} (both days included; default: this month so far): the company's
 * figures for supervisors, project managers, quality and auditors.
 */
@RestController
class KpiController {
  private final Kpis kpis;
  private final CurrentUser user;
  private final Clock clock;
  private final GuanjiaProperties properties;

  KpiController(Kpis kpis, CurrentUser user, Clock clock, GuanjiaProperties properties) {
    this.kpis = kpis;
    this.user = user;
    this.clock = clock;
    this.properties = properties;
  }

  @GetMapping(path = "/api/kpis", produces = MediaType.APPLICATION_JSON_VALUE)
  Kpis.Figures kpis(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    if (!user.inAnyGroup(ScorecardController.READERS)) {
      throw new ForbiddenException("the company's figures are read by supervisors, project managers, quality and auditors");
    }
    LocalDate today = LocalDate.now(clock.withZone(properties.timeZone()));
    LocalDate end = day("to", to, today);
    LocalDate start = day("from", from, end.withDayOfMonth(1));
    if (start.isAfter(end)) {
      throw new InvalidFieldException("to", "the period ends before it starts (" + start + " to " + end + ")");
    }
    if (start.plusYears(2).isBefore(end)) {
      throw new InvalidFieldException("from", "a period is at most two years");
    }
    return kpis.between(start, end);
  }

  private static LocalDate day(String field, String value, LocalDate otherwise) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(field, "a day is written yyyy-MM-dd, e.g. 2026-11-30 (not " + value + ")");
    }
  }
}
