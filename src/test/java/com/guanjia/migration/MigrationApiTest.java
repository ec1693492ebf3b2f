package com.guanjia.migration;

import static com.guanjia.process.ProcessContract.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.guanjia.test.Api;
import com.guanjia.test.Cases;
import com.guanjia.test.GuanjiaTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A supervisor changes {@code handle-on-site} in Modeler (制定初步方案 becomes Task_DraftPlan 制定维修方案, and
 * 到达现场 moves into a new sub-process 上门查看), deploys it, and moves 100 running repairs, waiting at four
 * different steps, to the new version over {@code POST /api/migrations}; every one of them then runs to
 * its end on the new version.
 */
@GuanjiaTest
class MigrationApiTest {
  private static final Path V2 = Path.of("src/test/resources/migration/handle-on-site-v2.bpmn");
  private static final Map<String, String> MOVED = Map.of("Task_ProposePlan", "Task_DraftPlan",
      "Task_ArriveOnSite", "Task_ArriveOnSite", "BoundaryEvent_OnSiteTargetMissed", "BoundaryEvent_OnSiteTargetMissed");

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired org.camunda.bpm.engine.ManagementService management;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired JdbcClient jdbc;
  Api api;
  boolean changed;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  @AfterEach
  void shippedModelAgain() throws IOException {
    // later tests start their repairs on the shipped model: it becomes the latest version again
    if (changed) {
      deploy(Path.of("processes/handle-on-site.bpmn"));
    }
  }

  /** As a supervisor deploys from Modeler: the model with the forms its steps use. */
  private void deploy(Path model) throws IOException {
    var deployment = repository.createDeployment().name("handle-on-site").source("modeler")
        .addInputStream("processes/handle-on-site.bpmn", Files.newInputStream(model));
    for (String form : List.of("arrive-on-site", "propose-plan", "perform-work", "resume-work")) {
      deployment.addInputStream("forms/" + form + ".form", Files.newInputStream(Path.of("forms", form + ".form")));
    }
    deployment.deploy();
    changed = true;
  }

