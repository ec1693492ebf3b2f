package com.guanjia.escalation;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.notification.StaffNotices;
import com.guanjia.operations.Counters;
import java.util.List;
import java.util.Map;
import com.guanjia.process.CaseInstances;
import com.guanjia.process.Decisions;
import com.guanjia.process.RequestVariables;
import com.guanjia.resident.StaffDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/**
 * R4: a missed target is recorded as a violation and climbs the organisation. One {@code
 * request-escalation} instance per request at a time: a further missed target joins the open one.
 */
@Service
public class Escalations {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("M月d日 HH:mm");
  static final String[] LEVEL_NAMES = {"", "一级（主管）", "二级（项目经理）", "三级（品质部）"};

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final HistoryService history;
  private final Violations violations;
  private final StaffNotices staffNotices;
  private final StaffDirectory staff;
  private final Clock clock;
  private final Counters counters;
  private final CaseInstances cases;
  private final Decisions decisions;

  Escalations(RuntimeService runtime, TaskService tasks, HistoryService history, Violations violations, StaffNotices staffNotices,
      StaffDirectory staff, Clock clock, Counters counters, CaseInstances cases, Decisions decisions) {
    this.cases = cases;
    this.runtime = runtime;
    this.tasks = tasks;
    this.history = history;
    this.violations = violations;
    this.staffNotices = staffNotices;
    this.staff = staff;
    this.clock = clock;
    this.counters = counters;
    this.decisions = decisions;
  }

  /**
   * A target's timer fired on the case. Nothing happens when the target was met after all (a response
   * or resolution timer watching a case that has moved on).
   */
  void targetMissed(DelegateExecution caseExecution, Target target, OffsetDateTime dueAt) {
    var v = RequestVariables.of(caseExecution);
    String caseId = CaseInstances.caseOf(caseExecution);
    // the case and the path it is in, looked up once (a response check needs them, so does a raise)
    List<String> running = target == Target.RESPONSE ? cases.running(caseId) : null;
    if (target == Target.RESPONSE && responded(caseId, running)) {
      return;
    }
    if (target == Target.RESOLVE && caseExecution.getVariable(VAR_RESOLVED_AT) != null) {
      return;
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    String responsible = responsible(target, caseExecution.getProcessInstanceId(), v);
    violations.record(v.requestNo() + ":" + target + ":" + dueAt.toInstant().toEpochMilli(), v.requestNo(), target,
        responsible, dueAt, now);
    long minutes = Math.max(0, Duration.between(dueAt, now).toMinutes());
    String line = "- **%s**时限已过：应于 %s 前完成，已逾期 %d 分钟；责任人：%s".formatted(target.label,
        dueAt.format(TIME), minutes, name(responsible));

    ProcessInstance open = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_REQUEST_ESCALATION)
        .processInstanceBusinessKey(v.requestNo()).active().list().stream().findFirst().orElse(null);
    if (open != null) {
      String overdue = (String) runtime.getVariable(open.getId(), VAR_OVERDUE);
      runtime.setVariable(open.getId(), VAR_OVERDUE, (overdue == null ? "" : overdue + "\n") + line);
      tellOwner(v.requestNo(), v.firstResponder(), target + ":" + dueAt.toInstant().toEpochMilli(),
          Map.of("merged", true, "what", target.label));
      return;
    }
    // the escalation-start-level table: an attitude complaint's supervisor is already on it (R4)
    int startLevel = decisions.escalationStartLevel(v.category(), target.name());
    runtime.startProcessInstanceByKey(PROCESS_REQUEST_ESCALATION, v.requestNo(), Variables.createVariables()
        .putValue(VAR_REQUEST_NO, v.requestNo())
        .putValue(VAR_CASE_INSTANCE_ID, caseId)
        .putValue(VAR_PRIORITY, caseExecution.getVariable(VAR_PRIORITY))
        .putValue(VAR_ESCALATION_INTERVAL, caseExecution.getVariable(VAR_ESCALATION_INTERVAL))
        .putValue(VAR_DESCRIPTION, caseExecution.getVariable(VAR_DESCRIPTION))
        .putValue(VAR_FIRST_RESPONDER, v.firstResponder())
        .putValue(VAR_FIRST_RESPONDER_NAME, name(v.firstResponder()))
        .putValue(VAR_OVERDUE, line)
        .putValue(VAR_START_LEVEL, startLevel));
    if (startLevel == 1) {
      raiseCase(caseId, running != null ? running : cases.running(caseId), v.requestNo(), v.firstResponder(), 1,
          target.label + "时限已过");
    }
  }

  /** The escalation reached {@code level}: the case shows it and the owner is told (R1, R4). */
  void raise(DelegateExecution escalation, int level) {
    String caseId = (String) escalation.getVariable(VAR_CASE_INSTANCE_ID);
    String requestNo = (String) escalation.getVariable(VAR_REQUEST_NO);
    escalation.setVariable(VAR_ESCALATION_LEVEL, level);
    showLevel(cases.running(caseId), level);
    String owner = (String) runtime.getVariable(caseId, VAR_FIRST_RESPONDER);
    tellOwner(requestNo, owner, "L" + level + ":" + escalation.getProcessInstanceId(),
        Map.of("raised", true, "level", LEVEL_NAMES[level]));
    counters.escalationRaised(level);
  }

