package com.guanjia.escalation;

import static com.guanjia.process.ProcessContract.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 并入进行中的督办: the case's open escalation is sent the target just missed ({@code Msg_TargetMissedAgain}). */
@Component("joinEscalationDelegate")
class JoinEscalationDelegate implements JavaDelegate {
  private final Escalations escalations;

  JoinEscalationDelegate(Escalations escalations) {
    this.escalations = escalations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    escalations.handOver(execution.getProcessBusinessKey(), (String) execution.getVariable(VAR_MISSED_TARGET),
        (String) execution.getVariable(VAR_OVERDUE_LINE));
  }
}