  private static String body(Integer fromVersion, Map<String, String> activities, boolean dryRun) {
    StringBuilder json = new StringBuilder("{\"processDefinitionKey\":\"handle-on-site\"");
    if (fromVersion != null) {
      json.append(",\"fromVersion\":").append(fromVersion);
    }
    json.append(",\"dryRun\":").append(dryRun).append(",\"activities\":{");
    json.append(String.join(",", activities.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"").toList()));
    return json.append("}}").toString();
  }

  /** The step the case's handling path waits at now. */
  private Task step(ProcessInstance kase) {
    return tasks.createTaskQuery().processInstanceBusinessKey(kase.getBusinessKey()).singleResult();
  }

  private void complete(Task task, Map<String, Object> values) {
    if (task.getAssignee() == null) {
      tasks.claim(task.getId(), "tech1");
    }
    tasks.complete(task.getId(), values);
  }

  /** What each step is completed with, until the work is done and confirmed. */
  private Map<String, Object> answer(Task task) {
    return switch (task.getTaskDefinitionKey()) {
      case TASK_ARRIVE_ON_SITE -> Map.of(VAR_ARRIVED_ON_SITE, true, VAR_PREVIOUS_STEP_RATING, 4);
      case TASK_PROPOSE_PLAN, "Task_DraftPlan" -> Map.of(VAR_PLAN, "更换地漏芯",
          VAR_ETA, Date.from(OffsetDateTime.now().plusHours(4).toInstant()));
      case TASK_PERFORM_WORK -> Map.of(VAR_RESOLVED, true, VAR_RESOLUTION, "已疏通");
      case "Task_WaitForResident" -> Map.of();
      case TASK_CONFIRM_WITH_RESIDENT -> Map.of(VAR_RESIDENT_CONFIRMED, true, VAR_PREVIOUS_STEP_RATING, 5);
      default -> throw new AssertionError("unexpected step " + task.getTaskDefinitionKey());
    };
  }

  @Test
  void aHundredRunningRepairsMoveToTheNewVersionAndFinishThere() throws IOException {
    Cases cases = new Cases(runtime, tasks, jdbc, management);
    ProcessDefinition v1 = repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS_HANDLE_ON_SITE)
        .latestVersion().singleResult();
    long v1Before = runtime.createProcessInstanceQuery().processDefinitionId(v1.getId()).count();
    List<ProcessInstance> repairs = new ArrayList<>();
    Map<String, Integer> waitingAt = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      ProcessInstance kase = cases.start("GJ-MIG-%05d".formatted(i), "REPAIR", "DRAIN", "PHONE", "R-0001",
          "厨房地漏堵塞");
      // a quarter each waits to be on site, to plan, to finish the work, and on the resident
      for (int done = 0; done < i % 4; done++) {
        Task task = step(kase);
        complete(task, task.getTaskDefinitionKey().equals(TASK_PERFORM_WORK)
            ? Map.of(VAR_WORK_ACTION, "WAIT", VAR_WAIT_REASON, "业主出差，周末才在家") : answer(task));
      }
      waitingAt.merge(step(kase).getTaskDefinitionKey(), 1, Integer::sum);
      repairs.add(kase);
    }
    assertThat(waitingAt).containsOnly(Map.entry(TASK_ARRIVE_ON_SITE, 25), Map.entry(TASK_PROPOSE_PLAN, 25),
        Map.entry(TASK_PERFORM_WORK, 25), Map.entry("Task_WaitForResident", 25));
    deploy(V2);
    ProcessDefinition v2 = repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS_HANDLE_ON_SITE)
        .latestVersion().singleResult();
    assertThat(v2.getVersion()).isEqualTo(v1.getVersion() + 1);

    // only supervisors move cases; a plan must say where the renamed and the moved steps went
    assertThat(api.post("tech1", "/api/migrations", body(v1.getVersion(), MOVED, false)).status()).isEqualTo(403);
    var noVersion = api.post("supervisor1", "/api/migrations", body(null, MOVED, false));
    assertThat(noVersion.status()).isEqualTo(400);
    assertThat(noVersion.json().get("field").asText()).isEqualTo("fromVersion");
    var unknownStep = api.post("supervisor1", "/api/migrations",
        body(v1.getVersion(), Map.of("Task_ProposePlan", "Task_NoSuchStep"), false));
    assertThat(unknownStep.status()).isEqualTo(400);
    assertThat(unknownStep.json().get("field").asText()).isEqualTo("activities");
    assertThat(unknownStep.json().get("detail").asText()).contains("Task_NoSuchStep");
    var stranded = api.post("supervisor1", "/api/migrations", body(v1.getVersion(), Map.of(), false));
    assertThat(stranded.status()).as(stranded.body()).isEqualTo(400);
    assertThat(stranded.json().get("field").asText()).isEqualTo("activities");
    assertThat(stranded.json().get("detail").asText()).contains("Task_ProposePlan", "Task_ArriveOnSite");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionId(v2.getId()).count()).isZero();

    // a dry run tells what would move and moves nothing
    var dryRun = api.post("supervisor1", "/api/migrations", body(v1.getVersion(), MOVED, true));
    assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
    assertThat(dryRun.json().get("instances").asLong()).isEqualTo(v1Before + 100);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionId(v2.getId()).count()).isZero();

    var moved = api.post("supervisor1", "/api/migrations", body(v1.getVersion(), MOVED, false));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    JsonNode result = moved.json();
    assertThat(result.get("fromVersion").asInt()).isEqualTo(v1.getVersion());
    assertThat(result.get("toVersion").asInt()).isEqualTo(v2.getVersion());
    assertThat(result.get("steps").findValuesAsText("to")).contains("Task_DraftPlan", "Task_ArriveOnSite",
        TASK_PERFORM_WORK, "Task_WaitForResident");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionId(v1.getId()).count()).isZero();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionId(v2.getId()).count()).isEqualTo(v1Before + 100);
    assertThat(tasks.createTaskQuery().processDefinitionId(v2.getId()).taskDefinitionKey("Task_DraftPlan").count())
        .isGreaterThanOrEqualTo(25);
    assertThat(tasks.createTaskQuery().processDefinitionId(v2.getId()).taskDefinitionKey(TASK_ARRIVE_ON_SITE)
        .processInstanceBusinessKeyLike("GJ-MIG-%").list()).hasSize(25)
        .allSatisfy(task -> assertThat(runtime.getActivityInstance(task.getProcessInstanceId())
            .getActivityInstances("SubProcess_Visit")).hasSize(1));

    // every case finishes on the new version: worked, confirmed, waiting for its callbacks
    for (ProcessInstance kase : repairs) {
      for (int guard = 0; guard < 10; guard++) {
        Task task = step(kase);
        if (task == null) {
          break;
        }
        complete(task, answer(task));
        Cases.continueAfterSavePoints(management, kase.getId());
      }
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(kase.getId()).singleResult()).isNotNull();
      assertThat(runtime.getActivityInstance(kase.getId()).getActivityInstances(CALL_CALLBACK_PLAN))
          .as(kase.getBusinessKey()).hasSize(1);
      var path = history.createHistoricProcessInstanceQuery().superProcessInstanceId(kase.getId())
          .processDefinitionKey(PROCESS_HANDLE_ON_SITE).singleResult();
      assertThat(path.getProcessDefinitionId()).isEqualTo(v2.getId());
      assertThat(path.getState()).isEqualTo("COMPLETED");
    }
    // those that had not planned yet planned on the new step
    assertThat(history.createHistoricTaskInstanceQuery().processDefinitionId(v2.getId())
        .taskDefinitionKey("Task_DraftPlan").finished().processInstanceBusinessKeyLike("GJ-MIG-%").count())
        .isEqualTo(50);
  }
}
