package com.guanjia.escalation;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.GuanjiaProperties;
import com.guanjia.process.InvalidVariableException;
import com.guanjia.process.RequestVariables;
import java.time.Duration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Waiting on the resident (not at home, no access, parts the resident orders): the SLA clock stops
 * when the wait begins and resumes with the remaining time when it ends; the promised completion time
 * moves by the length of the wait and the resident is told the new time (R3).
 */
@Component("slaPauseListener")
class SlaPauseListener implements ExecutionListener {
  private final SlaClock sla;
  private final EtaChanges etas;
  private final GuanjiaProperties properties;

  SlaPauseListener(SlaClock sla, EtaChanges etas, GuanjiaProperties properties) {
    this.sla = sla;
    this.etas = etas;
    this.properties = properties;
  }

  @Override
  public void notify(DelegateExecution execution) {
    var v = RequestVariables.of(execution);
    if (EVENTNAME_START.equals(execution.getEventName())) {
      String reason = v.text(VAR_WAIT_REASON);
      if (reason == null || reason.isBlank()) {
        throw new InvalidVariableException(VAR_WAIT_REASON, "请填写等待原因 (waitReason is required)");
      }
      sla.pause(execution.getProcessInstanceId(), v.requestNo(), reason.strip(), v.handler());
      return;
    }
    Duration waited = sla.resume(execution.getProcessInstanceId(), v.requestNo(),
        SlaCalendar.URGENT.equals(execution.getVariable(VAR_PRIORITY)));
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
