package com.guanjia.ownership;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 汇总值班期间未办结的紧急事项: sets {@code handoverCount} and {@code handoverNote} for the morning shift. */
@Component("collectHandoverDelegate")
class CollectHandoverDelegate implements JavaDelegate {
  private final UrgentHandover handover;

  CollectHandoverDelegate(UrgentHandover handover) {
    this.handover = handover;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var open = handover.openUrgentCases();
    execution.setVariable("handoverCount", open.count());
    execution.setVariable("handoverNote", open.note());
  }
}
