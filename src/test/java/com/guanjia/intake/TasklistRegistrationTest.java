package com.guanjia.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Front-desk staff register a request with Tasklist's start form (登记服务请求), as the API would. */
@GuanjiaTest
class TasklistRegistrationTest {
  private static final String SUBMIT = "/engine-rest/process-definition/key/service-request/submit-form";

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired JdbcClient jdbc;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  private static String form(String type, String category, String channel, String residentId, String description) {
    return """
        {"variables":{"type":{"value":"%s"},"category":{"value":"%s"},"channel":{"value":"%s"},
         "residentId":{"value":"%s"},"location":{"value":"2-1-0302"},"description":{"value":"%s"}}}"""
        .formatted(type, category, channel, residentId, description);
  }

  private long records() {
    return jdbc.sql("select count(*) from service_request").query(Long.class).single();
  }

  @Test
  void theStartFormRegistersARequestWithANumberAndTheRegistrarAsOwner() {
    var started = api.post("frontdesk", SUBMIT, form("ESCORT", "SECURITY", "WALK_IN", "R-0002", "今晚8点东门接送"));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String requestNo = started.json().get("businessKey").asText();
    assertThat(requestNo).matches("GJ-\\d{8}-\\d{4}");

    var view = api.get("frontdesk", "/api/requests/" + requestNo).json();
    assertThat(view.get("owner").get("userId").asText()).isEqualTo("frontdesk");
    assertThat(view.get("location").asText()).isEqualTo("2-1-0302");
    assertThat(view.get("keyItem").asBoolean()).isTrue();
    assertThat(view.get("openTasks").get(0).get("activityId").asText()).isEqualTo("Task_ScheduleEscort");
    assertThat(runtime.getVariable(started.json().get("id").asText(), "location")).isNull();
    // R-0002 is elderly and hard of hearing and lives in 阳光花园管理处's zone: both reach triage
    assertThat(runtime.getVariable(started.json().get("id").asText(), "residentNeeds")).isEqualTo("ELDERLY,HARD_OF_HEARING");
    assertThat(runtime.getVariable(started.json().get("id").asText(), "projectId")).isEqualTo("P01");
  }

  @Test
  void badValuesInTheStartFormAreSentBackAndCreateNothing() {
    long before = records();
    long cases = runtime.createProcessInstanceQuery().count();
    var refused = api.post("frontdesk", SUBMIT, form("ESCORT", "SECURITY", "WALK_IN", "R-7777", "接送"));
    assertThat(refused.status()).isGreaterThanOrEqualTo(400);
    assertThat(refused.json().get("message").asText()).contains("residentId");
    var badType = api.post("frontdesk", SUBMIT, form("PARTY", "SECURITY", "WALK_IN", "R-0002", "接送"));
    assertThat(badType.json().get("message").asText()).contains("type");
    assertThat(records()).isEqualTo(before);
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(cases);
  }

  /** Issue 15: 提为紧急 on the start form, with its reason: the case is urgent and keeps why; without one, refused. */
  @Test
  void theStartFormRaisesARequestToUrgentOnlyWithAReason() {
    String raised = """
        {"variables":{"type":{"value":"HELP"},"category":{"value":"OTHER"},"channel":{"value":"PHONE"},
         "residentId":{"value":"R-0001"},"description":{"value":"业主说家里有怪味"},"urgentRaised":{"value":true},
         "urgentReason":{"value":%s}}}""";
    var refused = api.post("frontdesk", SUBMIT, raised.formatted("null"));
    assertThat(refused.status()).isGreaterThanOrEqualTo(400);
    assertThat(refused.json().get("message").asText()).contains("urgentReason");

    var started = api.post("frontdesk", SUBMIT, raised.formatted("\"业主描述疑似燃气味，先按紧急上门\""));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    var view = api.get("frontdesk", "/api/requests/" + started.json().get("businessKey").asText()).json();
    assertThat(view.get("priority").asText()).isEqualTo("URGENT");
    assertThat(runtime.getVariable(started.json().get("id").asText(), "urgentReason"))
        .isEqualTo("业主描述疑似燃气味，先按紧急上门");
  }
}
