package com.guanjia.escalation;

import com.guanjia.GuanjiaProperties;
import com.guanjia.process.InvalidVariableException;
import com.guanjia.process.ProcessContract;
import com.guanjia.process.RequestVariables;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The ETA given with a plan is a promise to the resident (R3). Whatever form it arrived in (Tasklist
 * sends text, the REST API a date), it is stored as a date; a promise in the past is sent back.
 */
@Component("etaListener")
class EtaListener implements TaskListener {
  private final Clock clock;
  private final ZoneId zone;

  EtaListener(Clock clock, GuanjiaProperties properties) {
    this.clock = clock;
    this.zone = properties.timeZone();
  }

  @Override
  public void notify(DelegateTask task) {
    var v = RequestVariables.of(task.getExecution());
    OffsetDateTime eta = v.eta(zone);
    if (eta == null) {
      throw new InvalidVariableException(ProcessContract.VAR_ETA, "请填写预计完成时间 (eta is required)");
    }
    if (!eta.isAfter(OffsetDateTime.now(clock))) {
      throw new InvalidVariableException(ProcessContract.VAR_ETA, "预计完成时间须晚于当前时间 (eta must be in the future)");
    }
    v.eta(eta);
  }
}
