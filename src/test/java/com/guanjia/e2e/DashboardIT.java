package com.guanjia.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.guanjia.test.GuanjiaTest;
import org.junit.jupiter.api.Test;
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

  @Test
  void aSupervisorReadsTheMonthOnTheDashboard() {
    assumeTrue(Tasklist.available(), "Debian's chromium and chromium-driver are installed by .ci/run");
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
