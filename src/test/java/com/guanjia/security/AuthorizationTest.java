package com.guanjia.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Who may see and do what, through Guanjia's API and Camunda's REST API. */
@GuanjiaTest
class AuthorizationTest {
  @LocalServerPort int port;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  private String register(String user, String type, String category, String residentId) {
    var response = api.post(user, "/api/requests", Api.request(type, category, "PHONE", "授权测试", residentId));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().get("requestNo").asText();
  }

  private String openTaskId(String requestNo) {
    return api.get("supervisor1", "/api/requests/" + requestNo).json().get("openTasks").get(0).get("taskId").asText();
  }

  @Test
  void anonymousCallsGet401() {
    assertThat(api.get(null, "/api/requests/GJ-20260101-0001").status()).isEqualTo(401);
    assertThat(api.post(null, "/api/requests", Api.request("REPAIR", "DRAIN", "PHONE", "x", "R-0001")).status())
        .isEqualTo(401);
    assertThat(api.get(null, "/engine-rest/task").status()).isEqualTo(401);
  }

  /** Uses a user no other test signs in as: Camunda delays a user's logins after a failed one. */
  @Test
  void aWrongPasswordGets401() {
    assertThat(api.get("gardener1:wrong", "/api/requests/GJ-20260101-0001").status()).isEqualTo(401);
    assertThat(api.get("gardener1:wrong", "/engine-rest/task").status()).isEqualTo(401);
  }

  @Test
  void auditorsReadButMayNotRegister() {
    var response = api.post("auditor1", "/api/requests", Api.request("REPAIR", "DRAIN", "PHONE", "x", "R-0001"));
    assertThat(response.status()).isEqualTo(403);
    String requestNo = register("frontdesk", "REPAIR", "DRAIN", "R-0001");
    assertThat(api.get("auditor1", "/api/requests/" + requestNo).status()).isEqualTo(200);
    assertThat(api.get("auditor1", "/engine-rest/history/process-instance?maxResults=500&processDefinitionKey=service-request"
        + "&processInstanceBusinessKey=" + requestNo).json().size()).isEqualTo(1);
  }

  @Test
  void staffCannotForgeACaseThroughTheEngineApi() {
    String existing = register("frontdesk", "REPAIR", "DRAIN", "R-0001");
    var forged = api.post("tech1", "/engine-rest/process-definition/key/service-request/start", """
        {"businessKey":"%s","variables":{"requestNo":{"value":"%s"},"type":{"value":"REPAIR"},
         "category":{"value":"DRAIN"},"channel":{"value":"PHONE"},"description":{"value":"x"},
         "residentId":{"value":"R-0001"},"registeredBy":{"value":"butler1"}}}""".formatted(existing, existing));
    assertThat(forged.status()).isGreaterThanOrEqualTo(400);
    assertThat(forged.body()).contains("request numbers are given by Guanjia");
  }

