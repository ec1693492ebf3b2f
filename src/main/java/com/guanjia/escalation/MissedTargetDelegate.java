package com.guanjia.escalation;

import com.guanjia.process.ProcessContract;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * A target's timer fired: the model names the target in the local input {@code target}; the step's
 * outputs {@code escalate}, {@code missedTarget} and {@code overdueLine} tell the model how to escalate.
 */
@Component("missedTargetDelegate")
class MissedTargetDelegate implements JavaDelegate {
  private final Escalations escalations;
  private final Clock clock;

  MissedTargetDelegate(Escalations escalations, Clock clock) {
    this.escalations = escalations;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Target target = Target.valueOf((String) execution.getVariableLocal(ProcessContract.VAR_TARGET));
    var outcome = escalations.targetMissed(execution, target, dueDate());
    execution.setVariableLocal(ProcessContract.VAR_ESCALATE, outcome.escalate());
    execution.setVariableLocal(ProcessContract.VAR_MISSED_TARGET, target.name());
    execution.setVariableLocal(ProcessContract.VAR_OVERDUE_LINE, outcome.overdueLine());
  }

  /** When the target was due: the firing timer's due date (now, when run outside a job). */
  private OffsetDateTime dueDate() {
    var commandContext = Context.getCommandContext();
    var job = commandContext == null ? null : commandContext.getCurrentJob();
    if (job != null && job.getDuedate() != null) {
      return Escalations.at(job.getDuedate(), clock);
    }
    return OffsetDateTime.now(clock);
  }
}
