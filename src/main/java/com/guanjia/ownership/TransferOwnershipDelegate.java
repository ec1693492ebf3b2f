package com.guanjia.ownership;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.process.InvalidVariableException;
import com.guanjia.web.ForbiddenException;
import com.guanjia.web.InvalidFieldException;
import com.guanjia.web.NotFoundException;
import com.guanjia.process.RequestVariables;
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
    var authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String supervisor = authentication == null ? null : authentication.getUserId();
    if (supervisor == null) {
      throw new InvalidVariableException("initiator", "转交须由主管在任务列表中发起");
    }
    var v = RequestVariables.of(execution);
    try {
      transfers.transfer(v.text(VAR_REQUEST_NO), v.text(VAR_NEW_OWNER),
          v.text(VAR_TRANSFER_REASON), supervisor);
    } catch (InvalidFieldException e) {
      throw new InvalidVariableException(e.field(), e.getMessage());
    } catch (NotFoundException | ForbiddenException e) {
      throw new InvalidVariableException(VAR_REQUEST_NO, e.getMessage());
    }
  }
}
