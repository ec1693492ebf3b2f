package com.guanjia.escalation;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.GuanjiaProperties;
import com.guanjia.process.CaseHistory;
import com.guanjia.process.RequestVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The handler chose "change the completion time" on the work task: new promise, reason, remedy (R3). */
@Component("etaChangeDelegate")
class EtaChangeDelegate implements JavaDelegate {
  private final EtaChanges etas;
  private final CaseHistory caseHistory;
  private final GuanjiaProperties properties;

  EtaChangeDelegate(EtaChanges etas, CaseHistory caseHistory, GuanjiaProperties properties) {
    this.etas = etas;
    this.caseHistory = caseHistory;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var v = RequestVariables.of(execution);
    etas.apply(execution, v.dateTime(VAR_NEW_ETA, properties.timeZone()), v.text(VAR_ETA_CHANGE_REASON),
        v.text(VAR_REMEDY), caseHistory.lastPerformer(execution.getProcessInstanceId()));
    for (String name : new String[] {VAR_WORK_ACTION, VAR_NEW_ETA, VAR_ETA_CHANGE_REASON, VAR_REMEDY}) {
      execution.removeVariable(name);
    }
  }
}
