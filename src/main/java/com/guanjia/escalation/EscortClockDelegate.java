package com.guanjia.escalation;

import static com.guanjia.process.ProcessContract.VAR_ESCORT_TIME;
import static com.guanjia.process.ProcessContract.VAR_RESOLVE_TARGET;

import com.guanjia.GuanjiaProperties;
import com.guanjia.process.CaseInstances;
import com.guanjia.process.InvalidVariableException;
import com.guanjia.process.RequestVariables;
import java.time.Duration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 按约定时间起算时限: an escort's resolution target runs from the booked time, not from the call (the guard is at
 * the gate on time). The case's resolution timer is due {@code resolveTarget} after the booked time, on the clock
 * (an appointment at 21:00 is kept at 21:00 whatever the service hours). Booked again after "not done", the
 * deadline moves to the new time unless it had already passed.
 */
@Component("escortClockDelegate")
class EscortClockDelegate implements JavaDelegate {
  static final String RESOLVE_TIMER = "BoundaryEvent_ResolveTargetMissed";

  private final SlaClock sla;
  private final GuanjiaProperties properties;

  EscortClockDelegate(SlaClock sla, GuanjiaProperties properties) {
    this.sla = sla;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var v = RequestVariables.of(execution);
    var booked = v.dateTime(VAR_ESCORT_TIME, properties.timeZone());
    if (booked == null) {
      throw new InvalidVariableException(VAR_ESCORT_TIME, "请填写接送时间 (escortTime is required)");
    }
    String resolveTarget = v.text(VAR_RESOLVE_TARGET);
    if (resolveTarget == null) {
      return; // a case triaged before escorts counted from their booking: its deadline stays as it was
    }
    Duration target = Duration.parse(resolveTarget);
    sla.countFrom(CaseInstances.caseOf(execution), RESOLVE_TIMER, booked.toInstant().plus(target));
  }
}
