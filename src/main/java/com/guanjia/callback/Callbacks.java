package com.guanjia.callback;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.GuanjiaProperties;
import com.guanjia.callback.CallbackSchedule.Tier;
import com.guanjia.intake.RequestRecords;
import com.guanjia.notification.Notice;
import com.guanjia.notification.StaffNotices;
import com.guanjia.notification.ResidentNotices;
import com.guanjia.process.Decisions;
import com.guanjia.process.InvalidVariableException;
import com.guanjia.process.RequestVariables;
import com.guanjia.resident.ResidentArchive;
import com.guanjia.resident.StaffDirectory;
import com.guanjia.scoring.StepRatings;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Service;

/**
 * The follow-up of a closed case (R5): plans each callback of the {@code callback-visits} plan the case
 * calls, records what the calls found, and reopens the case on a recurring problem. The delegates and
 * listeners of both models call into this service; each reads and writes only its own instance (the plan
 * gets what it uses and gives back its outcome through the call's mappings in the model).
 */
@Service
public class Callbacks {
  private final CallbackSchedule schedule;
  private final CallbackFacts facts;
  private final Surveys surveys;
  private final StepRatings ratings;
  private final RequestRecords records;
  private final ResidentArchive residents;
  private final StaffDirectory staff;
  private final ResidentNotices notices;
  private final StaffNotices staffNotices;
  private final Clock clock;
  private final ZoneId zone;
  private final Decisions decisions;

  Callbacks(CallbackSchedule schedule, CallbackFacts facts, Surveys surveys, StepRatings ratings, RequestRecords records, ResidentArchive residents,
      StaffDirectory staff, ResidentNotices notices, StaffNotices staffNotices, Clock clock,
      GuanjiaProperties properties, Decisions decisions) {
    this.schedule = schedule;
    this.facts = facts;
    this.surveys = surveys;
    this.ratings = ratings;
    this.records = records;
    this.residents = residents;
    this.staff = staff;
    this.notices = notices;
    this.staffNotices = staffNotices;
    this.clock = clock;
    this.zone = properties.timeZone();
    this.decisions = decisions;
  }

  // --- service-request ---------------------------------------------------------------------------

  /** The case is closed: note when (its callbacks count from then). */
  void close(DelegateExecution kase) {
    kase.setVariable(VAR_CLOSED_AT, Date.from(clock.instant()));
  }

  /** A callback found the problem back: the owner takes the case again, as a KEY item from now on. */
  void reopen(DelegateExecution kase) {
    var v = RequestVariables.of(kase);
    int count = reopenCount(kase) + 1;
    kase.setVariable(VAR_REOPEN_COUNT, count);
    kase.setVariable(VAR_KEY_ITEM, true);
    for (String done : new String[] {VAR_CLOSED_AT, VAR_RESOLVED_AT, VAR_RESOLVED, VAR_RESIDENT_CONFIRMED}) {
      kase.removeVariable(done);
    }
    staffNotices.tell(v.requestNo() + ":REOPENED:" + count, v.requestNo(), v.firstResponder(),
        StaffNotices.CASE_REOPENED, java.util.Map.of(VAR_COMMENT,
            Optional.ofNullable(v.text(VAR_RECURRENCE_COMMENT)).orElse("")));
  }

  private static int reopenCount(DelegateExecution instance) {
    return instance.getVariable(VAR_REOPEN_COUNT) instanceof Number n ? n.intValue() : 0;
  }

  // --- callback-visits ---------------------------------------------------------------------------

