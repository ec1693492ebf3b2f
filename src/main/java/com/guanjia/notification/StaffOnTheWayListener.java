package com.guanjia.notification;

import com.guanjia.process.RequestVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * When a technician takes the on-site task, the resident hears that staff are on the way (R6). Once
 * per task: a task claimed again does not repeat the message.
 */
@Component("staffOnTheWayListener")
class StaffOnTheWayListener implements TaskListener {
  private final ResidentNotices notices;

  StaffOnTheWayListener(ResidentNotices notices) {
    this.notices = notices;
  }

  @Override
  public void notify(DelegateTask task) {
    if (task.getAssignee() == null) {
      return;
    }
    var v = RequestVariables.of(task.getExecution());
    notices.tell(v.requestNo() + ":STAFF_ON_THE_WAY:" + task.getId(), Notice.STAFF_ON_THE_WAY, v.requestNo(),
        v.residentId(), v.type(), task.getAssignee(), null);
  }
}