  private void raiseCase(String caseId, List<String> running, String requestNo, String owner, int level, String why) {
    showLevel(running, level);
    tellOwner(requestNo, owner, "L" + level + ":" + caseId + ":" + why,
        Map.of("raised", true, "why", why, "level", LEVEL_NAMES[level]));
    counters.escalationRaised(level);
  }

  /**
   * The case and the path it is in show the level (Tasklist's 督办中 filter reads the task's own
   * process instance).
   */
  private void showLevel(List<String> running, int level) {
    for (String id : running) {
      if (!(runtime.getVariableLocal(id, VAR_ESCALATION_LEVEL) instanceof Integer c) || c < level) {
        runtime.setVariableLocal(id, VAR_ESCALATION_LEVEL, level);
      }
    }
  }

  /** The request is resolved: open escalations end, and those who held them are told why. */
  void close(DelegateExecution escalation) {
    String requestNo = (String) escalation.getVariable(VAR_REQUEST_NO);
    String resolvedAt = OffsetDateTime.now(clock).format(TIME);
    String note = "请求 %s 已于 %s 解决，督办自动结束，无需再处理。".formatted(requestNo, resolvedAt);
    escalation.setVariable(VAR_CLOSING_NOTE, note);
    var holders = new java.util.LinkedHashSet<String>();
    history.createHistoricTaskInstanceQuery().processInstanceId(escalation.getProcessInstanceId()).list()
        .forEach(t -> holders.add(t.getAssignee() != null ? t.getAssignee() : "group:" + groupOf(t.getTaskDefinitionKey())));
    holders.add((String) escalation.getVariable(VAR_FIRST_RESPONDER));
    for (String holder : holders) {
      if (holder != null) {
        staffNotices.tell(requestNo + ":ESCALATION_CLOSED:" + escalation.getProcessInstanceId() + ":" + holder,
            requestNo, holder, StaffNotices.ESCALATION_CLOSED, Map.of("time", resolvedAt));
      }
    }
  }

  /** An escalation level's task finished: the owner hears what was done (R1). */
  void handled(String escalationInstanceId, String requestNo, String owner, String by, String action) {
    tellOwner(requestNo, owner, "HANDLED:" + escalationInstanceId + ":" + by,
        Map.of("handled", true, "by", name(by), "action", action == null ? "" : action));
  }

  static String groupOf(String taskKey) {
    return switch (taskKey) {
      case "Task_EscalateToProjectManager" -> GROUP_PROJECT_MANAGER;
      case "Task_EscalateToQuality" -> GROUP_QUALITY;
      default -> GROUP_SUPERVISOR;
    };
  }

  private void tellOwner(String requestNo, String owner, String key, Map<String, Object> values) {
    staffNotices.tell(requestNo + ":ESCALATED:" + key, requestNo, owner, StaffNotices.ESCALATED, values);
  }

  /** A level's task was created: its group hears what is overdue and where to act (R1). */
  void tellLevel(String requestNo, String group, int level, String why, String taskName, String taskId, String owner) {
    staffNotices.tell(requestNo + ":ESCALATION_ASSIGNED:" + taskId, requestNo, "group:" + group,
        StaffNotices.ESCALATION_ASSIGNED, Map.of("level", LEVEL_NAMES[level],
            "why", why, "taskName", taskName, "ownerName", owner == null ? "—" : name(owner)));
  }

  static int levelOf(String taskKey) {
    return switch (taskKey) {
      case "Task_EscalateToProjectManager" -> 2;
      case "Task_EscalateToQuality" -> 3;
      default -> 1;
    };
  }


  /** Someone took the case on: a step was completed, or the first step was claimed. */
  private boolean responded(String caseId, List<String> running) {
    return history.createHistoricTaskInstanceQuery().rootProcessInstanceId(caseId).finished().count() > 0
        || tasks.createTaskQuery().processInstanceIdIn(running.toArray(String[]::new)).taskAssigned()
            .list().stream()
            .anyMatch(t -> !isPreassigned(t));
  }

  /** Tasks the model gives the owner directly (inquiries, suggestions) say nothing about a response. */
  private static boolean isPreassigned(Task task) {
    return java.util.Set.of(TASK_ANSWER_INQUIRY, TASK_RECORD_SUGGESTION, TASK_FOLLOW_UP_DEFECT,
        TASK_CONFIRM_WITH_RESIDENT).contains(task.getTaskDefinitionKey());
  }

  /** Who held the step whose target passed: its assignee, for the promise the handler, else the owner (R1). */
  private String responsible(Target target, String instanceId, RequestVariables v) {
    String step = switch (target) {
      case ON_SITE -> TASK_ARRIVE_ON_SITE;
      case PLAN -> TASK_PROPOSE_PLAN;
      case ETA -> TASK_PERFORM_WORK;
      default -> null;
    };
    if (step != null) {
      Task task = tasks.createTaskQuery().processInstanceId(instanceId).taskDefinitionKey(step).list().stream()
          .findFirst().orElse(null);
      if (task != null && task.getAssignee() != null) {
        return task.getAssignee();
      }
    }
    if (target == Target.ETA || target == Target.RESOLVE) {
      return v.handler() != null ? v.handler() : v.firstResponder();
    }
    return v.firstResponder();
  }

  private String name(String userId) {
    return userId == null ? "未指定" : staff.displayName(userId);
  }

  static OffsetDateTime at(Date date, Clock clock) {
    return OffsetDateTime.ofInstant(date.toInstant(), clock.getZone());
  }
}
