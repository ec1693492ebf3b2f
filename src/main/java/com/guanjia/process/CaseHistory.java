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
    return history.createHistoricTaskInstanceQuery().rootProcessInstanceId(caseInstanceId).finished()
        .orderByHistoricTaskInstanceEndTime().desc().list().stream()
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
}
