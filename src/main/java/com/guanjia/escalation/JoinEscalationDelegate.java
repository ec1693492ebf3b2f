package com.guanjia.escalation;

import com.guanjia.process.CaseInstances;
import com.guanjia.process.EscalationVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 并入进行中的督办: the case's open escalation is sent the target just missed ({@code Msg_TargetMissedAgain}). */
@Component("joinEscalationDelegate")
class JoinEscalationDelegate implements JavaDelegate {
  private final CaseInstances cases;

  JoinEscalationDelegate(CaseInstances cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var missed = EscalationVariables.of(execution);
    cases.handOverToEscalation(execution.getProcessBusinessKey(), missed.missedTarget(), missed.overdueLine());
  }
}
