package com.guanjia.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code POST /api/requests/{requestNo}/eta} over HTTP, before and after the promise passed (R3). */
@GuanjiaTest
class EtaApiTest {
  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** A repair at the work step, tech1 handling it, promised for {@code eta}. */
  private String repairAtWork(OffsetDateTime eta) {
    var created = api.post("frontdesk", "/api/requests", Api.request("REPAIR", "DRAIN", "PHONE", "卫生间地漏反味", "R-0001"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String requestNo = created.json().get("requestNo").asText();
    String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(requestNo)
        .processDefinitionKey("service-request").singleResult().getId();
    var arrive = tasks.createTaskQuery().processInstanceBusinessKey(requestNo).singleResult();
    tasks.claim(arrive.getId(), "tech1");
    tasks.complete(arrive.getId(), Map.of("arrivedOnSite", true, "previousStepRating", 4));
    tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(requestNo).singleResult().getId(),
        Map.of("plan", "更换存水弯", "eta", Date.from(eta.toInstant())));
    return requestNo;
  }

  private static String body(OffsetDateTime eta, String reason, String remedy) {
    return "{\"eta\":\"%s\",\"reason\":%s,\"remedy\":%s}".formatted(eta,
        reason == null ? "null" : "\"" + reason + "\"", remedy == null ? "null" : "\"" + remedy + "\"");
  }

  private String processInstance(String requestNo) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(requestNo)
        .processDefinitionKey("service-request").singleResult().getId();
  }

  @Test
  void theHandlerChangesThePromiseBeforeItPasses() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
    String requestNo = repairAtWork(now.plusHours(2));
    OffsetDateTime later = now.plusDays(2).withSecond(0);

    var response = api.post("tech1", "/api/requests/" + requestNo + "/eta", body(later, "配件缺货", "先临时处理"));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().get("late").asBoolean()).isFalse();
    var timer = management.createJobQuery().rootProcessInstanceId(processInstance(requestNo))
        .activityId("BoundaryEvent_EtaMissed").singleResult();
    assertThat(timer.getDuedate().toInstant()).isEqualTo(later.toInstant());
    assertThat(jdbc.sql("select text from outbox_message where request_no = ? and event = 'ETA_CHANGED'")
        .param(requestNo).query(String.class).single()).contains("配件缺货").contains("先临时处理");
  }

  @Test
  void aChangeAfterThePromisePassedIsToldButTheBrokenPromiseStays() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
    String requestNo = repairAtWork(now.plusHours(1));
    String pi = processInstance(requestNo);
    var timer = management.createJobQuery().rootProcessInstanceId(pi).activityId("BoundaryEvent_EtaMissed").singleResult();
    ClockUtil.setCurrentTime(Date.from(now.plusHours(2).toInstant()));
    management.executeJob(timer.getId());

    OffsetDateTime later = now.plusDays(1).withSecond(0);
    var response = api.post("frontdesk", "/api/requests/" + requestNo + "/eta", body(later, "等待物业审批", null));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().get("late").asBoolean()).isTrue();
    assertThat(jdbc.sql("select target from sla_violation where request_no = ?").param(requestNo)
        .query(String.class).list()).containsExactly("ETA");
    var rearmed = management.createJobQuery().rootProcessInstanceId(pi).activityId("BoundaryEvent_EtaMissed").singleResult();
    assertThat(rearmed.getDuedate().toInstant()).isEqualTo(later.toInstant());
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(requestNo).taskDefinitionKey("Task_PerformWork").singleResult()
        .getAssignee()).isEqualTo("tech1");
  }

  @Test
  void badInputNamesTheFieldAndOthersMayNotChangeThePromise() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
    String requestNo = repairAtWork(now.plusHours(2));

    var noReason = api.post("tech1", "/api/requests/" + requestNo + "/eta", body(now.plusDays(1), null, null));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body()).contains("reason");
    var past = api.post("tech1", "/api/requests/" + requestNo + "/eta", body(now.minusHours(1), "下雨", null));
    assertThat(past.status()).isEqualTo(400);
    assertThat(past.body()).contains("eta");
    assertThat(api.post("cleaner1", "/api/requests/" + requestNo + "/eta", body(now.plusDays(1), "下雨", null)).status())
        .isEqualTo(403);
    // what the resident would read goes back to the writer when it holds a forbidden phrase (R8)
    var rude = api.post("tech1", "/api/requests/" + requestNo + "/eta", body(now.plusDays(1), "配件的事不归我管", null));
    assertThat(rude.status()).isEqualTo(400);
    assertThat(rude.json().get("field").asText()).isEqualTo("reason");
    assertThat(rude.json().get("detail").asText()).contains("不归我管");
    var rudeRemedy = api.post("tech1", "/api/requests/" + requestNo + "/eta", body(now.plusDays(1), "下雨",
        "没办法，等着吧"));
    assertThat(rudeRemedy.json().get("field").asText()).isEqualTo("remedy");
    assertThat(api.post("tech1", "/api/requests/GJ-19990101-0001/eta", body(now.plusDays(1), "下雨", null)).status())
        .isEqualTo(404);
    assertThat(jdbc.sql("select count(*) from eta_change where request_no = ?").param(requestNo)
        .query(Long.class).single()).isZero();
  }
}
