package com.guanjia.ownership;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.process.InvalidVariableException;
import com.guanjia.web.ForbiddenException;
import com.guanjia.web.InvalidFieldException;
import com.guanjia.web.NotFoundException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The {@code ownership-transfer} process's one step: a supervisor filled in the start form in
 * Tasklist; this applies the transfer as the API would. Bad input fails the start, and Tasklist shows why.
 */
@Component("transferOwnershipDelegate")
class TransferOwnershipDelegate implements JavaDelegate {
  private final OwnershipTransfers transfers;

  TransferOwnershipDelegate(OwnershipTransfers transfers) {
    this.transfers = transfers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String supervisor = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication() == null
        ? null : execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication().getUserId();
    if (supervisor == null) {
      throw new InvalidVariableException("initiator", "转交须由主管在任务列表中发起");
    }
    try {
      transfers.transfer(text(execution, VAR_REQUEST_NO), text(execution, VAR_NEW_OWNER),
          text(execution, VAR_TRANSFER_REASON), supervisor);
    } catch (InvalidFieldException e) {
      throw new InvalidVariableException(e.field(), e.getMessage());
    } catch (NotFoundException | ForbiddenException e) {
      throw new InvalidVariableException(VAR_REQUEST_NO, e.getMessage());
    }
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : value.toString();
  }
}
