package com.guanjia.escalation;

import com.guanjia.process.EscalationVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 追加超时事项并告知负责人: the open escalation adds the further missed target to its list. */
@Component("takeInMissedTargetDelegate")
class TakeInMissedTargetDelegate implements JavaDelegate {
  private final Escalations escalations;

  TakeInMissedTargetDelegate(Escalations escalations) {
    this.escalations = escalations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var escalation = EscalationVariables.of(execution);
    escalation.overdue(escalations.takeIn(execution.getProcessInstanceId(), escalation.requestNo(),
        escalation.firstResponder(), escalation.overdue(), Target.valueOf(escalation.missedTarget()),
        escalation.overdueLine()));
  }
}
