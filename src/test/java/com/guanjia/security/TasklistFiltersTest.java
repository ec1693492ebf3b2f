package com.guanjia.security;

import static com.guanjia.process.ProcessContract.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The Tasklist filters each role finds, and what each lists, read over REST as Tasklist reads them. */
@GuanjiaTest
class TasklistFiltersTest {
  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
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

  private List<String> filterNames(String user) {
    List<String> names = new ArrayList<>();
    api.get(user, "/engine-rest/filter?maxResults=500&resourceType=Task").json().forEach(f -> names.add(f.get("name").asText()));
    return names;
  }

  private String filterId(String user, String name) {
    for (JsonNode f : api.get(user, "/engine-rest/filter?maxResults=500&resourceType=Task").json()) {
      if (f.get("name").asText().equals(name)) {
        return f.get("id").asText();
      }
    }
    throw new AssertionError(user + " has no filter " + name);
  }

  /**
   * The task ids a filter lists for the user, as Tasklist asks for them (HAL), narrowed to one request
   * (the database holds other tests' tasks too).
   */
  private List<String> listed(String user, String name, String requestNo) {
    var response = api.send(user, HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/engine-rest/filter/" + filterId(user, name) + "/list?firstResult=0&maxResults=50"))
        .header("Content-Type", "application/json").header("Accept", "application/hal+json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"processInstanceBusinessKey\":\"" + requestNo + "\"}")));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    response.json().path("_embedded").path("task").forEach(t -> ids.add(t.get("id").asText()));
    return ids;
  }

  private Task arriveOnSite(String requestNo) {
    return tasks.createTaskQuery().processInstanceBusinessKey(requestNo).taskDefinitionKey(TASK_ARRIVE_ON_SITE)
        .singleResult();
  }

  private String register(String type, String category) {
    var response = api.post("frontdesk", "/api/requests", Api.request(type, category, "PHONE", "筛选器测试", "R-0001"));
    assertThat(response.status()).isEqualTo(201);
    return response.json().get("requestNo").asText();
  }

  @Test
  void eachRoleFindsItsFilters() {
    assertThat(filterNames("frontdesk")).contains("我的任务", "可认领的任务", "我所在组的任务", "已逾期", "督办中", "今日待回访")
        .doesNotContain("全部任务");
    assertThat(filterNames("tech1")).contains("我的任务", "可认领的任务", "我所在组的任务", "已逾期", "督办中")
        .doesNotContain("今日待回访", "全部任务");
    assertThat(filterNames("supervisor1")).contains("全部任务", "督办中", "已逾期", "今日待回访");
    // every filter shows the request number, description, priority and escalation level beside the due date
    JsonNode filter = api.get("tech1", "/engine-rest/filter/" + filterId("tech1", "已逾期")).json();
    assertThat(filter.get("properties").get("variables").findValuesAsText("name"))
        .contains(VAR_REQUEST_NO, VAR_DESCRIPTION, VAR_PRIORITY);
  }

  @Test
  void aStepPastItsTargetIsOverdueForItsGroup() {
    String requestNo = register("REPAIR", "DRAIN");
    Task task = arriveOnSite(requestNo);
    // 到达现场 is due when its on-site target is (the timer's date), so Tasklist shows the real deadline
    assertThat(task.getDueDate()).isAfter(new Date());
    assertThat(listed("tech1", "我所在组的任务", requestNo)).contains(task.getId());
    assertThat(listed("tech1", "已逾期", requestNo)).doesNotContain(task.getId());

    ClockUtil.setCurrentTime(new Date(task.getDueDate().getTime() + 60_000));
    assertThat(listed("tech1", "已逾期", requestNo)).contains(task.getId());
    assertThat(listed("gardener1", "已逾期", requestNo)).doesNotContain(task.getId());
    // claimed by someone else of the group, it stays in the group's list
    tasks.claim(task.getId(), "tech1");
    assertThat(listed("tech1", "我所在组的任务", requestNo)).contains(task.getId());
    assertThat(listed("tech1", "已逾期", requestNo)).contains(task.getId());
  }

  @Test
  void anEscalatedCaseIsListedUnderEscalated() {
    String requestNo = register("REPAIR", "WATER_ELECTRIC");
    Task task = arriveOnSite(requestNo);
    assertThat(listed("tech1", "督办中", requestNo)).doesNotContain(task.getId());
    runtime.setVariable(task.getProcessInstanceId(), VAR_ESCALATION_LEVEL, 1);
    assertThat(listed("tech1", "督办中", requestNo)).contains(task.getId());
    assertThat(listed("supervisor1", "督办中", requestNo)).contains(task.getId());
  }

  @Test
  void callbacksDueTodayAreListedForCustomerService() {
    ZoneId zone = ZoneId.systemDefault();
    LocalDate today = LocalDate.of(2026, 12, 2);
    ClockUtil.setCurrentTime(Date.from(today.atTime(LocalTime.NOON).atZone(zone).toInstant()));
    String requestNo = register("INQUIRY", "OTHER");
    String caseId = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_SERVICE_REQUEST)
        .processInstanceBusinessKey(requestNo).singleResult().getId();
    String dueToday = callbackDue(requestNo, caseId, Date.from(today.atTime(18, 0).atZone(zone).toInstant()));
    String dueTomorrow = callbackDue(requestNo, caseId, Date.from(today.plusDays(1).atTime(18, 0).atZone(zone).toInstant()));

    List<String> listed = listed("frontdesk", "今日待回访", requestNo);
    assertThat(listed).contains(dueToday).doesNotContain(dueTomorrow);
  }

  private String callbackDue(String requestNo, String caseId, Date deadline) {
    var plan = runtime.createProcessInstanceByKey(PROCESS_CALLBACK_VISITS).businessKey(requestNo)
        .setVariable(VAR_REQUEST_NO, requestNo).setVariable(VAR_CASE_INSTANCE_ID, caseId)
        .setVariable(VAR_RESIDENT_ID, "R-0001").setVariable(VAR_TYPE, "INQUIRY")
        .setVariable(VAR_CALLBACK_DEADLINE, deadline)
        .startBeforeActivity(TASK_CALL_RESIDENT).execute();
    return tasks.createTaskQuery().processInstanceId(plan.getId()).singleResult().getId();
  }
}