  /**
   * The plan's first step, on what the case passed in: the names its forms show, and what the
   * {@code callback-tier} table needs beyond the case (the resident, the season).
   */
  void gatherFacts(DelegateExecution plan) {
    var v = RequestVariables.of(plan);
    plan.setVariable(VAR_FIRST_RESPONDER_NAME, staff.displayName(v.firstResponder()));
    plan.setVariable(VAR_HANDLER_NAME, staff.displayName(v.handler()));
    // a case never reopened has no count yet; the table reads 0
    plan.setVariable(VAR_REOPEN_COUNT, reopenCount(plan));
    if (plan.getVariable(VAR_CLOSED_AT) == null) {
      plan.setVariable(VAR_CLOSED_AT, Date.from(clock.instant()));
    }
    var resident = Optional.ofNullable(v.residentId()).flatMap(residents::find);
    plan.setVariable(VAR_VIP, resident.map(r -> r.vip()).orElse(false));
    plan.setVariable(VAR_NEEDS_ASSISTANCE, resident.map(r -> r.needsAssistance()).orElse(false));
    var registered = records.find(v.requestNo()).map(RequestRecords.RequestRecord::registeredAt);
    plan.setVariable(VAR_REPEAT_REQUEST, v.residentId() != null && registered.isPresent()
        && facts.otherRequestsBetween(v.residentId(), v.requestNo(), registered.get().minusDays(30), registered.get()));
    plan.setVariable(VAR_IN_HEATING_SEASON, schedule.inHeatingSeason(closedAt(plan)));
  }

  /** The next callback of the plan, or none: {@code nextCallbackAt} null ends the plan. */
  void planNext(DelegateExecution plan) {
    int n = plan.getVariable(VAR_CALLBACK_NO) instanceof Number c ? c.intValue() + 1 : 1;
    Tier tier = Tier.valueOf((String) plan.getVariable(VAR_TIER));
    Optional<Instant> due = schedule.due(tier, closedAt(plan), n);
    plan.setVariable(VAR_CALLBACK_NO, n);
    plan.setVariable(VAR_NEXT_CALLBACK_AT, due.map(Date::from).orElse(null));
    plan.setVariable(VAR_CALLBACK_DEADLINE, due.map(d -> Date.from(schedule.endOfCallingDay(d))).orElse(null));
    plan.setVariable(VAR_ATTEMPT, 0);
    for (String answer : new String[] {VAR_REACHED, VAR_SATISFACTION, VAR_PROBLEM_RECURRED, VAR_COMMENT,
        VAR_CALLBACK_AGENT, VAR_RETRY_AT}) {
      plan.removeVariable(answer);
    }
  }

  /** R6: the resident hears that a survey call is coming. */
  void announce(DelegateExecution plan) {
    var v = RequestVariables.of(plan);
    notices.tell(v.requestNo() + ":CALLBACK_COMING:" + plan.getProcessInstanceId() + ":" + callbackNo(plan),
        Notice.CALLBACK_COMING, v.requestNo(), v.residentId(), v.type(), null, null);
  }

  /** Checks the callback form as submitted; a wrong answer goes back to the agent. */
  void checkAnswer(DelegateTask task) {
    var v = RequestVariables.of(task.getExecution());
    boolean reached = Boolean.TRUE.equals(task.getVariable(VAR_REACHED));
    task.setVariable(VAR_REACHED, reached);
    String agent = task.getAssignee() != null ? task.getAssignee()
        : Optional.ofNullable(task.getProcessEngineServices().getIdentityService().getCurrentAuthentication())
            .map(a -> a.getUserId()).orElse(null);
    task.setVariable(VAR_CALLBACK_AGENT, agent);
    if (!reached) {
      return;
    }
    Satisfaction satisfaction;
    try {
      satisfaction = Satisfaction.valueOf(String.valueOf(task.getVariable(VAR_SATISFACTION)));
    } catch (IllegalArgumentException e) {
      throw new InvalidVariableException(VAR_SATISFACTION,
          "请选择业主满意度 (satisfaction must be one of DISSATISFIED, MET_EXPECTATIONS, SATISFIED, DEEPLY_MOVED)");
    }
    boolean recurred = Boolean.TRUE.equals(task.getVariable(VAR_PROBLEM_RECURRED));
    task.setVariable(VAR_PROBLEM_RECURRED, recurred);
    String comment = v.text(VAR_COMMENT);
    if ((recurred || satisfaction == Satisfaction.DISSATISFIED) && (comment == null || comment.isBlank())) {
      throw new InvalidVariableException(VAR_COMMENT,
          "业主不满意或问题复发时，请记录业主意见 (comment is required when the resident is dissatisfied or the problem recurred)");
    }
    Integer rating = v.previousStepRating();
    if (rating == null) {
      throw new InvalidVariableException(VAR_PREVIOUS_STEP_RATING,
          "请记录业主对本次服务的整体评分 1–5 (previousStepRating is required when the resident was reached)");
    }
    // the whole handling is rated, against the owner who answered for it
    ratings.record(v.requestNo(), task.getId(), TASK_CALL_RESIDENT, agent, SUBPROCESS_HANDLING, v.firstResponder(),
        rating, now());
    v.clearPreviousStepRating();
  }

