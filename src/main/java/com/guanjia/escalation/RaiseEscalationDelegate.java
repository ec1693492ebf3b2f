package com.guanjia.escalation;

import com.guanjia.process.ProcessContract;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The level below did not act within the interval: the escalation climbs to the input {@code level}. */
@Component("raiseEscalationDelegate")
class RaiseEscalationDelegate implements JavaDelegate {
  private final Escalations escalations;

  RaiseEscalationDelegate(Escalations escalations) {
    this.escalations = escalations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object level = execution.getVariableLocal(ProcessContract.VAR_LEVEL);
    escalations.raise(execution, level instanceof Number n ? n.intValue() : Integer.parseInt(level.toString()));
  }
}