  @Test
  void nobodyChangesTheOwnerOrTriageBySettingVariables() {
    String requestNo = register("frontdesk", "INQUIRY", "OTHER", "R-0001");
    String task = openTaskId(requestNo);
    var complete = api.post("frontdesk", "/engine-rest/task/" + task + "/complete", """
        {"variables":{"resolution":{"value":"已答复"},"firstResponder":{"value":"butler1"}}}""");
    assertThat(complete.status()).isEqualTo(403);
    assertThat(complete.json().get("message").asText()).contains("firstResponder");
    String instance = api.get("supervisor1", "/engine-rest/process-instance?maxResults=500&businessKey=" + requestNo).json().get(0)
        .get("id").asText();
    var put = api.send("supervisor1", java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            "http://localhost:" + port + "/engine-rest/process-instance/" + instance + "/variables/priority"))
        .header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"value\":\"LOW\",\"type\":\"String\"}")));
    assertThat(put.status()).isEqualTo(403);
    var modify = api.post("supervisor1", "/engine-rest/process-instance/" + instance + "/variables",
        "{\"modifications\":{\"escalationLevel\":{\"value\":3}}}");
    assertThat(modify.status()).isEqualTo(403);
    assertThat(api.get("supervisor1", "/api/requests/" + requestNo).json().get("owner").get("userId").asText())
        .isEqualTo("frontdesk");
    assertThat(api.post("frontdesk", "/engine-rest/task/" + task + "/complete",
        "{\"variables\":{\"resolution\":{\"value\":\"已答复\"}}}").status()).isEqualTo(204);
  }

  @Test
  void auditorsMayNotCompleteOrClaimTasks() {
    String task = openTaskId(register("frontdesk", "REPAIR", "DRAIN", "R-0001"));
    assertThat(api.post("auditor1", "/engine-rest/task/" + task + "/claim", "{\"userId\":\"auditor1\"}").status())
        .isEqualTo(403);
    assertThat(api.post("auditor1", "/engine-rest/task/" + task + "/complete", "{}").status()).isEqualTo(403);
  }

  @Test
  void staffSeeAndWorkTheirGroupsTasksOnly() {
    String requestNo = register("frontdesk", "REPAIR", "DRAIN", "R-0001");
    String task = openTaskId(requestNo);

    assertThat(api.get("cleaner1", "/engine-rest/task?maxResults=500&processInstanceBusinessKey=" + requestNo).json().size()).isZero();
    assertThat(api.post("cleaner1", "/engine-rest/task/" + task + "/claim", "{\"userId\":\"cleaner1\"}").status())
        .isEqualTo(403);

    var mine = api.get("tech1", "/engine-rest/task?maxResults=500&processInstanceBusinessKey=" + requestNo);
    assertThat(mine.json().size()).isEqualTo(1);
    assertThat(api.post("tech1", "/engine-rest/task/" + task + "/claim", "{\"userId\":\"tech1\"}").status())
        .isEqualTo(204);
    var complete = api.post("tech1", "/engine-rest/task/" + task + "/complete", """
        {"variables":{"arrivedOnSite":{"value":true},"previousStepRating":{"value":4}}}""");
    assertThat(complete.status()).as(complete.body()).isEqualTo(204);
    assertThat(api.get("tech1", "/api/requests/" + requestNo).json().get("openTasks").get(0).get("activityId").asText())
        .isEqualTo("Task_ProposePlan");
  }

  @Test
  void attitudeComplaintsAreSeenBySupervisorsNotByStaff() {
    String requestNo = register("frontdesk", "COMPLAINT", "STAFF_ATTITUDE", "R-0001");
    assertThat(api.get("tech1", "/api/requests/" + requestNo).status()).isEqualTo(403);
    assertThat(api.get("butler1", "/api/requests/" + requestNo).status()).isEqualTo(403);
    // nor through Camunda's API: staff read only the cases they work on
    String instance = api.get("supervisor1", "/engine-rest/history/process-instance?maxResults=500&processInstanceBusinessKey="
        + requestNo).json().get(0).get("id").asText();
    assertThat(api.get("supervisor1", "/engine-rest/history/variable-instance?maxResults=500&processInstanceId=" + instance).json()
        .size()).isPositive();
    for (String staff : new String[] {"tech1", "butler1", "guard1"}) {
      assertThat(api.get(staff, "/engine-rest/history/process-instance?maxResults=500&processInstanceBusinessKey=" + requestNo)
          .json().size()).as(staff).isZero();
      assertThat(api.get(staff, "/engine-rest/history/variable-instance?maxResults=500&processInstanceId=" + instance).json().size())
          .as(staff).isZero();
      assertThat(api.get(staff, "/engine-rest/variable-instance?maxResults=500&processInstanceIdIn=" + instance).json().size())
          .as(staff).isZero();
    }
    assertThat(api.get("supervisor1", "/api/requests/" + requestNo).status()).isEqualTo(200);
    assertThat(api.get("auditor1", "/api/requests/" + requestNo).status()).isEqualTo(200);
    assertThat(api.get("butler1", "/engine-rest/task?maxResults=500&processInstanceBusinessKey=" + requestNo).json().size()).isZero();
    assertThat(api.get("tech1", "/engine-rest/task?maxResults=500&processInstanceBusinessKey=" + requestNo).json().size()).isZero();
    assertThat(api.get("supervisor1", "/engine-rest/task?maxResults=500&processInstanceBusinessKey=" + requestNo).json().size())
        .isEqualTo(1);
  }

  @Test
  void staffReadTheCasesTheyWorkOnOnly() {
    String repair = register("frontdesk", "REPAIR", "DRAIN", "R-0001");
    assertThat(api.get("tech1", "/api/requests/" + repair).status()).isEqualTo(200);
    assertThat(api.get("butler1", "/api/requests/" + repair).status()).as("the zone's butler").isEqualTo(200);
    assertThat(api.get("butler2", "/api/requests/" + repair).status()).as("another zone's butler").isEqualTo(403);
    assertThat(api.get("cleaner1", "/api/requests/" + repair).status()).isEqualTo(403);
    assertThat(api.get("cleaner1", "/engine-rest/history/process-instance?maxResults=500&processInstanceBusinessKey=" + repair)
        .json().size()).isZero();
  }

  @Test
  void supervisorsDeployModelsFromModelerAndStaffMayNot() throws Exception {
    byte[] dmn;
    try (var in = getClass().getResourceAsStream("/processes/request-triage.dmn")) {
      dmn = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .replace("兜底", "兜底（主管修订）").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    var fields = java.util.Map.of("deployment-name", "request-triage", "deployment-source", "Camunda Modeler");
    assertThat(api.postMultipart("tech1", "/engine-rest/deployment/create", fields, "request-triage.dmn", dmn)
        .status()).isEqualTo(403);
    assertThat(api.postMultipart("auditor1", "/engine-rest/deployment/create", fields, "request-triage.dmn", dmn)
        .status()).isEqualTo(403);
    var deployed = api.postMultipart("supervisor1", "/engine-rest/deployment/create", fields, "request-triage.dmn", dmn);
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
    assertThat(deployed.json().get("deployedDecisionDefinitions").size()).isEqualTo(1);
  }

  @Test
  void onlySupervisorsTransferOwnershipAndTheOwnersTasksFollow() {
    String requestNo = register("frontdesk", "INQUIRY", "OTHER", "R-0001");
    String transfer = "{\"newOwner\":\"butler1\",\"reason\":\"前台交班，转管家跟进\"}";
    assertThat(api.post("frontdesk", "/api/requests/" + requestNo + "/owner", transfer).status()).isEqualTo(403);
    assertThat(api.post("tech1", "/api/requests/" + requestNo + "/owner", transfer).status()).isEqualTo(403);

    var noReason = api.post("supervisor1", "/api/requests/" + requestNo + "/owner", "{\"newOwner\":\"butler1\"}");
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().get("field").asText()).isEqualTo("reason");

    for (String notAnOwner : new String[] {"auditor1", "tech1", "nobody"}) {
      var refused = api.post("supervisor1", "/api/requests/" + requestNo + "/owner",
          "{\"newOwner\":\"" + notAnOwner + "\",\"reason\":\"试试\"}");
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.json().get("field").asText()).isEqualTo("newOwner");
    }
    var done = api.post("supervisor1", "/api/requests/" + requestNo + "/owner", transfer);
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    var view = api.get("supervisor1", "/api/requests/" + requestNo).json();
    assertThat(view.get("owner").get("userId").asText()).isEqualTo("butler1");
    assertThat(view.get("openTasks").get(0).get("assignee").asText()).isEqualTo("butler1");
    // the case and the handling path it is in both take the new owner by message (案件信息已更新), and the
    // owner's task records who reassigned it
    java.util.List<String> operations = new java.util.ArrayList<>();
    int instances = 0;
    for (var instance : api.get("supervisor1", "/engine-rest/process-instance?maxResults=500&businessKey=" + requestNo).json()) {
      String id = instance.get("id").asText();
      instances++;
      operations.addAll(api.get("supervisor1", "/engine-rest/history/user-operation?maxResults=500&processInstanceId=" + id).json()
          .findValuesAsText("operationType"));
      assertThat(api.get("supervisor1", "/engine-rest/history/activity-instance?maxResults=500&processInstanceId=" + id
          + "&activityId=StartEvent_CaseUpdated").json().size()).as(id).isOne();
      assertThat(api.get("supervisor1", "/engine-rest/variable-instance?maxResults=500&processInstanceIdIn=" + id
          + "&variableName=firstResponder").json().get(0).get("value").asText()).isEqualTo("butler1");
    }
    assertThat(instances).isEqualTo(2);
    assertThat(operations).contains("Assign");
  }
}
