package com.guanjia.escalation;

import static com.guanjia.process.ProcessContract.*;

import java.time.Clock;
import java.util.Date;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Each path's outcome (work done, complaint settled, question answered, escort done) marks the request
 * resolved: the resolution target is met, and open escalations of the request end (R4).
 */
@Component("caseResolvedListener")
class CaseResolvedListener implements ExecutionListener {
  private final RuntimeService runtime;
  private final Clock clock;

  CaseResolvedListener(RuntimeService runtime, Clock clock) {
    this.runtime = runtime;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateExecution execution) {
    execution.setVariable(VAR_RESOLVED_AT, Date.from(clock.instant()));
    runtime.createMessageCorrelation(MSG_REQUEST_RESOLVED)
        .processInstanceBusinessKey(execution.getProcessBusinessKey())
        .correlateAllWithResult();
  }
}
