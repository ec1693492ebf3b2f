package com.guanjia.escalation;

import static com.guanjia.process.ProcessContract.VAR_SLA_ACTION;
import static com.guanjia.process.ProcessContract.VAR_WAIT_REASON;
import static com.guanjia.process.ProcessContract.VAR_WORK_ACTION;

import com.guanjia.GuanjiaProperties;
import com.guanjia.process.CaseInstances;
import com.guanjia.process.InvalidVariableException;
import com.guanjia.process.RequestVariables;
import java.time.Duration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 暂停计时 / 恢复计时并顺延承诺 (the model's input {@code slaAction}: PAUSE or RESUME). Waiting on the
 * resident (not at home, no access, parts the resident orders) stops the case's SLA clock; when the wait
 * ends the clock runs on with the time that was left, the promised completion time moves by the length
 * of the wait and the resident is told the new time (R3).
 */
@Component("slaClockDelegate")
class SlaClockDelegate implements JavaDelegate {
  private final SlaClock sla;
  private final EtaChanges etas;
  private final GuanjiaProperties properties;
  private final OwnerUpdates owners;

  SlaClockDelegate(SlaClock sla, EtaChanges etas, GuanjiaProperties properties, OwnerUpdates owners) {
    this.owners = owners;
    this.sla = sla;
    this.etas = etas;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var v = RequestVariables.of(execution);
    String caseId = CaseInstances.caseOf(execution);
    if ("PAUSE".equals(execution.getVariableLocal(VAR_SLA_ACTION))) {
      String reason = v.text(VAR_WAIT_REASON);
      if (reason == null || reason.isBlank()) {
        throw new InvalidVariableException(VAR_WAIT_REASON, "请填写等待原因 (waitReason is required)");
      }
      sla.pause(caseId, v.requestNo(), reason.strip(), v.handler());
      owners.waiting(v.requestNo(), v.firstResponder(), v.handler(), reason.strip());
      return;
    }
    Duration waited = sla.resume(caseId, v.requestNo(), SlaCalendar.URGENT.equals(v.priority()));
    owners.resumed(v.requestNo(), v.firstResponder(), v.handler(), waited);
    var eta = v.eta(properties.timeZone());
    // the promise moves by the wait in whole minutes; a wait shorter than half a minute moves nothing
    Duration shift = Duration.ofMinutes(waited.plusSeconds(30).toMinutes());
    if (eta != null && !shift.isZero()) {
      etas.apply(execution, eta.plus(shift), "等待您方便的时间（" + v.text(VAR_WAIT_REASON) + "）", null, v.handler());
    }
    execution.removeVariable(VAR_WORK_ACTION);
    execution.removeVariable(VAR_WAIT_REASON);
  }
}
