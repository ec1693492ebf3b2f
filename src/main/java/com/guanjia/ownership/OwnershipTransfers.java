package com.guanjia.ownership;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.intake.RequestRecords;
import com.guanjia.process.CaseInstances;
import com.guanjia.process.EngineQueries;
import com.guanjia.resident.StaffDirectory;
import com.guanjia.security.CaseAccess;
import com.guanjia.web.ForbiddenException;
import com.guanjia.web.InvalidFieldException;
import com.guanjia.web.NotFoundException;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * R1: only a supervisor transfers a request's ownership, always with a reason. The new owner takes
 * over the owner's open tasks; the transfer is recorded in Guanjia's table and, as a comment and a
 * variable change by the supervisor, in the case's Camunda history.
 */
@Service
public class OwnershipTransfers {
  /** Who may own a request (R1): those who talk to residents and see a case through. */
  private static final java.util.Set<String> OWNER_GROUPS = java.util.Set.of(GROUP_CUSTOMER_SERVICE, GROUP_BUTLER,
      GROUP_SUPERVISOR);

  private final RequestRecords records;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identity;
  private final StaffDirectory staff;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final CaseAccess access;
  private final CaseInstances cases;

  OwnershipTransfers(RequestRecords records, RuntimeService runtime, TaskService tasks, IdentityService identity,
      StaffDirectory staff, JdbcClient jdbc, Clock clock, CaseAccess access, CaseInstances cases) {
    this.access = access;
    this.cases = cases;
    this.records = records;
    this.runtime = runtime;
    this.tasks = tasks;
    this.identity = identity;
    this.staff = staff;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public record Transfer(String requestNo, String fromUser, String toUser, String reason, String transferredBy) {}

  @Transactional
  public Transfer transfer(String requestNo, String newOwner, String reason, String supervisor) {
    if (!isSupervisor(supervisor)) {
      throw new ForbiddenException(supervisor + " is not a supervisor: only supervisors transfer ownership");
    }
    if (reason == null || reason.isBlank() || reason.length() > 500) {
      throw new InvalidFieldException(VAR_TRANSFER_REASON, "a reason of 1 to 500 characters is required");
    }
    if (newOwner == null || !staff.isActive(newOwner)
        || !OWNER_GROUPS.contains(staff.find(newOwner).map(StaffDirectory.StaffMember::trade).orElse(""))) {
      throw new InvalidFieldException(VAR_NEW_OWNER,
          "no active staff member " + newOwner + " of customer-service, butler or supervisor");
    }
    var record = records.find(requestNo).orElseThrow(() -> new NotFoundException("No request " + requestNo));
    ProcessInstance instance = runtime.createProcessInstanceQuery()
        .processInstanceId(record.processInstanceId()).singleResult();
    // closed, or closed and followed up by callbacks: a reopened case can be transferred again
    if (instance == null || runtime.getVariable(instance.getId(), VAR_CLOSED_AT) != null) {
      throw new InvalidFieldException(VAR_REQUEST_NO, requestNo + " is closed; a closed request has no owner to change");
    }
    String previous = (String) runtime.getVariable(instance.getId(), VAR_FIRST_RESPONDER);
    if (newOwner.equals(previous)) {
      throw new InvalidFieldException(VAR_NEW_OWNER, newOwner + " already owns " + requestNo);
    }
    // the case and the handling path it is in take the new owner by message (their 案件信息已更新 event
    // subprocess); the owner's open steps in either are reassigned below
    String[] running = cases.running(instance.getId()).toArray(String[]::new);
    cases.tellCase(requestNo, VAR_FIRST_RESPONDER, newOwner);
    access.letUserReadHistory(instance.getId(), newOwner);
    if (previous != null) {
      for (Task task : EngineQueries.all(tasks.createTaskQuery().processInstanceIdIn(running).taskAssignee(previous))) {
        tasks.setAssignee(task.getId(), newOwner);
      }
    }
    tasks.createComment(null, instance.getId(),
        "首问负责人由 %s 转交给 %s，原因：%s".formatted(previous, newOwner, reason.strip()));
    jdbc.sql("""
            insert into ownership_transfer (request_no, from_user, to_user, reason, transferred_by, transferred_at)
            values (?, ?, ?, ?, ?, ?)""")
        .params(requestNo, previous, newOwner, reason.strip(), supervisor, OffsetDateTime.now(clock)).update();
    return new Transfer(requestNo, previous, newOwner, reason.strip(), supervisor);
  }

  private boolean isSupervisor(String userId) {
    return identity.createGroupQuery().groupMember(userId).groupId(GROUP_SUPERVISOR).count() > 0;
  }
}
