package com.guanjia.e2e;

import static com.guanjia.process.ProcessContract.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.guanjia.test.Api;
import com.guanjia.test.Cases;
import com.guanjia.test.GuanjiaTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 审计追溯 in a real browser (Debian's Chromium): auditor1 opens a closed repair's trail and sees its timeline beside
 * the diagrams of the models it ran on, the path it took highlighted (bpmn-js, served by the application), and the
 * seal intact; a technician is refused. Screenshots: {@code target/screenshots/6x-*}.
 */
@GuanjiaTest
class AuditPageIT {
  private static final OffsetDateTime SEPTEMBER_7 = OffsetDateTime.of(2032, 9, 7, 9, 30, 0, 0, ZoneOffset.ofHours(8));

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  @Autowired org.camunda.bpm.engine.ProcessEngine engine;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private String aClosedRepair() {
    org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions.init(engine);
    ClockUtil.setCurrentTime(Date.from(SEPTEMBER_7.toInstant()));
    var created = new Api(port).post("frontdesk", "/api/requests",
        Api.request("REPAIR", "WATER_ELECTRIC", "PHONE", "客厅插座冒火花", "R-0001"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    ProcessInstance kase = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_SERVICE_REQUEST)
        .processInstanceBusinessKey(created.json().get("requestNo").asText()).singleResult();
    new Cases(runtime, tasks, jdbc, management).repairToClose(kase, SEPTEMBER_7, 10, 25, 70, 80, "更换插座",
        "已更换插座并检查线路");
    ClockUtil.reset();
    return kase.getBusinessKey();
  }

  @Test
  void anAuditorReadsTheTrailBesideTheDiagramsOfThePathItTook() {
    assumeTrue(Tasklist.available(), "Debian's chromium and chromium-driver are installed by .ci/run");
    String requestNo = aClosedRepair();
    Tasklist.use(port, "audit", tasklist -> {
      // auditors use Cockpit: its top bar links to 审计追溯, which lists the latest requests
      tasklist.loginCockpit("auditor1", true);
      tasklist.screenshot("60-auditor1-cockpit");
      var page = tasklist.page("http://localhost:" + port + "/audit");
      tasklist.await(By.id("latest"));
      tasklist.screenshot("61-auditor1-audit-search");
      page.findElement(By.id("requestNo")).sendKeys(requestNo);
      page.findElement(By.cssSelector("#search button[type='submit']")).click();
      assertThat(tasklist.await(By.id("requestNo")).getText()).isEqualTo(requestNo);
      assertThat(page.findElement(By.tagName("h1")).getText()).contains("审计追溯");
      assertThat(page.findElement(By.id("seal")).getText()).startsWith("封存完好");
      String timeline = page.findElement(By.id("timeline")).getText();
      assertThat(timeline).contains("登记", "分诊定级", "完成任务", "办结", "tech1", "更换插座");
      // every diagram drawn, the steps passed marked: 到达现场 in handle-on-site, 记录请求已办结 in service-request
      new org.openqa.selenium.support.ui.WebDriverWait(page, java.time.Duration.ofSeconds(20)).until(d ->
          ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
              "return window.diagramsDrawn === document.querySelectorAll('.diagram').length"));
      assertThat(page.findElements(By.cssSelector(".djs-element.passed[data-element-id='Task_ArriveOnSite']")))
          .isNotEmpty();
      assertThat(page.findElements(By.cssSelector(".djs-element.passed[data-element-id='Task_CloseCase']")))
          .isNotEmpty();
      // the callback plan waits for its first call
      assertThat(page.findElements(By.cssSelector(".djs-element.active"))).isNotEmpty();
      tasklist.screenshot("62-auditor1-audit-trail");

      tasklist.login("tech1");
      tasklist.page("http://localhost:" + port + "/audit/" + requestNo);
      assertThat(tasklist.await(By.id("error")).getText()).contains("审计追溯供审计");
      tasklist.screenshot("63-tech1-audit-refused");
    });
  }
}
