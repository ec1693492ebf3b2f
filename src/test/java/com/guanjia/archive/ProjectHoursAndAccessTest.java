package com.guanjia.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two projects (管理处) on one database. 阳光花园管理处 (P01) keeps the company's hours, 08:00–20:00 every day;
 * 湖畔苑管理处 (P11) keeps office hours, 08:30–17:30 Monday to Friday, and closes on public holidays. A request is
 * counted on its own project's clock; staff bound to P11 see P11's cases only — on the case page and API (403)
 * and in Tasklist's queries (Camunda's tenant check) — while company-wide staff see both.
 */
@GuanjiaTest
class ProjectHoursAndAccessTest {
  /** Saturday 12 December 2026, 18:00 in Asia/Shanghai: P01 is open until 20:00, P11 closed until Monday. */
  private static final OffsetDateTime SATURDAY_EVENING = OffsetDateTime.parse("2026-12-12T18:00:00+08:00");
  private static final OffsetDateTime MONDAY_OPENING = OffsetDateTime.parse("2026-12-14T08:30:00+08:00");

  /** P11's project manager, signed in with the password the supervisor gave the account. */
  private static final String MANAGER11 = "manager11:lakeside-11";

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  Api api;
  private final List<String> registered = new ArrayList<>();

  private Api.Response put(String user, String path, String body) {
    return api.send(user, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  @BeforeEach
  void twoProjects() {
    api = new Api(port);
    assertThat(put("supervisor1", "/api/zones/Z11", """
        {"name":"湖畔区","buildings":[{"buildingId":"B111","name":"111号楼"}]}""").status()).isEqualTo(200);
    assertThat(put("supervisor1", "/api/staff/manager11", """
        {"displayName":"湖畔苑 陆经理","trade":"project-manager","workPhone":"139-0000-1111"}""").status())
        .isEqualTo(200);
    var project = put("supervisor1", "/api/projects/P11", """
        {"name":"湖畔苑管理处","supervisorId":"supervisor1","managerId":"manager11","zones":["Z11"],
         "dutyPhone":"0571-86001111",
         "serviceHours":{"start":"08:30","end":"17:30","days":[1,2,3,4,5],"publicHolidays":true}}""");
    assertThat(project.status()).as(project.body()).isEqualTo(200);
    // bound to the project after it exists: the manager, and a technician of its zone
    var manager = put("supervisor1", "/api/staff/manager11", """
        {"displayName":"湖畔苑 陆经理","trade":"project-manager","workPhone":"139-0000-1111","projectId":"P11",
         "password":"lakeside-11"}""");
    assertThat(manager.status()).as(manager.body()).isEqualTo(200);
    assertThat(manager.json().get("projectId").asText()).isEqualTo("P11");
    assertThat(put("supervisor1", "/api/staff/tech11", """
        {"displayName":"湖畔苑 韩工","trade":"maintenance","workPhone":"139-0000-1112","projectId":"P11",
         "zones":["Z11"],"password":"lakeside-12"}""").status()).isEqualTo(200);
    if (api.get("frontdesk", "/api/residents/R-P1101").status() == 404) {
      assertThat(api.post("frontdesk", "/api/residents", """
          {"residentId":"R-P1101","unitId":"111-1-0101","building":"111号楼","name":"孔敏","phone":"13900011101",
           "occupancy":"OWNER"}""").status()).isEqualTo(201);
    }
  }

  @AfterEach
  void resetClockAndCloseTheCases() {
    ClockUtil.reset();
    for (String requestNo : registered) {
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(requestNo).processDefinitionKey("service-request")
          .list().forEach(c -> runtime.deleteProcessInstance(c.getId(), "ProjectHoursAndAccessTest is done", true));
    }
  }

  private String register(String residentId, String description) {
    var response = api.post("frontdesk", "/api/requests",
        Api.request("REPAIR", "FACILITY", "PHONE", description, residentId));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    String requestNo = response.json().get("requestNo").asText();
    registered.add(requestNo);
    return requestNo;
  }

  private Instant responseDue(String requestNo) {
    String caseId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(requestNo)
        .processDefinitionKey("service-request").singleResult().getId();
    return management.createJobQuery().processInstanceId(caseId).activityId("BoundaryEvent_ResponseTargetMissed")
        .singleResult().getDuedate().toInstant();
  }

  @Test
  void eachRequestCountsOnItsProjectsClock() {
    ClockUtil.setCurrentTime(Date.from(SATURDAY_EVENING.toInstant()));
    String sunshine = register("R-0001", "周六傍晚 楼道灯不亮（阳光花园）");
    String lakeside = register("R-P1101", "周六傍晚 楼道灯不亮（湖畔苑）");

    // the same target, in each project's working time
    Duration target = Duration.between(SATURDAY_EVENING.toInstant(), responseDue(sunshine));
    assertThat(target).isPositive().isLessThan(Duration.ofHours(2));
    assertThat(responseDue(lakeside)).isEqualTo(MONDAY_OPENING.toInstant().plus(target));

    JsonNode p11 = api.get("supervisor1", "/api/projects/P11").json();
    assertThat(p11.get("serviceHours").get("start").asText()).isEqualTo("08:30");
    assertThat(p11.get("serviceHours").get("days")).hasSize(5);
    assertThat(p11.get("serviceHours").get("publicHolidays").asBoolean()).isTrue();
    assertThat(api.get("supervisor1", "/api/projects/P01").json().has("serviceHours")).isFalse();

    // the supervisors' directory page shows both projects' hours and whom tech11 works for
    String directory = com.guanjia.test.WebappSession.signedIn(port, "supervisor1", "tasklist").get("/staff/directory")
        .body();
    assertThat(directory).contains("公司统一：", "08:00–20:00", "节假日照常", "08:30–17:30", "法定节假日休息");
    assertThat(directory.substring(directory.indexOf("id=\"staff-tech11\""))).contains("湖畔苑管理处");
  }

  @Test
  void staffOfOneProjectCannotReadAnothersCases() {
    String sunshine = register("R-0001", "水龙头关不严（阳光花园）");
    String lakeside = register("R-P1101", "水龙头关不严（湖畔苑）");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(sunshine).count()).isPositive();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(lakeside).count()).isPositive();

    // the case API: P11's manager reads P11's case, not P01's; the company-wide manager reads both
    assertThat(api.get(MANAGER11, "/api/requests/" + lakeside).status()).isEqualTo(200);
    var refused = api.get(MANAGER11, "/api/requests/" + sunshine);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.contentType()).contains("application/problem+json");
    var page = com.guanjia.test.WebappSession.signedIn(port, MANAGER11, "tasklist").get("/cases/" + sunshine);
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).contains("这个案件属于另一个管理处（P01）");
    assertThat(api.get("manager1", "/api/requests/" + sunshine).status()).isEqualTo(200);
    assertThat(api.get("manager1", "/api/requests/" + lakeside).status()).isEqualTo(200);

    // what Tasklist and Cockpit read: P11's staff do not even see P01's tasks and instances
    assertThat(api.get(MANAGER11, "/engine-rest/task?maxResults=500&processInstanceBusinessKey=" + sunshine).json()).isEmpty();
    JsonNode lakesideTasks = api.get(MANAGER11, "/engine-rest/task?maxResults=500&processInstanceBusinessKey=" + lakeside).json();
    assertThat(lakesideTasks).isNotEmpty();
    // ... and Tasklist opens its form: the shared form resolves for a project's task
    String taskId = lakesideTasks.get(0).get("id").asText();
    var form = api.get(MANAGER11, "/engine-rest/task/" + taskId + "/deployed-form");
    assertThat(form.status()).as(form.body()).isEqualTo(200);
    assertThat(form.body()).contains("\"components\"");
    // another project's task by its id: refused, not an error of the server
    String otherTask = tasks.createTaskQuery().processInstanceBusinessKey(sunshine).list().get(0).getId();
    var refusedForm = api.get(MANAGER11, "/engine-rest/task/" + otherTask + "/deployed-form");
    assertThat(refusedForm.status()).as(refusedForm.body()).isEqualTo(403);
    assertThat(api.get(MANAGER11, "/engine-rest/task/" + otherTask + "/variables").status()).isIn(403, 404);
    assertThat(api.get(MANAGER11, "/engine-rest/process-instance?maxResults=500&businessKey=" + sunshine).json()).isEmpty();
    assertThat(api.get(MANAGER11, "/engine-rest/history/process-instance?maxResults=500&processInstanceBusinessKey=" + sunshine)
        .json()).isEmpty();
    assertThat(api.get("manager1", "/engine-rest/task?maxResults=500&processInstanceBusinessKey=" + sunshine).json()).isNotEmpty();
    assertThat(api.get("manager1", "/engine-rest/task?maxResults=500&processInstanceBusinessKey=" + lakeside).json()).isNotEmpty();
    // the whole case carries its project: the path and its tasks too
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(lakeside).list()).hasSizeGreaterThan(1)
        .allSatisfy(i -> assertThat(i.getTenantId()).isEqualTo("P11"));
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(lakeside).list())
        .allSatisfy(t -> assertThat(t.getTenantId()).isEqualTo("P11"));

    // no longer bound to P11: company-wide again, and P01's cases open to them
    assertThat(put("supervisor1", "/api/staff/manager11", """
        {"displayName":"湖畔苑 陆经理","trade":"project-manager","workPhone":"139-0000-1111"}""").status())
        .isEqualTo(200);
    assertThat(api.get(MANAGER11, "/engine-rest/task?maxResults=500&processInstanceBusinessKey=" + sunshine).json()).isNotEmpty();
  }

  private List<String> offeredTo(String requestNo) {
    var visit = tasks.createTaskQuery().processInstanceBusinessKey(requestNo).taskDefinitionKey("Task_ArriveOnSite")
        .singleResult();
    return tasks.getIdentityLinksForTask(visit.getId()).stream()
        .filter(l -> org.camunda.bpm.engine.task.IdentityLinkType.CANDIDATE.equals(l.getType()))
        .map(l -> l.getUserId() != null ? "user:" + l.getUserId() : "group:" + l.getGroupId()).sorted().toList();
  }

  private String registerUrgent(String residentId, String description) {
    var response = api.post("frontdesk", "/api/requests",
        Api.request("REPAIR", "WATER_ELECTRIC", "PHONE", description, residentId));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    registered.add(response.json().get("requestNo").asText());
    return response.json().get("requestNo").asText();
  }

  /** The duty roster is per project: P11's technician on duty takes P11's night repairs, not P01's. */
  @Test
  void aNightUrgentRepairReachesItsOwnProjectsDuty() {
    byte[] roster = "日期,开始,结束,岗位,值班人,值班电话\n2026-12-09,20:00,08:00,维修,tech11,139-0000-2111\n"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    var started = api.postMultipart("supervisor1", "/api/duty/imports?dryRun=false", java.util.Map.of(), "file",
        "duty-p11.csv", roster);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String importId = started.json().get("importId").asText();
    JsonNode report = api.get("supervisor1", "/api/duty/imports/" + importId).json();
    for (int i = 0; i < 200 && report.get("state").asText().equals("RUNNING"); i++) {
      report = api.get("supervisor1", "/api/duty/imports/" + importId).json();
    }
    assertThat(report.get("state").asText()).as(report.toString()).isEqualTo("IMPORTED");

    // Wednesday 9 December 2026, 23:10: outside both projects' hours
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-12-09T23:10:00+08:00").toInstant()));
    assertThat(offeredTo(registerUrgent("R-P1101", "厨房水管爆管（湖畔苑）"))).contains("user:tech11");
    assertThat(offeredTo(registerUrgent("R-0001", "厨房水管爆管（阳光花园）"))).doesNotContain("user:tech11");

    // Saturday noon: P01 is open, P11 closed: P01's urgent repair goes to its zone's technician by day, P11's
    // receipt gives P11's 24-hour duty phone (nobody of P11 is on duty then)
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-12-12T12:00:00+08:00").toInstant()));
    String sunshine = registerUrgent("R-0001", "卫生间爆管（阳光花园，周六中午）");
    assertThat(offeredTo(sunshine)).containsExactly("group:maintenance", "user:tech1");
    assertThat(outboxReceipt(sunshine)).doesNotContain("值班");
    String lakeside = registerUrgent("R-P1101", "卫生间爆管（湖畔苑，周六中午）");
    assertThat(outboxReceipt(lakeside)).contains("值班人员电话 0571-86001111");
  }

  @Autowired com.guanjia.notification.Outbox outbox;

  private String outboxReceipt(String requestNo) {
    return outbox.forRequest(requestNo).stream().filter(m -> "RECEIVED".equals(m.event())).findFirst().orElseThrow()
        .text();
  }

  @Test
  void aStaffMemberBoundToAProjectThatDoesNotExistIsRefused() {
    var refused = put("supervisor1", "/api/staff/tech11", """
        {"displayName":"湖畔苑 韩工","trade":"maintenance","projectId":"P99"}""");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("field").asText()).isEqualTo("projectId");
    var badHours = put("supervisor1", "/api/projects/P11", """
        {"name":"湖畔苑管理处","zones":["Z11"],"serviceHours":{"start":"20:00","end":"08:00","days":[1]}}""");
    assertThat(badHours.status()).isEqualTo(400);
    assertThat(badHours.json().get("field").asText()).isEqualTo("serviceHours.end");
    // P11's manager cannot register a request for a resident of P01: they could not see the case
    var otherProject = api.post(MANAGER11, "/api/requests",
        Api.request("REPAIR", "FACILITY", "PHONE", "替阳光花园的住户登记", "R-0001"));
    assertThat(otherProject.status()).as(otherProject.body()).isEqualTo(400);
    assertThat(otherProject.json().get("field").asText()).isEqualTo("residentId");
    var badDay = put("supervisor1", "/api/projects/P11", """
        {"name":"湖畔苑管理处","zones":["Z11"],"serviceHours":{"start":"08:00","end":"20:00","days":[8]}}""");
    assertThat(badDay.status()).isEqualTo(400);
    assertThat(badDay.json().get("field").asText()).startsWith("serviceHours.days");
  }
}
