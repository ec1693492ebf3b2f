package com.guanjia.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 追加超时事项: the open escalation adds the further missed target to its list and tells the owner. */
@Component("takeInMissedTargetDelegate")
class TakeInMissedTargetDelegate implements JavaDelegate {
  private final Escalations escalations;

  TakeInMissedTargetDelegate(Escalations escalations) {
    this.escalations = escalations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    escalations.takeIn(execution);
  }
}
