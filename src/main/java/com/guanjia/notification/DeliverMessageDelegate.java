package com.guanjia.notification;

import com.guanjia.process.RequestVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 重新投递消息 in {@code message-delivery}: a message whose first attempt failed, tried again by the job
 * executor. A failure propagates, so the engine retries with back-off and finally raises an incident an
 * operator retries in Cockpit.
 */
@Component("deliverMessageDelegate")
class DeliverMessageDelegate implements JavaDelegate {
  private final MessageSender sender;

  DeliverMessageDelegate(MessageSender sender) {
    this.sender = sender;
  }

  @Override
  public void execute(DelegateExecution execution) {
    sender.deliver(RequestVariables.of(execution).outboxId());
  }
}
