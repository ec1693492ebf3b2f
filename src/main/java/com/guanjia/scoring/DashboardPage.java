package com.guanjia.scoring;

import com.guanjia.GuanjiaProperties;
import com.guanjia.security.CurrentUser;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /staff/dashboard?month=yyyy-MM} (default: last month): the month at a glance for supervisors, project
 * managers, quality and auditors (Tasklist login): 业主满意率 by zone over six months, targets kept, violations by kind,
 * escalations by level, and the month's ranking with pass or fail. The charts are drawn in the browser with ECharts,
 * served by the application (/webjars); the figures are those of {@code /api/kpis} and {@code /api/scorecards}.
 */
@Controller
class DashboardPage {
  private final Kpis kpis;
  private final MonthlyScorecards monthly;
  private final CurrentUser user;
  private final Clock clock;
  private final GuanjiaProperties properties;

  DashboardPage(Kpis kpis, MonthlyScorecards monthly, CurrentUser user, Clock clock, GuanjiaProperties properties) {
    this.kpis = kpis;
    this.monthly = monthly;
    this.user = user;
    this.clock = clock;
    this.properties = properties;
  }

  /** The month asked for, else (none, or not a month) the one before this. */
  private YearMonth shownMonth(String month) {
    YearMonth lastMonth = YearMonth.now(clock.withZone(properties.timeZone())).minusMonths(1);
    try {
      return month == null || month.isBlank() ? lastMonth : YearMonth.parse(month.strip());
    } catch (DateTimeParseException e) {
      return lastMonth;
    }
  }

  @GetMapping("/staff/dashboard")
  ModelAndView show(@RequestParam(required = false) String month) {
    ModelAndView page = new ModelAndView("dashboard");
    if (!user.inAnyGroup(ScorecardController.READERS)) {
      page.addObject("forbidden", true);
      page.setStatus(HttpStatus.FORBIDDEN);
      return page;
    }
    YearMonth shown = shownMonth(month);
    // the month's figures, and 满意率 month by month over the half-year up to it
    var figures = kpis.between(shown.atDay(1), shown.atEndOfMonth());
    var trend = kpis.satisfaction(shown.minusMonths(5).atDay(1), shown.atEndOfMonth()).trend();
    List<Scorecards.Scorecard> cards = monthly.cards(shown);
    List<Scorecards.Scorecard> ranked = cards.stream().filter(c -> c.composite() != null)
        .sorted(Comparator.comparing(Scorecards.Scorecard::composite).reversed()).toList();
    page.addObject("month", shown.toString());
    page.addObject("previous", shown.minusMonths(1).toString());
    page.addObject("next", shown.plusMonths(1).toString());
    page.addObject("frozen", monthly.frozen(shown));
    page.addObject("figures", figures);
    page.addObject("trend", trend);
    page.addObject("months", java.util.stream.IntStream.rangeClosed(0, 5).mapToObj(i -> shown.minusMonths(5 - i).toString())
        .toList());
    page.addObject("ranked", ranked);
    page.addObject("passed", ranked.stream().filter(c -> Boolean.TRUE.equals(c.passed())).count());
    return page;
  }
}
