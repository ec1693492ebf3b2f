package com.guanjia.process;

import static com.guanjia.process.ProcessContract.*;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * A case is its {@code service-request} instance and the handling path it calls (a {@code handle-*}
 * instance, see {@link ProcessContract#PATH_PROCESSES}); the path's tasks, timers and promises belong to
 * the case. The case also calls its escalations and callback plan, which are not its own steps.
 * What the delegates need to know of a case's instances, and the messages between them, go through here
 * so that the services behind the delegates know nothing of the engine.
 */
@Component
public class CaseInstances {
  /** Tasks the model gives the owner directly (inquiries, suggestions) say nothing about a response. */
  private static final Set<String> PREASSIGNED = Set.of(TASK_ANSWER_INQUIRY, TASK_RECORD_SUGGESTION,
      TASK_FOLLOW_UP_DEFECT, TASK_TRACK_DEFECT, TASK_CONFIRM_WITH_RESIDENT);

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final HistoryService history;

  CaseInstances(RuntimeService runtime, TaskService tasks, HistoryService history) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.history = history;
  }

  /** The running instances of the case: the case itself and the path it is in, if any. */
  public List<String> running(String caseInstanceId) {
    List<String> ids = EngineQueries.all(runtime.createProcessInstanceQuery().rootProcessInstanceId(caseInstanceId)
        .processDefinitionKeyIn(CASE_PROCESSES.toArray(String[]::new))).stream()
        .map(ProcessInstance::getId).toList();
    return ids.isEmpty() ? List.of(caseInstanceId) : ids;
  }

  /** The handling path the case is in now, or the case itself between paths. */
  public String handling(String caseInstanceId) {
    return EngineQueries.all(runtime.createProcessInstanceQuery().superProcessInstanceId(caseInstanceId)
        .processDefinitionKeyIn(PATH_PROCESSES.toArray(String[]::new))).stream()
        .map(ProcessInstance::getId).findFirst().orElse(caseInstanceId);
  }

  /** The case an execution works for: its own instance, or the case that called its path. */
  public static String caseOf(DelegateExecution execution) {
    DelegateExecution instance = execution.getProcessInstance();
    while (instance.getSuperExecution() != null) {
      instance = instance.getSuperExecution().getProcessInstance();
    }
    return instance.getId();
  }

  /**
   * Someone took the case on: a step of the case or its path was completed or claimed. One read of the
   * case's task history answers both (a claim is recorded there as the assignee), where a task query
   * per running instance cost a burst of missed response targets a sixth of its time.
   */
  public boolean responded(String caseInstanceId) {
    return EngineQueries.all(history.createHistoricTaskInstanceQuery().rootProcessInstanceId(caseInstanceId)).stream()
        .filter(t -> CASE_PROCESSES.contains(t.getProcessDefinitionKey()))
        .anyMatch(t -> t.getEndTime() != null
            || t.getAssignee() != null && !PREASSIGNED.contains(t.getTaskDefinitionKey()));
  }

  /**
   * Whom the open step {@code taskKey} of an instance (any open step when {@code null}) is offered to: its
   * assignee when claimed; else the named people it is offered to (the zone's staff); else its groups, as
   * {@code group:<id>} (a team's fact). Empty when no such step is open.
   */
  public List<String> offeredTo(String instanceId, String taskKey) {
    var query = tasks.createTaskQuery().processInstanceId(instanceId);
    List<Task> open = EngineQueries.all((taskKey == null ? query : query.taskDefinitionKey(taskKey)));
    List<String> assignees = open.stream().map(Task::getAssignee).filter(java.util.Objects::nonNull).distinct().toList();
    if (!assignees.isEmpty() || open.isEmpty()) {
      return assignees;
    }
    List<String> users = new java.util.ArrayList<>();
    List<String> groups = new java.util.ArrayList<>();
    for (Task task : open) {
      for (var link : tasks.getIdentityLinksForTask(task.getId())) {
        if (!org.camunda.bpm.engine.task.IdentityLinkType.CANDIDATE.equals(link.getType())) {
          continue;
        }
        if (link.getUserId() != null && !users.contains(link.getUserId())) {
          users.add(link.getUserId());
        } else if (link.getGroupId() != null && !groups.contains("group:" + link.getGroupId())) {
          groups.add("group:" + link.getGroupId());
        }
      }
    }
    return users.isEmpty() ? groups : users;
  }

  /** Whether the request has an escalation under way. */
  public boolean escalationOpen(String requestNo) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_REQUEST_ESCALATION)
        .processInstanceBusinessKey(requestNo).active().count() > 0;
  }

  /** The case and the path it is in take {@code name = value} ({@code Msg_CaseUpdated}, 案件信息已更新). */
  public void tellCase(String requestNo, String name, Object value) {
    runtime.createMessageCorrelation(MSG_CASE_UPDATED).processInstanceBusinessKey(requestNo)
        .setVariable(name, value)
        .correlateAllWithResult();
  }

  /** The request's open escalation takes a further missed target ({@code Msg_TargetMissedAgain}). */
  public void handOverToEscalation(String requestNo, String target, String overdueLine) {
    runtime.createMessageCorrelation(MSG_TARGET_MISSED_AGAIN).processInstanceBusinessKey(requestNo)
        .setVariable(VAR_MISSED_TARGET, target)
        .setVariable(VAR_OVERDUE_LINE, overdueLine)
        .correlateAllWithResult();
  }

  /** Who held an escalation's levels: each level task's assignee, else the task's key (unclaimed). */
  public List<HeldTask> heldTasks(String instanceId) {
    return EngineQueries.all(history.createHistoricTaskInstanceQuery().processInstanceId(instanceId)).stream()
        .map(t -> new HeldTask(t.getTaskDefinitionKey(), t.getAssignee())).toList();
  }

  public record HeldTask(String taskKey, String assignee) {}
}
