package com.guanjia.test;

import static com.guanjia.process.ProcessContract.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Starts cases and completes their tasks the way process tests need, with the real delegates. */
public final class Cases {
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final JdbcClient jdbc;
  private final ManagementService management;

  /** Completing a task also runs the save points it reaches ({@code asyncBefore}), as the job executor would. */
  public Cases(RuntimeService runtime, TaskService tasks, JdbcClient jdbc, ManagementService management) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.jdbc = jdbc;
    this.management = management;
  }

  /**
   * Runs the case's save points that are due (asynchronous continuations such as 跟踪回访), as the job
   * executor would; timers stay for the test to fire.
   */
  public static void continueAfterSavePoints(ManagementService management, String caseInstanceId) {
    for (int round = 0; round < 10; round++) {
      var jobs = management.createJobQuery().rootProcessInstanceId(caseInstanceId).messages().executable().list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }

  /** A {@code service-request} case, registered as the intake does: Guanjia's record first, then the case. */
  public ProcessInstance start(String requestNo, String type, String category, String channel, String residentId,
      String description) {
    jdbc.sql("insert into service_request (request_no, type, category, channel, resident_id, registered_by, "
            + "registered_at) values (?, ?, ?, ?, ?, 'frontdesk', current_timestamp)")
        .params(requestNo, type, category, channel, residentId).update();
    return runtime.startProcessInstanceByKey(PROCESS_SERVICE_REQUEST, requestNo, Variables.createVariables()
        .putValue(VAR_REQUEST_NO, requestNo).putValue(VAR_TYPE, type).putValue(VAR_CATEGORY, category)
        .putValue(VAR_CHANNEL, channel).putValue(VAR_DESCRIPTION, description).putValue(VAR_RESIDENT_ID, residentId)
        .putValue(VAR_REGISTERED_BY, "frontdesk").putValue(VAR_ESCALATION_LEVEL, 0));
  }

  /**
   * Where the case is now: the handling path it is in (a called {@code handle-*} instance), else the case itself
   * (also while it waits in the callback plan it called).
   */
  public ProcessInstance at(ProcessInstance kase) {
    ProcessInstance path = runtime.createProcessInstanceQuery().superProcessInstanceId(kase.getId())
        .processDefinitionKeyIn(PATH_PROCESSES.toArray(String[]::new)).singleResult();
    return path != null ? path : kase;
  }

  /** Every activity the case and the paths it called have passed or are in, by id. */
  public java.util.List<String> passed(ProcessInstance kase, org.camunda.bpm.engine.HistoryService history) {
    return history.createHistoricProcessInstanceQuery().rootProcessInstanceId(kase.getId()).list().stream()
        .flatMap(i -> history.createHistoricActivityInstanceQuery().processInstanceId(i.getId()).list().stream())
        .map(a -> a.getActivityId()).toList();
  }

  /** Completes the case's task at {@code activityId}, claiming it for {@code user} when unassigned. */
  public void complete(ProcessInstance pi, String activityId, String user, Map<String, Object> values) {
    ProcessInstance at = at(pi);
    assertThat(at).isWaitingAt(activityId);
    String taskId = tasks.createTaskQuery().processInstanceId(at.getId()).taskDefinitionKey(activityId).singleResult()
        .getId();
    if (tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee() == null) {
      tasks.claim(taskId, user);
    }
    tasks.complete(taskId, values);
    continueAfterSavePoints(management, pi.getId());
  }

  /**
   * A registered repair worked to its close on the engine's clock: tech1 is on site, plans and does the work
   * (minutes after {@code start}: {@code arrive}, {@code plan}, {@code done}), the front desk confirms with the
   * resident ({@code confirm}), who rates the work 5. The clock is left at the confirmation.
   */
  public void repairToClose(ProcessInstance kase, java.time.OffsetDateTime start, int arrive, int plan, int done,
      int confirm, String planText, String resolution) {
    at(start.plusMinutes(arrive));
    complete(kase, TASK_ARRIVE_ON_SITE, "tech1", Map.of(VAR_ARRIVED_ON_SITE, true, VAR_PREVIOUS_STEP_RATING, 4));
    at(start.plusMinutes(plan));
    complete(kase, TASK_PROPOSE_PLAN, "tech1", Map.of(VAR_PLAN, planText, VAR_ETA, start.plusHours(3).toString()));
    at(start.plusMinutes(done));
    complete(kase, TASK_PERFORM_WORK, "tech1", Map.of(VAR_RESOLVED, true, VAR_RESOLUTION, resolution));
    at(start.plusMinutes(confirm));
    complete(kase, TASK_CONFIRM_WITH_RESIDENT, "frontdesk",
        Map.of(VAR_RESIDENT_CONFIRMED, true, VAR_PREVIOUS_STEP_RATING, 5));
  }

  private static void at(java.time.OffsetDateTime time) {
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(time.toInstant()));
  }
}
