package com.guanjia.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.guanjia.test.GuanjiaTest;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * 考核看板 in a real browser (Debian's Chromium): a supervisor opens it from Tasklist's top bar and the charts are
 * drawn (ECharts, served by the application); in English when the browser asks; a technician has no link to it.
 * Screenshots: {@code target/screenshots/5x-*}.
 */
@GuanjiaTest
class DashboardIT {
  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired org.camunda.bpm.engine.RuntimeService runtime;
  @Autowired com.guanjia.scoring.CaseSummaries summaries;
  @Autowired com.guanjia.scoring.ScoreLedger ledger;

  /**
   * Last month as the ledger and the callbacks left it: eight repairs closed in both zones, two of them late on
   * site, residents' answers at the callbacks, and the points they earned or cost.
   */
  private void lastMonthsWork() {
    var zone = ZoneOffset.ofHours(8);
    YearMonth lastMonth = YearMonth.now(zone).minusMonths(1);
    String[][] cases = {{"R-0001", "tech1", "SATISFIED"}, {"R-0002", "tech1", "DEEPLY_MOVED"},
        {"R-0003", "cleaner1", "DISSATISFIED"}, {"R-0004", "guard1", "MET_EXPECTATIONS"},
        {"R-0005", "tech1", "SATISFIED"}, {"R-0006", "cleaner1", "SATISFIED"}, {"R-0004", "tech1", "DISSATISFIED"},
        {"R-0001", "guard1", "SATISFIED"}};
    for (int i = 0; i < cases.length; i++) {
      String requestNo = "GJ-DASH-" + lastMonth + "-" + i;
      OffsetDateTime registered = lastMonth.atDay(3 + i * 3).atTime(9, 0).atOffset(zone);
      jdbc.sql("insert into service_request (request_no, type, category, channel, resident_id, registered_by, "
              + "registered_at) values (?, 'REPAIR', 'WATER_ELECTRIC', 'PHONE', ?, 'frontdesk', ?)")
          .params(requestNo, cases[i][0], registered).update();
      summaries.closed(new com.guanjia.scoring.CaseSummaries.Closed(requestNo, "P01", "REPAIR", "WATER_ELECTRIC",
          "NORMAL", "frontdesk", cases[i][1], registered.plusMinutes(8).toInstant(),
          registered.plusMinutes(i % 3 == 0 ? 25 : 12).toInstant(), registered.plusMinutes(40).toInstant(),
          registered.plusHours(3).toInstant(), registered.plusHours(4).toInstant(), 0));
      jdbc.sql("insert into callback_visit (request_no, plan_instance_id, tier, callback_no, attempt, outcome, "
              + "satisfaction, problem_recurred, called_by, called_at) values (?, ?, 'KEY', 1, 1, 'REACHED', ?, false, "
              + "'frontdesk', ?)")
          .params(requestNo, "plan-" + requestNo, cases[i][2], registered.plusHours(6)).update();
      ClockUtil.setCurrentTime(Date.from(registered.plusHours(6).toInstant()));
      if (i % 3 == 0) {
        jdbc.sql("insert into sla_violation (dedupe_key, request_no, target, responsible_user, due_at, detected_at, "
                + "overdue_seconds) values (?, ?, 'ON_SITE', ?, ?, ?, 600)")
            .params(requestNo + ":ON_SITE", requestNo, cases[i][1], registered.plusMinutes(15),
                registered.plusMinutes(16)).update();
        ledger.record(requestNo + ":late", com.guanjia.scoring.ScoreLedger.Kind.MISSED_TARGET, cases[i][1], requestNo,
            "ON_SITE", "ON_SITE", "NORMAL");
      }
      if (cases[i][2].equals("DEEPLY_MOVED") || cases[i][2].equals("DISSATISFIED")) {
        ledger.record(requestNo + ":answer", com.guanjia.scoring.ScoreLedger.Kind.valueOf(cases[i][2]), cases[i][1],
            requestNo, "Task_CallResident", null, null);
      }
      ClockUtil.reset();
    }
  }

  /** Issue 15: the front desk raises a request to urgent in Tasklist's start form, with its reason. */
  @Test
  void theFrontDeskRaisesARequestToUrgentInTheStartForm() {
    assumeTrue(Tasklist.available(), "Debian's chromium and chromium-driver are installed by .ci/run");
    // told apart from other tests' requests by its words (their registration times may be years ahead)
    String description = "业主来电说家中老人呼吸急促，请马上派人（" + Long.toString(System.nanoTime(), 36) + "）";
    Tasklist.use(port, "urgent", tasklist -> {
      tasklist.login("frontdesk");
      tasklist.startRequest("服务请求", "求助", "水电", "R-0002", description, "老人身体不适，需立即上门查看");
      tasklist.screenshot("52-frontdesk-raised-urgent");
    });
    String requestNo = runtime.createProcessInstanceQuery().processDefinitionKey("service-request")
        .variableValueEquals("description", description).singleResult().getBusinessKey();
    var view = new com.guanjia.test.Api(port).get("supervisor1", "/api/requests/" + requestNo).json();
    assertThat(view.get("priority").asText()).isEqualTo("URGENT");
  }

  @Test
  void aSupervisorReadsTheMonthOnTheDashboard() {
    assumeTrue(Tasklist.available(), "Debian's chromium and chromium-driver are installed by .ci/run");
    lastMonthsWork();
    Tasklist.use(port, "dashboard", tasklist -> {
      tasklist.login("supervisor1");
      assertThat(tasklist.await(By.id("guanjiaDashboard")).getAttribute("href")).endsWith("/staff/dashboard");
      var page = tasklist.page("http://localhost:" + port + "/staff/dashboard");
      assertThat(tasklist.await(By.id("month")).getText()).matches("\\d{4}-\\d{2}");
      // each chart is drawn: ECharts puts a canvas into its box
      for (String chart : new String[] {"trendChart", "onTimeChart", "violationsChart", "escalationsChart",
          "rankingChart"}) {
        tasklist.await(By.cssSelector("#" + chart + " canvas"));
      }
      assertThat(page.findElement(By.tagName("h1")).getText()).contains("考核看板");
      // six of eight answers were satisfied or better
      assertThat(page.findElement(By.id("satisfactionRate")).getText()).isEqualTo("75.0%");
      assertThat(page.findElement(By.id("ranking")).getText()).contains("郑海", "未达标");
      tasklist.screenshot("50-supervisor1-dashboard");
      page.findElement(By.id("previousMonth")).click();
      tasklist.await(By.cssSelector("#trendChart canvas"));
      tasklist.screenshot("51-supervisor1-dashboard-previous-month");

      tasklist.login("tech1");
      tasklist.await(By.id("guanjiaMessages"));
      assertThat(page.findElements(By.id("guanjiaDashboard"))).isEmpty();
    });
  }
}
