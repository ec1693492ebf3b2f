package com.guanjia.callback;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.GuanjiaProperties;
import com.guanjia.callback.CallbackSchedule.Tier;
import com.guanjia.intake.RequestRecords;
import com.guanjia.notification.Notice;
import com.guanjia.notification.StaffNotices;
import com.guanjia.notification.ResidentNotices;
import com.guanjia.scoring.ScoreLedger;
import com.guanjia.process.InvalidVariableException;
import com.guanjia.process.CallbackVariables;
import com.guanjia.resident.ResidentArchive;
import com.guanjia.resident.StaffDirectory;
import com.guanjia.scoring.StepRatings;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Optional;
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

  private final ScoreLedger ledger;
  private final SatisfactionScores satisfactionScores;

  Callbacks(CallbackSchedule schedule, CallbackFacts facts, Surveys surveys, StepRatings ratings, RequestRecords records, ResidentArchive residents,
      StaffDirectory staff, ResidentNotices notices, StaffNotices staffNotices, Clock clock,
      GuanjiaProperties properties, ScoreLedger ledger, SatisfactionScores satisfactionScores) {
    this.ledger = ledger;
    this.satisfactionScores = satisfactionScores;
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
  }

  // --- service-request ---------------------------------------------------------------------------

  /** The case is closed: note when (its callbacks count from then). */
  void close(CallbackVariables kase) {
    kase.closedAt(clock.instant());
  }

  /** A callback found the problem back: the owner takes the case again, as a KEY item from now on. */
  void reopen(CallbackVariables kase) {
    int count = kase.reopenCount() + 1;
    kase.reopened(count);
    // R7: the problem came back: a fact of whoever handled it (the owner when nobody else did)
    String handler = kase.handler() != null ? kase.handler() : kase.firstResponder();
    ledger.record(kase.requestNo() + ":REOPENED:" + count, ScoreLedger.Kind.REOPENED, handler, kase.requestNo(),
        "Task_RecordRecurrence", null, null);
    staffNotices.tell(kase.requestNo() + ":REOPENED:" + count, kase.requestNo(), kase.firstResponder(),
        StaffNotices.CASE_REOPENED, java.util.Map.of(VAR_COMMENT,
            Optional.ofNullable(kase.recurrenceComment()).orElse("")));
  }

  // --- callback-visits ---------------------------------------------------------------------------

  /**
   * The plan's first step, on what the case passed in: the names its forms show, and what the
   * {@code callback-tier} table needs beyond the case (the resident, the season).
   */
  void gatherFacts(CallbackVariables plan) {
    plan.names(staff.displayName(plan.firstResponder()), staff.displayName(plan.handler()));
    // a case never reopened has no count yet; the table reads 0
    plan.reopenCount(plan.reopenCount());
    if (plan.closedAt(zone) == null) {
      plan.closedAt(clock.instant());
    }
    var resident = Optional.ofNullable(plan.residentId()).flatMap(residents::find);
    var registered = records.find(plan.requestNo()).map(RequestRecords.RequestRecord::registeredAt);
    plan.tierFacts(resident.map(r -> r.vip()).orElse(false), resident.map(r -> r.needsAssistance()).orElse(false),
        plan.residentId() != null && registered.isPresent() && facts.otherRequestsBetween(plan.residentId(),
            plan.requestNo(), registered.get().minusDays(30), registered.get()),
        schedule.inHeatingSeason(closedAt(plan)));
  }

  /** The next callback of the plan, or none: {@code nextCallbackAt} null ends the plan. */
  void planNext(CallbackVariables plan) {
    int n = plan.callbacksPlanned() + 1;
    Optional<Instant> due = schedule.due(Tier.valueOf(plan.tier()), closedAt(plan), n);
    plan.nextCallback(n, due.orElse(null), due.map(schedule::endOfCallingDay).orElse(null));
  }

  /** R6: the resident hears that a survey call is coming. */
  void announce(CallbackVariables plan, String planId) {
    notices.tell(plan.requestNo() + ":CALLBACK_COMING:" + planId + ":" + plan.callbackNo(),
        Notice.CALLBACK_COMING, plan.requestNo(), plan.residentId(), plan.type(), null, null);
  }

  /**
   * Checks the callback form as submitted by {@code agent} (task {@code taskId}); a wrong answer goes
   * back to the agent.
   */
  void checkAnswer(CallbackVariables call, String taskId, String agent) {
    boolean reached = call.reached();
    call.reached(reached);
    call.agent(agent);
    if (!reached) {
      return;
    }
    Satisfaction satisfaction;
    try {
      satisfaction = Satisfaction.valueOf(String.valueOf(call.satisfaction()));
    } catch (IllegalArgumentException e) {
      throw new InvalidVariableException(VAR_SATISFACTION,
          "请选择业主满意度 (satisfaction must be one of DISSATISFIED, MET_EXPECTATIONS, SATISFIED, DEEPLY_MOVED)");
    }
    boolean recurred = call.problemRecurred();
    call.problemRecurred(recurred);
    String comment = call.comment();
    if ((recurred || satisfaction == Satisfaction.DISSATISFIED) && (comment == null || comment.isBlank())) {
      throw new InvalidVariableException(VAR_COMMENT,
          "业主不满意或问题复发时，请记录业主意见 (comment is required when the resident is dissatisfied or the problem recurred)");
    }
    Integer rating = call.previousStepRating();
    if (rating == null) {
      throw new InvalidVariableException(VAR_PREVIOUS_STEP_RATING,
          "请记录业主对本次服务的整体评分 1–5 (previousStepRating is required when the resident was reached)");
    }
    // the whole handling is rated, against the owner who answered for it
    ratings.record(call.requestNo(), taskId, TASK_CALL_RESIDENT, agent, SUBPROCESS_HANDLING, call.firstResponder(),
        rating, now());
    call.clearPreviousStepRating();
  }

  /**
   * The resident answered: the call's findings become facts, and the plan keeps the satisfaction as its
   * latest (the case gets it when the plan ends: the call's out-mapping).
   */
  void recordReached(CallbackVariables plan, String planId) {
    String satisfaction = plan.satisfaction();
    int n = plan.callbackNo();
    int attempt = plan.attempt() + 1;
    plan.attempt(attempt);
    facts.recordCall(new CallbackFacts.Visit(plan.requestNo(), planId, plan.tier(), n, attempt,
        "REACHED", satisfaction, plan.problemRecurred(), plan.comment(), plan.agent(), now()));
    satisfactionScores.score(plan.requestNo(), satisfaction, plan.handler(), plan.firstResponder(),
        String.join(":", planId, String.valueOf(n)));
    plan.latestSatisfaction(satisfaction);
  }

  /** Nobody answered: the attempt is recorded and, while attempts are left, the next one is set. */
  void recordUnreached(CallbackVariables plan, String planId) {
    int attempt = plan.attempt() + 1;
    Optional<Instant> retry = schedule.retry(clock.instant(), attempt);
    plan.attempt(attempt);
    plan.retryAt(retry.orElse(null));
    facts.recordCall(new CallbackFacts.Visit(plan.requestNo(), planId, plan.tier(), plan.callbackNo(), attempt,
        retry.isPresent() ? "NOT_REACHED" : "UNREACHED", null, null, plan.comment(), plan.agent(), now()));
    plan.forgetReached();
  }

  /** After the last unanswered call the resident gets the short survey instead. */
  void sendSurveyLink(CallbackVariables plan, String planId) {
    if (plan.residentId() == null) {
      return;
    }
    String token = surveys.invite(plan.requestNo(), planId, plan.callbackNo(), plan.residentId());
    notices.tellSurveyLink(plan.requestNo() + ":CALLBACK_SURVEY:" + planId + ":" + plan.callbackNo(),
        plan.requestNo(), plan.residentId(), schedule.surveyLink(token));
  }

  private Instant closedAt(CallbackVariables plan) {
    Instant closed = plan.closedAt(zone);
    return closed == null ? clock.instant() : closed;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
