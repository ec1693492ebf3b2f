package com.guanjia.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.guanjia.callback.CallbackFacts;
import com.guanjia.notification.Outbox;
import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The application on the real database carries requests from intake to close and through their
 * callback visits, every step done over Camunda's REST API by the demo user whose job it is, with the
 * values Tasklist sends; time moves with the engine's clock.
 */
@GuanjiaTest
class RequestLifecycleIT {
  @LocalServerPort int port;
  @Autowired Outbox outbox;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired CallbackFacts facts;
  @Autowired TaskService tasks;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
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
    // the save points the step reached run, as the job executor would
    com.guanjia.test.Cases.continueAfterSavePoints(management, runtime.createProcessInstanceQuery()
        .processDefinitionKey("service-request").processInstanceBusinessKey(requestNo).singleResult().getId());
  }

  /** The repair's four steps as its technician and owner do them in Tasklist. */
  private void runToClose(String requestNo, String owner) {
    work("tech1", requestNo, "Task_ArriveOnSite", "{\"arrivedOnSite\":{\"value\":true},\"previousStepRating\":{\"value\":4}}");
    String eta = OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.ofHours(8)).plusHours(4)
        .withSecond(0).withNano(0).toString();
    work("tech1", requestNo, "Task_ProposePlan", "{\"plan\":{\"value\":\"更换烧毁插座，检查线路\"},\"eta\":{\"value\":\"" + eta + "\"}}");
    assertThat(OffsetDateTime.parse(view(requestNo).get("eta").asText())).isEqualTo(OffsetDateTime.parse(eta));
    work("tech1", requestNo, "Task_PerformWork", "{\"resolved\":{\"value\":true},\"resolution\":{\"value\":\"已更换插座\"}}");
    work(owner, requestNo, "Task_ConfirmWithResident",
        "{\"residentConfirmed\":{\"value\":true},\"previousStepRating\":{\"value\":5}}");
  }

  @Test
  void aWeChatRepairRunsFromIntakeToCloseOnTheRealDatabase() {
    var created = api.post("admin", "/api/requests", "application/json",
        Api.request("REPAIR", "WATER_ELECTRIC", "WECHAT", "客厅插座冒火花后没电了", "R-0003"), "wechat-msg-778812");
    assertThat(created.status()).isEqualTo(201);
    String requestNo = created.json().get("requestNo").asText();
    assertThat(created.json().get("owner").get("userId").asText()).isEqualTo("butler2");
    assertThat(created.json().get("priority").asText()).isEqualTo("URGENT");

    runToClose(requestNo, "butler2");

    JsonNode closed = view(requestNo);
    assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
    assertThat(closed.get("openTasks")).isEmpty();
    assertThat(outbox.forRequest(requestNo)).filteredOn(m -> "RESIDENT".equals(m.audience()))
        .extracting(Outbox.Message::event).containsExactly("RECEIVED", "STAFF_ON_THE_WAY", "ETA_PROMISED", "COMPLETED");
    // the owner is told that the result is theirs to confirm with the resident
    assertThat(outbox.forRequest(requestNo)).filteredOn(m -> "STAFF".equals(m.audience()))
        .extracting(m -> m.staffUserId() + "|" + m.event()).containsExactly("butler2|NEW_TASK");
    JsonNode history = api.get("auditor1", "/engine-rest/history/process-instance?maxResults=500&processInstanceBusinessKey="
        + requestNo).json();
    // closed, and followed up: the case waits for its callback visits (R5)
    assertThat(history.get(0).get("state").asText()).isEqualTo("ACTIVE");
    assertThat(closed.get("closedAt").isNull()).isFalse();
    JsonNode plans = api.get("auditor1", "/engine-rest/process-instance?maxResults=500&processDefinitionKey=callback-visits"
        + "&businessKey=" + requestNo).json();
    assertThat(plans).hasSize(1);
  }

  /** Moves the clock to the plan's next callback and runs its timer, as the job executor would. */
  private ProcessInstance callbackDue(String requestNo) {
    ProcessInstance plan = runtime.createProcessInstanceQuery().processDefinitionKey("callback-visits")
        .processInstanceBusinessKey(requestNo).list().stream()
        .filter(p -> management.createJobQuery().processInstanceId(p.getId()).timers().count() > 0)
        .findFirst().orElseThrow(() -> new AssertionError("no callback planned for " + requestNo));
    Job timer = management.createJobQuery().processInstanceId(plan.getId()).timers().singleResult();
    ClockUtil.setCurrentTime(timer.getDuedate());
    management.executeJob(timer.getId());
    return plan;
  }

  /** The customer-service agent makes the call and submits the callback form in Tasklist. */
  private void callBack(ProcessInstance plan, String answers) {
    String taskId = tasks.createTaskQuery().processInstanceId(plan.getId())
        .taskDefinitionKey("Task_CallResident").singleResult().getId();
    assertThat(api.post("frontdesk", "/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"frontdesk\"}").status())
        .isEqualTo(204);
    var done = api.post("frontdesk", "/engine-rest/task/" + taskId + "/submit-form", "{\"variables\":" + answers + "}");
    assertThat(done.status()).as(done.body()).isIn(200, 204);
  }

  private static final String SATISFIED = "{\"reached\":{\"value\":true},\"satisfaction\":{\"value\":\"SATISFIED\"},"
      + "\"problemRecurred\":{\"value\":false},\"previousStepRating\":{\"value\":5}}";

  @Test
  void aKeyRepairIsCalledBackReopenedWhenTheProblemRecursAndClosedAgain() {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant()));
    var created = api.post("frontdesk", "/api/requests",
        Api.request("REPAIR", "WATER_ELECTRIC", "PHONE", "卫生间插座漏电，跳闸", "R-0006"));
    String requestNo = created.json().get("requestNo").asText();
    String owner = created.json().get("owner").get("userId").asText();
    runToClose(requestNo, owner);
    assertThat(view(requestNo).get("status").asText()).isEqualTo("CLOSED");

    // KEY: the same day, then the next day; the second call finds the problem back
    ProcessInstance plan = callbackDue(requestNo);
    assertThat(outbox.forRequest(requestNo)).extracting(Outbox.Message::event).contains("CALLBACK_COMING");
    callBack(plan, SATISFIED);
    callbackDue(requestNo);
    callBack(plan, "{\"reached\":{\"value\":true},\"satisfaction\":{\"value\":\"DISSATISFIED\"},"
        + "\"problemRecurred\":{\"value\":true},\"comment\":{\"value\":\"插座又跳闸了\"},"
        + "\"previousStepRating\":{\"value\":2}}");

    JsonNode reopened = view(requestNo);
    assertThat(reopened.get("status").asText()).isEqualTo("OPEN");
    assertThat(reopened.get("keyItem").asBoolean()).isTrue();
    work(owner, requestNo, "Task_TakeBackCase", "{\"takeBackNote\":{\"value\":\"已安排维修工复查线路\"}}");
    runToClose(requestNo, owner);
    assertThat(view(requestNo).get("status").asText()).isEqualTo("CLOSED");

    // the supervisor makes up for the dissatisfaction; the reopened case has three KEY callbacks of its own
    String recovery = tasks.createTaskQuery()
        .processInstanceId(plan.getId()).taskDefinitionKey("Task_ServiceRecovery").singleResult().getId();
    assertThat(api.post("supervisor1", "/engine-rest/task/" + recovery + "/claim", "{\"userId\":\"supervisor1\"}")
        .status()).isEqualTo(204);
    assertThat(api.post("supervisor1", "/engine-rest/task/" + recovery + "/submit-form",
        "{\"variables\":{\"recoveryAction\":{\"value\":\"上门致歉并免费检修全屋线路\"}}}").status()).isIn(200, 204);
    for (int call = 0; call < 3; call++) {
      callBack(callbackDue(requestNo), SATISFIED);
    }

    JsonNode history = api.get("auditor1", "/engine-rest/history/process-instance?maxResults=500&processInstanceBusinessKey="
        + requestNo + "&processDefinitionKey=service-request").json();
    assertThat(history.get(0).get("state").asText()).isEqualTo("COMPLETED");
    assertThat(facts.visits(requestNo)).extracting(CallbackFacts.Visit::satisfaction)
        .containsExactly("SATISFIED", "DISSATISFIED", "SATISFIED", "SATISFIED", "SATISFIED");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(requestNo).count()).isZero();
  }
}
