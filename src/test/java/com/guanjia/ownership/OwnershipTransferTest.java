package com.guanjia.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** R1: a supervisor transfers ownership with a reason, through Tasklist's start form or the API. */
@GuanjiaTest
class OwnershipTransferTest {
  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired TaskService tasks;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  private String inquiry() {
    return api.post("frontdesk", "/api/requests", Api.request("INQUIRY", "OTHER", "PHONE", "物业费怎么交", "R-0003"))
        .json().get("requestNo").asText();
  }

  private static String form(String requestNo, String newOwner, String reason) {
    return """
        {"variables":{"requestNo":{"value":"%s"},"newOwner":{"value":"%s"},"transferReason":{"value":"%s"}}}"""
        .formatted(requestNo, newOwner, reason);
  }

  @Test
  void supervisorTransfersThroughTheTasklistStartForm() {
    String requestNo = inquiry();
    var started = api.post("supervisor1", "/engine-rest/process-definition/key/ownership-transfer/submit-form",
        form(requestNo, "butler2", "前台休假，由西区管家跟进"));
    assertThat(started.status()).as(started.body()).isEqualTo(200);

    var view = api.get("supervisor1", "/api/requests/" + requestNo).json();
    assertThat(view.get("owner").get("userId").asText()).isEqualTo("butler2");
    assertThat(view.get("openTasks").get(0).get("assignee").asText()).isEqualTo("butler2");
    assertThat(jdbc.sql("select from_user || '>' || to_user || ':' || reason || ':' || transferred_by "
        + "from ownership_transfer where request_no = ?").param(requestNo).query(String.class).single())
        .isEqualTo("frontdesk>butler2:前台休假，由西区管家跟进:supervisor1");
    String instanceId = api.get("supervisor1", "/engine-rest/process-instance?maxResults=500&businessKey=" + requestNo).json()
        .get(0).get("id").asText();
    assertThat(tasks.getProcessInstanceComments(instanceId))
        .anyMatch(c -> c.getFullMessage().contains("前台休假") && "supervisor1".equals(c.getUserId()));
  }

  /** Staff may not even see the transfer process: Camunda answers as if it did not exist. */
  @Test
  void staffCannotStartATransfer() {
    String requestNo = inquiry();
    var refused = api.post("tech1", "/engine-rest/process-definition/key/ownership-transfer/submit-form",
        form(requestNo, "tech1", "我来负责"));
    assertThat(refused.status()).isEqualTo(404);
    assertThat(api.get("supervisor1", "/api/requests/" + requestNo).json().get("owner").get("userId").asText())
        .isEqualTo("frontdesk");
  }

  @Test
  void aTransferToSomeoneWhoIsNotStaffIsSentBackNamingTheField() {
    String requestNo = inquiry();
    var refused = api.post("supervisor1", "/engine-rest/process-definition/key/ownership-transfer/submit-form",
        form(requestNo, "nobody", "测试"));
    // Camunda's REST API reports a failed start form as a RestException; Tasklist shows its message.
    assertThat(refused.status()).isGreaterThanOrEqualTo(400);
    assertThat(refused.json().get("message").asText()).contains("newOwner: no active staff member nobody");
    assertThat(api.get("supervisor1", "/api/requests/" + requestNo).json().get("owner").get("userId").asText())
        .isEqualTo("frontdesk");
  }

  @Test
  void aClosedRequestHasNoOwnerToChange() {
    String requestNo = inquiry();
    String task = api.get("frontdesk", "/api/requests/" + requestNo).json().get("openTasks").get(0).get("taskId")
        .asText();
    assertThat(api.post("frontdesk", "/engine-rest/task/" + task + "/complete",
        "{\"variables\":{\"resolution\":{\"value\":\"在物业中心或App缴纳\"}}}").status()).isEqualTo(204);
    var refused = api.post("supervisor1", "/api/requests/" + requestNo + "/owner",
        "{\"newOwner\":\"butler2\",\"reason\":\"太晚了\"}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("field").asText()).isEqualTo("requestNo");
  }
}
