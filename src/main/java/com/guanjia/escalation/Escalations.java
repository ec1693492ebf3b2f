package com.guanjia.escalation;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.notification.StaffNotices;
import com.guanjia.operations.Counters;
import java.util.Map;
import com.guanjia.process.CaseInstances;
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
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * R4: a missed target is recorded as a violation and climbs the organisation. One {@code
 * request-escalation} instance per request at a time, called by the case: a further missed target joins
 * the open one by message.
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

  Escalations(RuntimeService runtime, TaskService tasks, HistoryService history, Violations violations, StaffNotices staffNotices,
      StaffDirectory staff, Clock clock, Counters counters, CaseInstances cases) {
    this.cases = cases;
    this.runtime = runtime;
    this.tasks = tasks;
    this.history = history;
    this.violations = violations;
    this.staffNotices = staffNotices;
    this.staff = staff;
    this.clock = clock;
    this.counters = counters;
  }

  /** What a missed-target step found: whether and how the case escalates, and the line for the list. */
  record MissedTarget(String escalate, String overdueLine) {}

  /**
   * A target's timer fired on the case or its path. Nothing is recorded when the target was met after
   * all (a response or resolution timer watching a case that has moved on); otherwise the violation is
   * recorded and the model escalates: a new {@code request-escalation}, or the open one takes it in.
   */
  MissedTarget targetMissed(DelegateExecution execution, Target target, OffsetDateTime dueAt) {
    var v = RequestVariables.of(execution);
    String caseId = CaseInstances.caseOf(execution);
    if (target == Target.RESPONSE && responded(caseId)) {
      return new MissedTarget(ESCALATE_NONE, null);
    }
    if (target == Target.RESOLVE && execution.getVariable(VAR_RESOLVED_AT) != null) {
      return new MissedTarget(ESCALATE_NONE, null);
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    String responsible = responsible(target, execution.getProcessInstanceId(), v);
    violations.record(v.requestNo() + ":" + target + ":" + dueAt.toInstant().toEpochMilli(), v.requestNo(), target,
        responsible, dueAt, now);
    long minutes = Math.max(0, Duration.between(dueAt, now).toMinutes());
    String line = "- **%s**时限已过：应于 %s 前完成，已逾期 %d 分钟；责任人：%s".formatted(target.label,
        dueAt.format(TIME), minutes, name(responsible));
    boolean open = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_REQUEST_ESCALATION)
        .processInstanceBusinessKey(v.requestNo()).active().count() > 0;
    return new MissedTarget(open ? ESCALATE_JOIN : ESCALATE_NEW, line);
  }

  /** The case hands a further missed target to its open escalation (by message, see the model). */
  void handOver(String requestNo, String target, String overdueLine) {
    runtime.createMessageCorrelation(MSG_TARGET_MISSED_AGAIN).processInstanceBusinessKey(requestNo)
        .setVariable(VAR_MISSED_TARGET, target)
        .setVariable(VAR_OVERDUE_LINE, overdueLine)
        .correlateAllWithResult();
  }

  /** The open escalation took a further missed target in: its list grows and the owner is told. */
  void takeIn(DelegateExecution escalation) {
    String overdue = (String) escalation.getVariable(VAR_OVERDUE);
    String line = (String) escalation.getVariable(VAR_OVERDUE_LINE);
    escalation.setVariable(VAR_OVERDUE, overdue == null ? line : overdue + "\n" + line);
    Target target = Target.valueOf((String) escalation.getVariable(VAR_MISSED_TARGET));
    tellOwner((String) escalation.getVariable(VAR_REQUEST_NO), (String) escalation.getVariable(VAR_FIRST_RESPONDER),
        target + ":" + escalation.getProcessInstanceId() + ":" + line.hashCode(),
        Map.of("merged", true, "what", target.label));
  }

  /**
   * The escalation reached {@code level}: it and the case's instances show it (by message, the case and
   * its path take it in their 案件信息已更新 event subprocess), and the owner is told (R1, R4).
   */
  void raise(DelegateExecution escalation, int level) {
    String requestNo = (String) escalation.getVariable(VAR_REQUEST_NO);
    // the case shows the highest level it has reached, also over earlier escalations
    int shown = Math.max(level, escalation.getVariable(VAR_ESCALATION_LEVEL) instanceof Number n ? n.intValue() : 0);
    escalation.setVariable(VAR_ESCALATION_LEVEL, shown);
    runtime.createMessageCorrelation(MSG_CASE_UPDATED).processInstanceBusinessKey(requestNo)
        .setVariable(VAR_ESCALATION_LEVEL, shown)
        .correlateAllWithResult();
    String owner = (String) escalation.getVariable(VAR_FIRST_RESPONDER);
    Object target = escalation.getVariable(VAR_TARGET);
    Map<String, Object> values = level == 1 && target != null
        ? Map.of("raised", true, "why", Target.valueOf(target.toString()).label + "时限已过", "level", LEVEL_NAMES[level])
        : Map.of("raised", true, "level", LEVEL_NAMES[level]);
    tellOwner(requestNo, owner, "L" + level + ":" + escalation.getProcessInstanceId(), values);
    counters.escalationRaised(level);
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


  /** Someone took the case on: a step was completed, or a step of the case or its path was claimed. */
  private boolean responded(String caseId) {
    return history.createHistoricTaskInstanceQuery().rootProcessInstanceId(caseId).finished().count() > 0
        || tasks.createTaskQuery().processInstanceIdIn(cases.running(caseId).toArray(String[]::new)).taskAssigned()
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

  String name(String userId) {
    return userId == null ? "未指定" : staff.displayName(userId);
  }

  static OffsetDateTime at(Date date, Clock clock) {
    return OffsetDateTime.ofInstant(date.toInstant(), clock.getZone());
  }
}
