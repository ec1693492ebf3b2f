package com.guanjia.escalation;

import com.guanjia.process.CaseInstances;
import com.guanjia.process.EscalationVariables;
import com.guanjia.process.RequestVariables;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * A target's timer fired: the model names the target in the local input {@code target}. Nothing is
 * recorded when it was met after all (a response or resolution timer watching a case that has moved
 * on); otherwise the violation is. The step's outputs {@code escalate}, {@code missedTarget} and
 * {@code overdueLine} tell the model how to escalate.
 */
@Component("missedTargetDelegate")
class MissedTargetDelegate implements JavaDelegate {
  private final Escalations escalations;
  private final CaseInstances cases;
  private final Clock clock;

  MissedTargetDelegate(Escalations escalations, CaseInstances cases, Clock clock) {
    this.escalations = escalations;
    this.cases = cases;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var step = EscalationVariables.of(execution);
    var kase = RequestVariables.of(execution);
    Target target = Target.valueOf(step.checkedTarget());
    boolean met = switch (target) {
      case RESPONSE -> cases.responded(CaseInstances.caseOf(execution));
      case RESOLVE -> kase.resolved();
      default -> false; // the path's timers sit on the step itself: it is still open
    };
    Escalations.MissedTarget outcome = Escalations.MissedTarget.MET;
    if (!met) {
      String stepKey = Escalations.stepOf(target);
      // the path's step with the target (到达现场, 提出方案), else whatever step of the case is waiting
      String instance = stepKey != null ? execution.getProcessInstanceId()
          : cases.handling(CaseInstances.caseOf(execution));
      outcome = escalations.missed(kase.requestNo(), target, dueDate(),
          Escalations.responsible(target, cases.offeredTo(instance, stepKey), kase.handler(), kase.firstResponder()),
          cases.escalationOpen(kase.requestNo()), kase.priority());
    }
    step.missedTargetOutcome(outcome.escalate(), target.name(), outcome.overdueLine());
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
