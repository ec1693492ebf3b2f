package com.guanjia.escalation;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.notification.StaffNotices;
import com.guanjia.operations.Counters;
import com.guanjia.resident.StaffDirectory;
import com.guanjia.scoring.ScoreLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * R4: a missed target is recorded as a violation and climbs the organisation. The case calls one
 * {@code request-escalation} at a time; a further missed target joins the open one. The models decide
 * what happens when; this service records, words and tells, and knows nothing of the engine (the
 * delegates read and write the instances' variables).
 */
@Service
public class Escalations {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("M月d日 HH:mm");
  static final String[] LEVEL_NAMES = {"", "一级（主管）", "二级（项目经理）", "三级（品质部）"};

  private final Violations violations;
  private final StaffNotices staffNotices;
  private final StaffDirectory staff;
  private final Clock clock;
  private final Counters counters;

  private final ScoreLedger ledger;

  Escalations(Violations violations, StaffNotices staffNotices, StaffDirectory staff, Clock clock, Counters counters,
      ScoreLedger ledger) {
    this.ledger = ledger;
    this.violations = violations;
    this.staffNotices = staffNotices;
    this.staff = staff;
    this.clock = clock;
    this.counters = counters;
  }

  /** What a missed-target step found: how the case escalates ({@code escalate}), and the line for the list. */
  record MissedTarget(String escalate, String overdueLine) {
    static final MissedTarget MET = new MissedTarget(ESCALATE_NONE, null);
  }

  /**
   * A target of the request passed unmet: the violation is charged to each of {@code responsible} (people, or
   * {@code group:<id>} as a team's fact) and the case escalates, to a new escalation or, when one is under way,
   * into that one.
   */
  MissedTarget missed(String requestNo, Target target, OffsetDateTime dueAt, List<String> responsible,
      boolean escalationOpen, String priority) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    String key = requestNo + ":" + target + ":" + dueAt.toInstant().toEpochMilli();
    boolean recorded = false;
    for (String person : responsible) {
      // one fact per person charged; the first keeps the key earlier versions wrote
      String personKey = person.equals(responsible.get(0)) ? key : key + ":" + person;
      if (violations.record(personKey, requestNo, target, person, dueAt, now)) {
        recorded = true;
        // R7: a passed ETA nobody moved in time is a promise broken without notice (R3)
        ledger.record("violation:" + personKey, target == Target.ETA ? ScoreLedger.Kind.BROKEN_PROMISE
            : ScoreLedger.Kind.MISSED_TARGET, person, requestNo, target.name(), target.name(), priority);
      }
    }
    if (!recorded) {
      // the same target with the same deadline was missed and escalated before: a step offered again (到达现场
      // after "not arrived") keeps its deadline, and its timer, already past, fires once more at once
      return MissedTarget.MET;
    }
    long minutes = Math.max(0, Duration.between(dueAt, now).toMinutes());
    String line = "- **%s**时限已过：应于 %s 前完成，已逾期 %d 分钟；责任人：%s".formatted(target.label,
        dueAt.format(TIME), minutes, String.join("、", responsible.stream().map(this::name).toList()));
    return new MissedTarget(escalationOpen ? ESCALATE_JOIN : ESCALATE_NEW, line);
  }

  /** The open escalation takes a further missed target in: the owner is told; the list it keeps grows. */
  String takeIn(String escalationId, String requestNo, String owner, String overdue, Target target, String line) {
    tellOwner(requestNo, owner, target + ":" + escalationId + ":" + line.hashCode(),
        Map.of("merged", true, "what", target.label));
    return overdue == null || overdue.isEmpty() ? line : overdue + "\n" + line;
  }

  /** The escalation reached {@code level}: the owner is told (R1, R4); at level 1, which target passed. */
  void raised(String escalationId, String requestNo, String owner, int level, Target openedBy) {
    Map<String, Object> values = level == 1 && openedBy != null
        ? Map.of("raised", true, "why", openedBy.label + "时限已过", "level", LEVEL_NAMES[level])
        : Map.of("raised", true, "level", LEVEL_NAMES[level]);
    tellOwner(requestNo, owner, "L" + level + ":" + escalationId, values);
    counters.escalationRaised(level);
  }

  /**
   * The request is resolved: the escalation ends, and those who held it (users, or {@code group:…}) are
   * told why. Returns the closing note.
   */
  String close(String escalationId, String requestNo, Collection<String> holders) {
    String resolvedAt = OffsetDateTime.now(clock).format(TIME);
    for (String holder : holders) {
      if (holder != null) {
        staffNotices.tell(requestNo + ":ESCALATION_CLOSED:" + escalationId + ":" + holder,
            requestNo, holder, StaffNotices.ESCALATION_CLOSED, Map.of("time", resolvedAt));
      }
    }
    return "请求 %s 已于 %s 解决，督办自动结束，无需再处理。".formatted(requestNo, resolvedAt);
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

  /**
   * A level's task was created: whoever it is offered to ({@code recipient}: a user id, or {@code group:<id>}) hears
   * what is overdue and where to act (R1).
   */
  void tellLevel(String requestNo, String recipient, int level, String why, String taskName, String taskId,
      String owner) {
    staffNotices.tell(requestNo + ":ESCALATION_ASSIGNED:" + taskId, requestNo, recipient,
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


  /** The step whose target it is: those it is offered to are charged for the miss. */
  static String stepOf(Target target) {
    return switch (target) {
      case ON_SITE -> TASK_ARRIVE_ON_SITE;
      case PLAN -> TASK_PROPOSE_PLAN;
      case ETA -> TASK_PERFORM_WORK;
      default -> null;
    };
  }

  /**
   * Who is charged with a missed target: those the step was offered to ({@code offered}: its assignee, else the
   * named zone staff, else the group as a team); the promise (ETA, resolution) is the handler's once there is
   * one; the owner (R1) only where the step is the owner's or nobody else was asked.
   */
  static List<String> responsible(Target target, List<String> offered, String handler, String owner) {
    if ((target == Target.ETA || target == Target.RESOLVE) && handler != null) {
      return List.of(handler);
    }
    if (!offered.isEmpty()) {
      return offered;
    }
    return java.util.Collections.singletonList(owner);
  }

  String name(String userId) {
    if (userId != null && userId.startsWith("group:")) {
      return GROUP_NAMES.getOrDefault(userId.substring(6), userId.substring(6)) + "（班组）";
    }
    return userId == null ? "未指定" : staff.displayName(userId);
  }


  static OffsetDateTime at(Date date, Clock clock) {
    return OffsetDateTime.ofInstant(date.toInstant(), clock.getZone());
  }
}
