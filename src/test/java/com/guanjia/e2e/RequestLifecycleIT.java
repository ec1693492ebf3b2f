package com.guanjia.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.guanjia.notification.Outbox;
import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The application on the real database carries a self-service request from intake to close, every
 * step done over Camunda's REST API by the demo user whose job it is, with the values Tasklist sends.
 */
@GuanjiaTest
class RequestLifecycleIT {
  @LocalServerPort int port;
  @Autowired Outbox outbox;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  private JsonNode view(String requestNo) {
    return api.get("supervisor1", "/api/requests/" + requestNo).json();
  }

  private void work(String user, String requestNo, String activityId, String variables) {
    JsonNode task = view(requestNo).get("openTasks").get(0);
    assertThat(task.get("activityId").asText()).isEqualTo(activityId);
    String id = task.get("taskId").asText();
    if (task.get("assignee") == null) {
      assertThat(api.post(user, "/engine-rest/task/" + id + "/claim", "{\"userId\":\"" + user + "\"}").status())
          .isEqualTo(204);
    }
    var done = api.post(user, "/engine-rest/task/" + id + "/submit-form", "{\"variables\":" + variables + "}");
    assertThat(done.status()).as(done.body()).isIn(200, 204);
  }

  @Test
  void aWeChatRepairRunsFromIntakeToCloseOnTheRealDatabase() {
    var created = api.post("admin", "/api/requests", "application/json",
        Api.request("REPAIR", "WATER_ELECTRIC", "WECHAT", "客厅插座冒火花后没电了", "R-0003"), "wechat-msg-778812");
    assertThat(created.status()).isEqualTo(201);
    String requestNo = created.json().get("requestNo").asText();
    assertThat(created.json().get("owner").get("userId").asText()).isEqualTo("butler2");
    assertThat(created.json().get("priority").asText()).isEqualTo("URGENT");

    work("tech1", requestNo, "Task_ArriveOnSite", "{\"arrivedOnSite\":{\"value\":true},\"previousStepRating\":{\"value\":4}}");
    String eta = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusHours(4).withSecond(0).withNano(0).toString();
    work("tech1", requestNo, "Task_ProposePlan", "{\"plan\":{\"value\":\"更换烧毁插座，检查线路\"},\"eta\":{\"value\":\"" + eta + "\"}}");
    assertThat(OffsetDateTime.parse(view(requestNo).get("eta").asText())).isEqualTo(OffsetDateTime.parse(eta));
    work("tech1", requestNo, "Task_PerformWork", "{\"resolved\":{\"value\":true},\"resolution\":{\"value\":\"已更换插座\"}}");
    work("butler2", requestNo, "Task_ConfirmWithResident",
        "{\"residentConfirmed\":{\"value\":true},\"previousStepRating\":{\"value\":5}}");

    JsonNode closed = view(requestNo);
    assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
    assertThat(closed.get("openTasks")).isEmpty();
    assertThat(outbox.forRequest(requestNo)).extracting(Outbox.Message::event)
        .containsExactly("RECEIVED", "STAFF_ON_THE_WAY", "ETA_PROMISED", "COMPLETED");
    JsonNode history = api.get("auditor1", "/engine-rest/history/process-instance?processInstanceBusinessKey="
        + requestNo).json();
    assertThat(history.get(0).get("state").asText()).isEqualTo("COMPLETED");
  }
}
