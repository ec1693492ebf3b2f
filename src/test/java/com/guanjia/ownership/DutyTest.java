package com.guanjia.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.guanjia.notification.Outbox;
import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Duty outside service hours (值班): the roster is imported; an urgent repair at night is offered to the technician
 * on duty (the group still), and its receipt gives the duty phone; by day, or when not urgent, the zone's
 * technician. The morning handover is {@link DutyHandoverProcessTest}.
 */
@GuanjiaTest
class DutyTest {
  /** Monday 7 December 2026; the company's service hours are 08:00–20:00 every day, Asia/Shanghai. */
  private static final OffsetDateTime NIGHT = OffsetDateTime.parse("2026-12-07T23:10:00+08:00");
  private static final OffsetDateTime DAY = OffsetDateTime.parse("2026-12-08T10:00:00+08:00");

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired Outbox outbox;
  Api api;

  @BeforeEach
  void rosterWithANightTechnician() {
    api = new Api(port);
    ClockUtil.setCurrentTime(Date.from(NIGHT.minusHours(4).toInstant()));
    if (!api.get("supervisor1", "/api/staff/tech7").json().has("userId")) {
      var kept = api.send("supervisor1", HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/staff/tech7"))
          .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("""
              {"displayName":"夜班维修 蒋工","trade":"maintenance","workPhone":"139-0000-2007","supervisorId":"supervisor1"}""")));
      assertThat(kept.status()).as(kept.body()).isEqualTo(200);
    }
    byte[] roster = ("日期,开始,结束,岗位,值班人,值班电话\n2026-12-07,20:00,08:00,维修,tech7,139-0000-2077\n")
        .getBytes(StandardCharsets.UTF_8);
    JsonNode imported = upload(roster);
    assertThat(imported.get("state").asText()).as(imported.toString()).isEqualTo("IMPORTED");
  }

  private final java.util.List<String> registered = new java.util.ArrayList<>();

  /** The cases this test opened, dated a night and a morning ahead, would lead other tests' task lists. */
  @AfterEach
  void resetClockAndCloseTheCases() {
    ClockUtil.reset();
    for (String requestNo : registered) {
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(requestNo).processDefinitionKey("service-request")
          .list().forEach(c -> runtime.deleteProcessInstance(c.getId(), "DutyTest is done with it", true));
    }
  }

  private JsonNode upload(byte[] file) {
    var started = api.postMultipart("supervisor1", "/api/duty/imports?dryRun=false", Map.of(), "file", "duty.csv", file);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String id = started.json().get("importId").asText();
    for (int i = 0; i < 600; i++) {
      JsonNode report = api.get("supervisor1", "/api/duty/imports/" + id).json();
      if (!report.get("state").asText().equals("RUNNING")) {
        return report;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("import did not finish");
  }

  private List<String> offeredTo(String requestNo) {
    var visit = tasks.createTaskQuery().processInstanceBusinessKey(requestNo).taskDefinitionKey("Task_ArriveOnSite")
        .singleResult();
    return tasks.getIdentityLinksForTask(visit.getId()).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
        .map(l -> l.getUserId() != null ? "user:" + l.getUserId() : "group:" + l.getGroupId()).sorted().toList();
  }

  private String receipt(String requestNo) {
    return outbox.forRequest(requestNo).stream().filter(m -> "RECEIVED".equals(m.event())).findFirst().orElseThrow()
        .text();
  }

  private String register(String description) {
    var response = api.post("frontdesk", "/api/requests", Api.request("REPAIR", "WATER_ELECTRIC", "PHONE", description,
        "R-0001"));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    registered.add(response.json().get("requestNo").asText());
    return response.json().get("requestNo").asText();
  }

  @Test
  void anUrgentRepairAtNightReachesTheTechnicianOnDutyAndTheReceiptGivesTheDutyPhone() {
    assertThat(api.get("frontdesk", "/api/duty?from=2026-12-07&days=1").json().toString())
        .contains("tech7", "139-0000-2077");

    ClockUtil.setCurrentTime(Date.from(NIGHT.toInstant()));
    String urgent = register("卫生间水管爆管，水漫到客厅");
    assertThat(offeredTo(urgent)).containsExactly("group:maintenance", "user:tech7");
    assertThat(receipt(urgent)).contains("值班人员电话 139-0000-2077");

    // not urgent: the zone's technician in the morning, no duty phone
    String ordinary = register("客厅灯不亮");
    assertThat(offeredTo(ordinary)).containsExactly("group:maintenance", "user:tech1");
    assertThat(receipt(ordinary)).doesNotContain("值班");

    // an urgent request of a trade nobody is on duty for: the receipt gives the project's duty phone
    var leak = api.post("frontdesk", "/api/requests", Api.request("HELP", "SECURITY", "PHONE", "楼下有人撬车门", "R-0001"));
    assertThat(leak.status()).as(leak.body()).isEqualTo(201);
    registered.add(leak.json().get("requestNo").asText());
    assertThat(receipt(leak.json().get("requestNo").asText())).contains("值班人员电话 0571-86000000");

    // by day an urgent repair goes to the zone's technician
    ClockUtil.setCurrentTime(Date.from(DAY.toInstant()));
    String byDay = register("厨房水管爆管");
    assertThat(offeredTo(byDay)).containsExactly("group:maintenance", "user:tech1");
    assertThat(receipt(byDay)).doesNotContain("值班");
  }
}
