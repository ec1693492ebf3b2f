package com.guanjia.escalation;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.GuanjiaProperties;
import com.guanjia.intake.RequestRecords;
import com.guanjia.notification.ForbiddenPhrases;
import com.guanjia.notification.ResidentNotices;
import com.guanjia.process.CaseInstances;
import com.guanjia.process.InvalidVariableException;
import com.guanjia.process.RequestVariables;
import com.guanjia.security.CurrentUser;
import com.guanjia.web.ConflictException;
import com.guanjia.web.ForbiddenException;
import com.guanjia.web.NotFoundException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * R3: before the promised completion time passes, the handler or the owner may change it, with a
 * reason and, where one fits, a remedy; the resident is told at once. A change after the promise
 * passed is still told to the resident, but the broken promise stays recorded.
 */
@Service
public class EtaChanges {
  static final String ETA_TIMER = "BoundaryEvent_EtaMissed";

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;
  private final IdentityService identity;
  private final RequestRecords records;
  private final ResidentNotices notices;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final GuanjiaProperties properties;
  private final ForbiddenPhrases forbidden;
  private final CaseInstances cases;
  private final OwnerUpdates owners;

  EtaChanges(OwnerUpdates owners, RuntimeService runtime, TaskService tasks, ManagementService management, IdentityService identity,
      RequestRecords records, ResidentNotices notices, JdbcClient jdbc, Clock clock, GuanjiaProperties properties,
      ForbiddenPhrases forbidden, CaseInstances cases) {
    this.owners = owners;
    this.forbidden = forbidden;
    this.cases = cases;
    this.runtime = runtime;
    this.tasks = tasks;
    this.management = management;
    this.identity = identity;
    this.records = records;
    this.notices = notices;
    this.jdbc = jdbc;
    this.clock = clock;
    this.properties = properties;
  }

  public record EtaChange(String requestNo, OffsetDateTime previousEta, OffsetDateTime eta, String reason,
      String remedy, boolean late, String changedBy) {}

  /** From the work task's form (Tasklist): the model loops back to the work with the new promise. */
  EtaChange apply(VariableScope scope, OffsetDateTime newEta, String reason, String remedy, String by) {
    var v = RequestVariables.of(scope);
    OffsetDateTime previous = v.eta(properties.timeZone());
    check(newEta, reason, remedy, VAR_NEW_ETA, VAR_ETA_CHANGE_REASON);
    v.eta(newEta);
    return record(v.requestNo(), v.residentId(), v.firstResponder(), previous, newEta, reason, remedy, by);
  }

  /** {@code POST /api/requests/{requestNo}/eta}: the handler, the owner or a supervisor changes the promise. */
  @Transactional
  public EtaChange change(String requestNo, Object etaValue, String reason, String remedy, CurrentUser user) {
    var record = records.find(requestNo).orElseThrow(() -> new NotFoundException("No request " + requestNo));
    String caseId = record.processInstanceId();
    String userId = user.id();
    boolean supervisor = user.inAnyGroup(GROUP_SUPERVISOR);
    var authentication = identity.getCurrentAuthentication();
    identity.clearAuthentication(); // our checks below decide; the engine works on the case's behalf
    try {
      if (runtime.createProcessInstanceQuery().processInstanceId(caseId).count() == 0) {
        throw new ConflictException(VAR_REQUEST_NO, requestNo + " is closed: there is no promise left to change");
      }
      // the promise lives on the handling path the case is in (handle-on-site)
      String path = cases.handling(caseId);
      String handler = (String) runtime.getVariable(path, VAR_HANDLER);
      String owner = (String) runtime.getVariable(caseId, VAR_FIRST_RESPONDER);
      if (!userId.equals(handler) && !userId.equals(owner) && !supervisor) {
        throw new ForbiddenException("only the handler (%s), the owner (%s) or a supervisor may change the ETA of %s"
            .formatted(handler, owner, requestNo));
      }
      // the work under a promise: 完成处理, or 督促解决遗留问题 of a construction defect
      Task work = tasks.createTaskQuery().processInstanceId(path).taskDefinitionKeyIn(TASK_PERFORM_WORK, TASK_TRACK_DEFECT)
          .singleResult();
      if (work == null) {
        throw new ConflictException(VAR_REQUEST_NO, requestNo + " has no promised completion time in force (the work is not under way)");
      }
      OffsetDateTime newEta = RequestVariables.parseDateTime(VAR_ETA, etaValue, properties.timeZone());
      OffsetDateTime previous = RequestVariables.parseDateTime(VAR_ETA, runtime.getVariable(path, VAR_ETA),
          properties.timeZone());
      check(newEta, reason, remedy, VAR_ETA, "reason");
      runtime.setVariable(path, VAR_ETA, Date.from(newEta.toInstant()));
      var timer = management.createJobQuery().processInstanceId(path).activityId(ETA_TIMER).singleResult();
      if (timer != null) {
        management.setJobDuedate(timer.getId(), Date.from(newEta.toInstant()));
      } else {
        // the promise already passed and its timer fired: the work task starts again, watching the new one
        runtime.createProcessInstanceModification(path).cancelAllForActivity(work.getTaskDefinitionKey())
            .startBeforeActivity(work.getTaskDefinitionKey()).execute(true, true);
      }
      return record(requestNo, record.residentId(), owner, previous, newEta, reason, remedy, userId);
    } finally {
      identity.setAuthentication(authentication);
    }
  }

  private void check(OffsetDateTime newEta, String reason, String remedy, String etaField, String reasonField) {
    if (newEta == null) {
      throw new InvalidVariableException(etaField, "请填写新的预计完成时间 (eta is required)");
    }
    if (!newEta.isAfter(OffsetDateTime.now(clock))) {
      throw new InvalidVariableException(etaField, "新的预计完成时间须晚于当前时间 (eta must be in the future)");
    }
    if (reason == null || reason.isBlank() || reason.length() > 500) {
      throw new InvalidVariableException(reasonField, "请填写变更原因，500 字以内 (a reason of 1 to 500 characters is required)");
    }
    if (remedy != null && remedy.length() > 500) {
      throw new InvalidVariableException(VAR_REMEDY, "补救措施限 500 字以内 (remedy is at most 500 characters)");
    }
    // both go to the resident as typed (R8)
    forbidden.check(reasonField, reason);
    forbidden.check(VAR_REMEDY, remedy);
  }

  private EtaChange record(String requestNo, String residentId, String owner, OffsetDateTime previous, OffsetDateTime newEta,
      String reason, String remedy, String by) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    boolean late = previous != null && !previous.isAfter(now);
    String cleanRemedy = remedy == null || remedy.isBlank() ? null : remedy.strip();
    jdbc.sql("""
            insert into eta_change (request_no, previous_eta, new_eta, reason, remedy, late, changed_by, changed_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(requestNo, previous, newEta, reason.strip(), cleanRemedy, late, by == null ? "system" : by, now)
        .update();
    notices.tellEtaChanged(requestNo + ":ETA_CHANGED:" + now.toInstant().toEpochMilli(), requestNo, residentId,
        reason.strip(), cleanRemedy, newEta);
    owners.etaChanged(requestNo, owner, by, newEta, reason.strip(), cleanRemedy);
    return new EtaChange(requestNo, previous, newEta, reason.strip(), cleanRemedy, late, by);
  }
}