  /**
   * The resident answered: the call's findings become facts, and the plan keeps the satisfaction as its
   * latest (the case gets it when the plan ends: the call's out-mapping).
   */
  void recordReached(DelegateExecution plan) {
    var v = RequestVariables.of(plan);
    String satisfaction = (String) plan.getVariable(VAR_SATISFACTION);
    int n = callbackNo(plan);
    int attempt = attempt(plan) + 1;
    plan.setVariable(VAR_ATTEMPT, attempt);
    facts.recordCall(new CallbackFacts.Visit(v.requestNo(), plan.getProcessInstanceId(), v.text(VAR_TIER), n, attempt,
        "REACHED", satisfaction, (Boolean) plan.getVariable(VAR_PROBLEM_RECURRED), v.text(VAR_COMMENT),
        v.text(VAR_CALLBACK_AGENT), now()));
    // the callback-bonus table: a deeply moved resident earns the staff who served bonus points (R7)
    int points = decisions.callbackBonus(satisfaction);
    if (points > 0) {
      var served = new LinkedHashSet<String>();
      if (v.handler() != null) {
        served.add(v.handler());
      }
      if (v.firstResponder() != null) {
        served.add(v.firstResponder());
      }
      for (String member : served) {
        facts.bonus(String.join(":", v.requestNo(), satisfaction, plan.getProcessInstanceId(), String.valueOf(n),
            member), v.requestNo(), member, satisfaction, points, now());
      }
    }
    plan.setVariable(VAR_LATEST_SATISFACTION, satisfaction);
  }

  /** Nobody answered: the attempt is recorded and, while attempts are left, the next one is set. */
  void recordUnreached(DelegateExecution plan) {
    var v = RequestVariables.of(plan);
    int attempt = attempt(plan) + 1;
    Optional<Instant> retry = schedule.retry(clock.instant(), attempt);
    plan.setVariable(VAR_ATTEMPT, attempt);
    plan.setVariable(VAR_RETRY_AT, retry.map(Date::from).orElse(null));
    facts.recordCall(new CallbackFacts.Visit(v.requestNo(), plan.getProcessInstanceId(), v.text(VAR_TIER),
        callbackNo(plan), attempt, retry.isPresent() ? "NOT_REACHED" : "UNREACHED", null, null, v.text(VAR_COMMENT),
        v.text(VAR_CALLBACK_AGENT), now()));
    plan.removeVariable(VAR_REACHED);
  }

  /** After the last unanswered call the resident gets the short survey instead. */
  void sendSurveyLink(DelegateExecution plan) {
    var v = RequestVariables.of(plan);
    if (v.residentId() == null) {
      return;
    }
    String token = surveys.invite(v.requestNo(), plan.getProcessInstanceId(), callbackNo(plan), v.residentId());
    notices.tellSurveyLink(v.requestNo() + ":CALLBACK_SURVEY:" + plan.getProcessInstanceId() + ":" + callbackNo(plan),
        v.requestNo(), v.residentId(), schedule.surveyLink(token));
  }

  private Instant closedAt(DelegateExecution plan) {
    OffsetDateTime closed = RequestVariables.of(plan).dateTime(VAR_CLOSED_AT, zone);
    return closed == null ? clock.instant() : closed.toInstant();
  }

  private static int callbackNo(DelegateExecution plan) {
    return plan.getVariable(VAR_CALLBACK_NO) instanceof Number n ? n.intValue() : 1;
  }

  private static int attempt(DelegateExecution plan) {
    return plan.getVariable(VAR_ATTEMPT) instanceof Number n ? n.intValue() : 0;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
