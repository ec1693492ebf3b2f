package com.guanjia.notification;

import com.guanjia.GuanjiaProperties;
import com.guanjia.process.CaseHistory;
import com.guanjia.process.ProcessContract;
import com.guanjia.process.RequestVariables;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A send task's milestone message for the resident. The model names the milestone in the local
 * input {@code notice}; the message goes to the outbox in the step's own transaction.
 */
@Component("notifyResidentDelegate")
class NotifyResidentDelegate implements JavaDelegate {
  private final ResidentNotices notices;
  private final CaseHistory caseHistory;
  private final ZoneId zone;

  private final com.guanjia.ownership.DutyRouting duty;

  NotifyResidentDelegate(ResidentNotices notices, CaseHistory caseHistory, GuanjiaProperties properties,
      com.guanjia.ownership.DutyRouting duty) {
    this.duty = duty;
    this.notices = notices;
    this.caseHistory = caseHistory;
    this.zone = properties.timeZone();
  }

  @Override
  public void execute(DelegateExecution execution) {
    var v = RequestVariables.of(execution);
    Notice notice = Notice.valueOf(v.notice());
    String staffUser = switch (notice) {
      case ETA_PROMISED -> v.handler() != null ? v.handler() : v.firstResponder(); // a defect's promise is the owner's
      case ESCORT_BOOKED -> caseHistory.lastPerformer(execution.getProcessInstanceId());
      default -> v.firstResponder();
    };
    var time = switch (notice) {
      case ETA_PROMISED, PROGRESS -> v.eta(zone);
      case ESCORT_BOOKED -> v.dateTime(ProcessContract.VAR_ESCORT_TIME, zone);
      default -> null;
    };
    // an urgent request outside service hours: the receipt gives the phone of whoever is on duty in its trade
    String dutyPhone = notice == Notice.RECEIVED
        ? duty.dutyPhone(v.text(ProcessContract.VAR_RESPONSIBLE_GROUP), v.text(ProcessContract.VAR_PRIORITY),
            v.text(ProcessContract.VAR_PROJECT_ID)).orElse(null)
        : null;
    notices.tell(v.requestNo() + ":" + execution.getCurrentActivityId() + ":" + execution.getActivityInstanceId(),
        notice, v.requestNo(), v.residentId(), v.type(), staffUser, time, dutyPhone);
  }
}
