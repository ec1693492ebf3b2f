package com.guanjia.escalation;

import static com.guanjia.process.ProcessContract.MSG_REQUEST_RESOLVED;

import com.guanjia.process.RequestVariables;
import java.time.Clock;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 记录请求已解决: the handling path came back done (work finished, complaint settled, question answered,
 * escort made). The resolution target is met, and open escalations of the request end (R4).
 */
@Component("caseResolvedDelegate")
class CaseResolvedDelegate implements JavaDelegate {
  private final RuntimeService runtime;
  private final Clock clock;

  CaseResolvedDelegate(RuntimeService runtime, Clock clock) {
    this.runtime = runtime;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RequestVariables.of(execution).resolvedAt(clock.instant());
    runtime.createMessageCorrelation(MSG_REQUEST_RESOLVED)
        .processInstanceBusinessKey(execution.getProcessBusinessKey())
        .correlateAllWithResult();
  }
}
