package com.guanjia.ownership;

import com.guanjia.process.Category;
import com.guanjia.process.Channel;
import com.guanjia.process.RequestVariables;
import com.guanjia.resident.StaffDirectory;
import com.guanjia.security.CaseAccess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Sets {@code firstResponder}, the request's owner until it is closed (R1). */
@Component("assignFirstResponderDelegate")
class AssignFirstResponderDelegate implements JavaDelegate {
  private final FirstResponders firstResponders;
  private final StaffDirectory staff;
  private final CaseAccess access;

  AssignFirstResponderDelegate(FirstResponders firstResponders, StaffDirectory staff, CaseAccess access) {
    this.firstResponders = firstResponders;
    this.staff = staff;
    this.access = access;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var v = RequestVariables.of(execution);
    Category category = Category.valueOf(v.category());
    String owner = firstResponders.choose(Channel.valueOf(v.channel()), category, v.residentId(), v.registeredBy());
    v.firstResponder(owner);
    // the owner and the registrar follow the case on its page; so does the zone's butler, unless it is a
    // complaint about staff attitude, which may concern him (R4). Tasklist needs no grant of theirs: the
    // tasks they are given bring their own (CaseAccess).
    access.letUserReadHistory(execution.getProcessInstanceId(), owner);
    access.letUserReadHistory(execution.getProcessInstanceId(), v.registeredBy());
    if (category != Category.STAFF_ATTITUDE) {
      staff.zoneButler(v.residentId())
          .ifPresent(butler -> access.letUserReadHistory(execution.getProcessInstanceId(), butler));
    }
  }
}
