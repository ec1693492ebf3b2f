package com.guanjia.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The request was resolved while escalated: the open levels end with a note to those who held them. */
@Component("closeEscalationDelegate")
class CloseEscalationDelegate implements JavaDelegate {
  private final Escalations escalations;

  CloseEscalationDelegate(Escalations escalations) {
    this.escalations = escalations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    escalations.close(execution);
  }
}
