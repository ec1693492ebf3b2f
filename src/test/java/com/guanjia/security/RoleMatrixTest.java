package com.guanjia.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import com.guanjia.test.WebappSession;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may call what (issue 16), as one table: each row a call — every {@code /api/**} endpoint, the staff pages, and
 * the sensitive {@code /engine-rest} calls — and the status each of anonymous, frontdesk, butler1, tech1, guard1,
 * supervisor1, manager1, quality1, auditor1 and admin gets. A 404/400/422 for a reader means the check let them
 * through to the (deliberately absent or incomplete) thing; 403 that they were stopped before it.
 */
@GuanjiaTest
class RoleMatrixTest {
  private static final List<String> WHO = List.of("anonymous", "frontdesk", "butler1", "tech1", "guard1",
      "supervisor1", "manager1", "quality1", "auditor1", "admin");

  @LocalServerPort int port;
  @Autowired RepositoryService repository;

  /** One call: method, path (with {request}, {instance}, {task}, {resident}, {deployment}), body, and who gets what. */
  private record Call(String method, String path, String body, String expected) {}

  private static Call call(String method, String path, String expected) {
    return new Call(method, path, null, expected);
  }

  private static Call call(String method, String path, String body, String expected) {
    return new Call(method, path, body, expected);
  }

  //                                                           anon fd   but1 tech guard sup  mgr  qual aud  admin
  private static final List<Call> API = List.of(
      call("GET", "/api/requests/{request}",                   "401 200 200 200 403 200 200 200 200 200"),
      call("GET", "/api/requests/GJ-19990101-0001",            "401 404 404 404 404 404 404 404 404 404"),
      call("POST", "/api/requests/{request}/owner", "{\"newOwner\":\"butler1\",\"reason\":\"矩阵\"}",
                                                               "401 403 403 403 403 200 403 403 403 403"),
      call("GET", "/api/audit/requests/{request}",             "401 403 403 403 403 200 200 200 200 200"),
      call("GET", "/api/audit/requests/{request}/verify",      "401 403 403 403 403 422 422 422 422 422"),
      call("GET", "/api/residents/{resident}/messages",        "401 200 200 200 403 200 200 200 200 200"),
      call("GET", "/api/residents/{resident}",                 "401 200 403 403 403 200 403 403 403 200"),
      call("GET", "/api/residents/{resident}/changes",         "401 200 403 403 403 200 403 403 403 200"),
      call("GET", "/api/scorecards/2026-11",                   "401 200 200 200 200 200 200 200 200 403"),
      call("GET", "/api/scorecards/2026-11/tech1",             "401 403 403 200 403 200 200 200 200 403"),
      call("GET", "/api/scorecards/2026-11/teams/zone",        "401 403 403 403 403 200 200 200 200 403"),
      call("GET", "/api/kpis",                                 "401 403 403 403 403 200 200 200 200 403"),
      call("POST", "/api/score-facts/999999999/annulment", "{\"reason\":\"申诉\"}",
                                                               "401 403 403 403 403 404 404 404 403 403"),
      call("GET", "/api/staff",                                "401 403 403 403 403 200 403 403 403 200"),
      call("GET", "/api/zones",                                "401 403 403 403 403 200 403 403 403 200"),
      call("GET", "/api/projects",                             "401 403 403 403 403 200 403 403 403 200"),
      call("GET", "/api/duty",                                 "401 200 403 403 403 200 403 403 403 200"),
      call("GET", "/api/migrations/stale",                     "401 403 403 403 403 200 403 403 403 200"),
      call("GET", "/api/weather-notices",                      "401 200 200 200 200 200 200 200 200 200"),
      // the sensitive calls of Camunda's REST API
      call("PUT", "/engine-rest/process-instance/{instance}/variables/matrixNote",
          "{\"value\":\"矩阵\",\"type\":\"String\"}",        "401 403 403 403 403 204 403 403 403 204"),
      call("POST", "/engine-rest/process-instance/{instance}/modification",
          "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"NoSuchStep\"}]}",
                                                               "401 403 403 403 403 400 403 403 403 400"),
      call("POST", "/engine-rest/migration/execute", "{\"migrationPlan\":{\"sourceProcessDefinitionId\":\"{definition}\","
          + "\"targetProcessDefinitionId\":\"{definition}\",\"instructions\":[]},\"processInstanceIds\":[\"{instance}\"]}",
                                                               "401 403 403 403 403 400 403 403 403 400"),
      // deploying a model (Camunda Modeler's deploy button): supervisors, and the administrator
      call("DEPLOY", "/engine-rest/deployment/create",         "401 403 403 403 403 200 403 403 403 200"),
      // a deployment someone made for this table: only the administrator removes it (supervisors deploy models,
      // but a version cases ran on stays); others do not even see it
      call("DELETE", "/engine-rest/deployment/{deployment}",   "401 404 404 404 404 403 403 403 403 204"),
      call("POST", "/engine-rest/user/create", "{\"profile\":{\"id\":\"probe{who}\"},\"credentials\":{\"password\":\"Probe-Pass-1\"}}",
                                                               "401 403 403 403 403 403 403 403 403 204"),
      call("POST", "/engine-rest/group/create", "{\"id\":\"probe{who}\",\"name\":\"probe\"}",
                                                               "401 403 403 403 403 403 403 403 403 204"),
      call("POST", "/engine-rest/authorization/create",
          "{\"type\":1,\"permissions\":[\"ALL\"],\"userId\":\"probe{who}\",\"resourceType\":0,\"resourceId\":\"*\"}",
                                                               "401 403 403 403 403 403 403 403 403 200"),
      call("POST", "/engine-rest/job/none/execute",            "401 404 404 404 404 404 404 404 404 404"),
      // history of a running case cannot be deleted, not even by the administrator (404: no finished instance)
      call("DELETE", "/engine-rest/history/process-instance/{instance}", "401 403 403 403 403 403 403 403 403 404"),
      // last: the administrator's batch really deletes the table's case
      call("POST", "/engine-rest/process-instance/delete", "{\"processInstanceIds\":[\"{instance}\"],\"deleteReason\":\"matrix\"}",
                                                               "401 403 403 403 403 403 403 403 403 200"));

  /** The staff pages (the webapps' session; auditors sign in to Cockpit): anonymous visitors are sent to a login. */
  private static final List<Call> PAGES = List.of(
      //                                                       anon fd   but1 tech guard sup  mgr  qual aud  admin
      call("GET", "/cases/{request}",                          "302 200 200 200 403 200 200 200 200 200"),
      call("GET", "/residents/{resident}/messages",            "302 200 200 200 403 200 200 200 200 200"),
      call("GET", "/residents",                                "302 200 403 403 403 200 403 403 403 200"),
      call("GET", "/staff/directory",                          "302 403 403 403 403 200 403 403 403 200"),
      call("GET", "/staff/dashboard",                          "302 403 403 403 403 200 200 200 200 403"),
      call("GET", "/staff/messages",                           "302 200 200 200 200 200 200 200 200 200"),
      call("GET", "/audit",                                    "302 403 403 403 403 200 200 200 200 200"),
      call("GET", "/audit/{request}",                          "302 403 403 403 403 200 200 200 200 200"));

  private final Map<String, String> fixtures = new LinkedHashMap<>();

  private void fixtures() {
    Api api = new Api(port);
    var created = api.post("frontdesk", "/api/requests",
        Api.request("REPAIR", "WATER_ELECTRIC", "PHONE", "矩阵：厨房插座没电", "R-0001"));
    assertThat(created.status()).isEqualTo(201);
    String requestNo = created.json().get("requestNo").asText();
    fixtures.put("{request}", requestNo);
    fixtures.put("{instance}", api.get("supervisor1", "/engine-rest/process-instance?maxResults=500&businessKey=" + requestNo
        + "&processDefinitionKey=service-request").json().get(0).get("id").asText());
    fixtures.put("{resident}", com.guanjia.notification.MessageCenterPageTestAccess.residentWithARepair(api));
    fixtures.put("{definition}", api.get("supervisor1", "/engine-rest/process-instance/" + fixtures.get("{instance}"))
        .json().get("definitionId").asText());
    fixtures.put("{deployment}", repository.createDeployment().name("role-matrix probe")
        .addModelInstance("role-matrix-probe.bpmn", org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("roleMatrixProbe")
            .camundaHistoryTimeToLive(1).startEvent().endEvent().done())
        .deploy().getId());
  }

  private int send(String who, Call call) {
    String path = call.path();
    for (var f : fixtures.entrySet()) {
      path = path.replace(f.getKey(), f.getValue());
    }
    String body = call.body() == null ? null : call.body().replace("{who}", who + System.nanoTime() % 100000);
    for (var f : fixtures.entrySet()) {
      body = body == null ? null : body.replace(f.getKey(), f.getValue());
    }
    String user = who.equals("anonymous") ? null : who.equals("admin") ? "admin:demo" : who;
    if (call.method().equals("DEPLOY")) {
      String key = "roleMatrixDeploy" + Math.abs(who.hashCode());
      String bpmn = org.camunda.bpm.model.bpmn.Bpmn.convertToString(org.camunda.bpm.model.bpmn.Bpmn
          .createExecutableProcess(key).name("角色矩阵").camundaHistoryTimeToLive(1).startEvent().endEvent().done());
      return new Api(port).postMultipart(user, path, Map.of("deployment-name", "role-matrix " + who,
          "deployment-source", "Camunda Modeler"), key + ".bpmn", bpmn.getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .status();
    }
    var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    var publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    builder.header("Content-Type", "application/json").method(call.method(), publisher);
    return new Api(port).send(user, builder).status();
  }

  /** Calls each row as everyone, noting where the status differs from the table; the table as it came out. */
  private String check(List<Call> calls, java.util.function.BiFunction<String, Call, Integer> status,
      List<String> wrong) {
    StringBuilder actual = new StringBuilder();
    for (Call call : calls) {
      String[] expected = call.expected().trim().split("\\s+");
      StringBuilder row = new StringBuilder();
      for (int i = 0; i < WHO.size(); i++) {
        int got = status.apply(WHO.get(i), call);
        row.append(got).append(' ');
        if (!String.valueOf(got).equals(expected[i])) {
          wrong.add("%s %s as %s: %d, the table says %s".formatted(call.method(), call.path(), WHO.get(i), got,
              expected[i]));
        }
      }
      actual.append(String.format("%-70s %s%n", call.method() + " " + call.path(), row.toString().trim()));
    }
    return actual.toString();
  }

  @Test
  void everyRoleGetsWhatTheTableSays() {
    fixtures();
    List<String> wrong = new ArrayList<>();
    String api = check(API, this::send, wrong);
    // the pages: one sign-in per person (auditors sign in to Cockpit)
    Map<String, WebappSession> sessions = new LinkedHashMap<>();
    for (String who : WHO) {
      sessions.put(who, who.equals("anonymous") ? WebappSession.anonymous(port)
          : WebappSession.signedIn(port, who.equals("admin") ? "admin:demo" : who,
              who.equals("auditor1") ? "cockpit" : "tasklist"));
    }
    String pages = check(PAGES, (who, call) -> {
      String path = call.path();
      for (var f : fixtures.entrySet()) {
        path = path.replace(f.getKey(), f.getValue());
      }
      return sessions.get(who).get(path).statusCode();
    }, wrong);
    System.out.println("MATRIX\n" + api + pages);
    assertThat(wrong).as("calls whose status differs from the table").isEmpty();
  }
}
