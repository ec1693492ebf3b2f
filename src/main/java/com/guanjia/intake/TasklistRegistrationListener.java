package com.guanjia.intake;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.process.RequestVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * A case started from Tasklist's start form (登记服务请求) has no request number yet: this gives it
 * one, as {@code POST /api/requests} does, and makes it the business key. Cases the API started
 * already carry theirs and pass unchanged.
 */
@Component("tasklistRegistrationListener")
class TasklistRegistrationListener implements ExecutionListener {
  private final Intake intake;

  TasklistRegistrationListener(Intake intake) {
    this.intake = intake;
  }

  @Override
  public void notify(DelegateExecution execution) {
    var v = RequestVariables.of(execution);
    var authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      // who registers is who is signed in, whatever the start variables say
      execution.setVariable(VAR_REGISTERED_BY, authentication.getUserId());
    }
    Object given = execution.getVariable(VAR_REQUEST_NO);
    if (given != null) {
      // only the API's intake starts a case with its number: it stored the record a moment ago
      intake.confirmStartingCase(given.toString());
      return;
    }
    NewRequest request = new NewRequest(v.text(VAR_TYPE), v.text(VAR_CATEGORY),
        v.text(VAR_CHANNEL), v.text(VAR_DESCRIPTION), v.text(VAR_RESIDENT_ID),
        v.text(VAR_LOCATION), Boolean.TRUE.equals(execution.getVariable(VAR_URGENT_RAISED)),
        v.text(VAR_URGENT_REASON));
    var starting = intake.registerStartingCase(request, v.text(VAR_REGISTERED_BY), execution.getProcessInstanceId());
    String requestNo = starting.requestNo();
    execution.setVariable(VAR_RESIDENT_NEEDS, starting.residentNeeds());
    execution.setVariable(VAR_PROJECT_ID, starting.projectId());
    execution.setProcessBusinessKey(requestNo);
    execution.setVariable(VAR_REQUEST_NO, requestNo);
    execution.setVariable(VAR_ESCALATION_LEVEL, 0);
    String residentId = request.residentId() == null || request.residentId().isBlank() ? null : request.residentId().strip();
    execution.setVariable(VAR_RESIDENT_ID, residentId);
    if (request.description() != null) {
      execution.setVariable(VAR_DESCRIPTION, request.description().strip());
    }
    execution.removeVariable(VAR_LOCATION); // kept in Guanjia's record, like the API's
    execution.setVariable(VAR_URGENT_RAISED, request.raisedUrgent());
    execution.setVariable(VAR_URGENT_REASON, request.raisedUrgent() ? request.urgentReason().strip() : null);
  }
}
