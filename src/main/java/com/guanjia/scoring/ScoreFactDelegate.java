package com.guanjia.scoring;

import com.guanjia.process.InvalidVariableException;
import com.guanjia.process.RequestVariables;
import com.guanjia.resident.StaffDirectory;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 记分 (R7): the step records a scored fact of the kind the model names (local input {@code kind}) about the member
 * of staff whose user id the variable named by {@code staffVariable} holds: the person praised, the person a
 * substantiated complaint concerns. An id that is no member of staff is sent back to the form, naming its field.
 */
@Component("scoreFactDelegate")
class ScoreFactDelegate implements JavaDelegate {
  private final ScoreLedger ledger;
  private final StaffDirectory staff;

  ScoreFactDelegate(ScoreLedger ledger, StaffDirectory staff) {
    this.ledger = ledger;
    this.staff = staff;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var v = RequestVariables.of(execution);
    var kind = ScoreLedger.Kind.valueOf((String) execution.getVariableLocal("kind"));
    String field = (String) execution.getVariableLocal("staffVariable");
    String member = v.text(field);
    if (member == null || member.isBlank() || staff.find(member.strip()).isEmpty()) {
      throw new InvalidVariableException(field, "请填写员工的登录账号（" + (member == null ? "未填写" : member)
          + " 不是本公司员工）(" + field + " must name a member of staff)");
    }
    ledger.record(String.join(":", v.requestNo(), kind.name(), member.strip()), kind, member.strip(), v.requestNo(),
        execution.getCurrentActivityId(), null, v.priority());
  }
}
