package com.guanjia.process;

import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.stereotype.Component;

/** What a case's history says about its steps, for delegates and listeners. */
@Component
public class CaseHistory {
  private final HistoryService history;

  CaseHistory(HistoryService history) {
    this.history = history;
  }

  /**
   * The step before a task: the most recently completed user task of the case (the case and the handling
   * paths it called) at another activity (a step done again after a loop rates what came before the
   * loop, not its own earlier round).
   */
  public Optional<HistoricTaskInstance> previousStep(String caseInstanceId, String activityId) {
    return EngineQueries.all(history.createHistoricTaskInstanceQuery().rootProcessInstanceId(caseInstanceId).finished()
        .orderByHistoricTaskInstanceEndTime().desc()).stream()
        .filter(t -> !t.getTaskDefinitionKey().equals(activityId))
        .findFirst();
  }

  /**
   * Who worked the case's most recent user task: for a step right after a task, the person who just
   * completed it (its completion is not yet written, its assignment is).
   */
  public String lastPerformer(String processInstanceId) {
    return history.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId)
        .orderByHistoricActivityInstanceStartTime().desc().listPage(0, 1).stream()
        .map(HistoricTaskInstance::getAssignee).findFirst().orElse(null);
  }

  /** When a case was first worked on, last reached on site and first planned: from its steps' history. */
  public record Milestones(java.time.Instant respondedAt, java.time.Instant arrivedAt, java.time.Instant plannedAt) {}

  public Milestones milestones(String caseInstanceId) {
    java.time.Instant responded = null;
    java.time.Instant arrived = null;
    java.time.Instant planned = null;
    for (HistoricTaskInstance t : EngineQueries.all(history.createHistoricTaskInstanceQuery().rootProcessInstanceId(caseInstanceId)
        .finished())) {
      if (!ProcessContract.CASE_PROCESSES.contains(t.getProcessDefinitionKey())) {
        continue; // an escalation's or a callback's task is no work on the case itself
      }
      java.time.Instant end = t.getEndTime().toInstant();
      responded = responded == null || end.isBefore(responded) ? end : responded;
      String key = t.getTaskDefinitionKey();
      if (ProcessContract.TASK_ARRIVE_ON_SITE.equals(key) && (arrived == null || end.isAfter(arrived))) {
        arrived = end;
      }
      if ((ProcessContract.TASK_PROPOSE_PLAN.equals(key) || ProcessContract.TASK_FOLLOW_UP_DEFECT.equals(key))
          && (planned == null || end.isBefore(planned))) {
        planned = end;
      }
    }
    return new Milestones(responded, arrived, planned);
  }
}
