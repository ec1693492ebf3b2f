package com.guanjia.ownership;

import com.guanjia.process.Category;
import com.guanjia.process.Channel;
import com.guanjia.process.RequestVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Sets {@code firstResponder}, the request's owner until it is closed (R1). */
@Component("assignFirstResponderDelegate")
class AssignFirstResponderDelegate implements JavaDelegate {
  private final FirstResponders firstResponders;

  AssignFirstResponderDelegate(FirstResponders firstResponders) {
    this.firstResponders = firstResponders;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var v = RequestVariables.of(execution);
    v.firstResponder(firstResponders.choose(Channel.valueOf(v.channel()), Category.valueOf(v.category()),
        v.residentId(), v.registeredBy()));
  }
}
