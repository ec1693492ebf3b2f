package com.guanjia.escalation;

import static com.guanjia.process.ProcessContract.VAR_ESCALATION_LEVEL;

import com.guanjia.process.CaseInstances;
import com.guanjia.process.EscalationVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 升级至一级/二级/三级: the escalation reaches its input {@code level}. It and the case show the level (the
 * case and its path take it by message in 案件信息已更新, never below a level an earlier escalation
 * reached), and the owner is told.
 */
@Component("raiseEscalationDelegate")
class RaiseEscalationDelegate implements JavaDelegate {
  private final Escalations escalations;
  private final CaseInstances cases;

  RaiseEscalationDelegate(Escalations escalations, CaseInstances cases) {
    this.escalations = escalations;
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var escalation = EscalationVariables.of(execution);
    int level = escalation.level();
    int shown = Math.max(level, escalation.escalationLevel());
    escalation.escalationLevel(shown);
    cases.tellCase(escalation.requestNo(), VAR_ESCALATION_LEVEL, shown);
    String openedBy = escalation.openedBy();
    escalations.raised(execution.getProcessInstanceId(), escalation.requestNo(), escalation.firstResponder(), level,
        openedBy == null ? null : Target.valueOf(openedBy));
  }
}
