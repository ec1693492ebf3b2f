package com.guanjia.escalation;

import com.guanjia.process.CaseInstances;
import com.guanjia.process.EscalationVariables;
import java.util.LinkedHashSet;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 结束督办并留言: the request was resolved while escalated; those who held the levels get a note. */
@Component("closeEscalationDelegate")
class CloseEscalationDelegate implements JavaDelegate {
  private final Escalations escalations;
  private final CaseInstances cases;

  CloseEscalationDelegate(Escalations escalations, CaseInstances cases) {
    this.escalations = escalations;
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var escalation = EscalationVariables.of(execution);
    var holders = new LinkedHashSet<String>();
    for (var held : cases.heldTasks(execution.getProcessInstanceId())) {
      holders.add(held.assignee() != null ? held.assignee() : "group:" + Escalations.groupOf(held.taskKey()));
    }
    holders.add(escalation.firstResponder());
    escalation.closingNote(escalations.close(execution.getProcessInstanceId(), escalation.requestNo(), holders));
  }
}
