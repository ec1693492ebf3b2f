package com.guanjia.callback;

import static com.guanjia.process.ProcessContract.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.guanjia.notification.Outbox;
import com.guanjia.process.InvalidVariableException;
import com.guanjia.resident.Resident;
import com.guanjia.resident.ResidentArchive;
import com.guanjia.test.Cases;
import com.guanjia.test.GuanjiaTest;
import com.guanjia.test.ProcessCoverage;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Drives {@code callback-visits} (R5) with the real delegates, the {@code callback-tier} table and the
 * engine's clock moved over months: each tier's plan, calling hours, retries, reopening, recovery.
 */
@GuanjiaTest
@ProcessCoverage
// an engine name of its own: the shared test context keeps "default" for its REST API
@TestPropertySource(properties = {"guanjia.test.coverage-excludes=audit-seal-sweep,ownership-transfer,service-request,request-escalation,message-delivery",
    "camunda.bpm.process-engine-name=callbackVisitsTests"})
class CallbackVisitsProcessTest {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final ZoneOffset CST = ZoneOffset.ofHours(8);
  /** A Monday. */
  private static final OffsetDateTime MONDAY_TEN = OffsetDateTime.of(2026, 11, 23, 10, 0, 0, 0, CST);

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired JdbcClient jdbc;
  @Autowired ResidentArchive residents;
  @Autowired CallbackFacts facts;
  @Autowired Outbox outbox;
  @Autowired Surveys surveys;

  @BeforeEach
  void bindAssertions() {
    AbstractAssertions.init(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** A resident of their own, so that no other test's requests make this one a repeat request. */
  private String resident(boolean vip) {
    String id = "R-CB-%04d".formatted(SEQ.incrementAndGet());
    residents.register(new Resident(id, "Z1", "1号楼", "1-1-0101", "孙" + (vip ? "总" : "丽"), "13800000000",
        "FEMALE", false, null, vip));
    return id;
  }

  private Cases cases() {
    return new Cases(runtime, tasks, jdbc, management);
  }

  /** An inquiry answered and so closed at {@code closedAt}; the category picks the tier. */
  private ProcessInstance closedInquiry(String category, String residentId, OffsetDateTime closedAt) {
    clockAt(closedAt);
    ProcessInstance kase = cases().start("GJ-CB-%05d".formatted(SEQ.incrementAndGet()), "INQUIRY", category, "PHONE",
        residentId, "暖气什么时候开始供应？");
    cases().complete(kase, TASK_ANSWER_INQUIRY, "frontdesk", Map.of(VAR_RESOLUTION, "11月15日起供暖"));
    assertThat(kase).isWaitingAt(CALL_CALLBACK_PLAN).variables().containsKey(VAR_CLOSED_AT);
    return kase;
  }

  /** The plan the closed case called: its one running callback-visits instance. */
  private ProcessInstance plan(ProcessInstance kase) {
    List<ProcessInstance> plans = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_CALLBACK_VISITS)
        .processInstanceBusinessKey(kase.getBusinessKey()).active().list();
    assertThat(plans).hasSize(1);
    assertThat(plans.get(0).getRootProcessInstanceId()).as("called by the case").isEqualTo(kase.getId());
    return plans.get(0);
  }

  private static void clockAt(OffsetDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }

  private Job timer(ProcessInstance plan) {
    return management.createJobQuery().processInstanceId(plan.getId()).timers().singleResult();
  }

  private static OffsetDateTime at(Date date) {
    return date.toInstant().atOffset(CST);
  }

  /** Moves the clock to the plan's timer and runs it; returns when it was due. */
  private OffsetDateTime fire(ProcessInstance plan) {
    Job job = timer(plan);
    assertThat(job).as("a timer of the visit plan").isNotNull();
    clockAt(at(job.getDuedate()));
    management.executeJob(job.getId());
    return at(job.getDuedate());
  }

  private Task callTask(ProcessInstance plan) {
    assertThat(plan).isWaitingAt(TASK_CALL_RESIDENT);
    return tasks.createTaskQuery().processInstanceId(plan.getId()).taskDefinitionKey(TASK_CALL_RESIDENT).singleResult();
  }

  private void answer(ProcessInstance plan, Map<String, Object> answers) {
    Task call = callTask(plan);
    tasks.claim(call.getId(), "frontdesk");
    tasks.complete(call.getId(), answers);
  }

  private static Map<String, Object> reached(String satisfaction) {
    return Map.of(VAR_REACHED, true, VAR_SATISFACTION, satisfaction, VAR_PROBLEM_RECURRED, false,
        VAR_PREVIOUS_STEP_RATING, 5);
  }

  private List<String> residentEvents(ProcessInstance kase) {
    return outbox.forRequest(kase.getBusinessKey()).stream().filter(m -> "RESIDENT".equals(m.audience()))
        .map(Outbox.Message::event).toList();
  }

  @Test
  void keyItemIsCalledOnTheDayTheNextDayAndAWeekLaterThenTheCaseEnds() {
    ProcessInstance kase = closedInquiry("PARKING", resident(true), MONDAY_TEN);
    ProcessInstance plan = plan(kase);
    assertThat(plan).isWaitingAt("Event_CallbackDue").variables().containsEntry(VAR_TIER, "KEY")
        .containsEntry(VAR_VIP, true).containsEntry(VAR_CALLBACK_NO, 1);

    assertThat(fire(plan)).isEqualTo(MONDAY_TEN);
    assertThat(residentEvents(kase)).endsWith("CALLBACK_COMING");
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(callTask(plan))
        .hasCandidateGroup(GROUP_CUSTOMER_SERVICE).isNotAssigned();
    assertThat(at(callTask(plan).getDueDate())).isEqualTo(MONDAY_TEN.withHour(20));
    answer(plan, reached("SATISFIED"));

    assertThat(fire(plan)).isEqualTo(MONDAY_TEN.plusDays(1));
    answer(plan, reached("MET_EXPECTATIONS"));
    assertThat(fire(plan)).isEqualTo(MONDAY_TEN.plusDays(8));
    answer(plan, reached("SATISFIED"));

    assertThat(plan).isEnded().hasPassed("EndEvent_PlanCompleted");
    // the plan's outcome came back through the call: no recurring problem, so the case ends
    assertThat(kase).isEnded().hasPassed(CALL_CALLBACK_PLAN, "EndEvent_CaseClosed").hasNotPassed("BoundaryEvent_ProblemRecurred")
        .hasNotPassed("Task_RecordRecurrence");
    assertThat(facts.visits(kase.getBusinessKey())).extracting(CallbackFacts.Visit::callbackNo,
            CallbackFacts.Visit::outcome, CallbackFacts.Visit::satisfaction)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "REACHED", "SATISFIED"),
            org.assertj.core.groups.Tuple.tuple(2, "REACHED", "MET_EXPECTATIONS"),
            org.assertj.core.groups.Tuple.tuple(3, "REACHED", "SATISFIED"));
    assertThat(jdbc.sql("select count(*) from step_rating where request_no = ? and rated_activity_id = "
        + "'SubProcess_Handling' and rated_user = 'frontdesk' and rating = 5").param(kase.getBusinessKey())
        .query(Integer.class).single()).isEqualTo(3);
    // the last answer is the case's satisfaction (the plan's own until it ended)
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(kase.getId())
        .variableName(VAR_SATISFACTION).singleResult().getValue()).isEqualTo("SATISFIED");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(plan.getId())
        .variableName(VAR_LATEST_SATISFACTION).singleResult().getValue()).isEqualTo("SATISFIED");
  }

  @Test
  void theCaseLearnsTheSatisfactionOnlyFromItsPlansEnd() {
    ProcessInstance kase = closedInquiry("PARKING", resident(true), MONDAY_TEN);
    ProcessInstance plan = plan(kase);
    fire(plan);
    answer(plan, reached("DEEPLY_MOVED"));
    // the plan keeps its finding; no other instance writes into the case while it waits
    assertThat(plan).isWaitingAt("Event_CallbackDue").variables().containsEntry(VAR_LATEST_SATISFACTION, "DEEPLY_MOVED")
        .doesNotContainKey(VAR_SATISFACTION);
    assertThat(kase).isWaitingAt(CALL_CALLBACK_PLAN).variables().doesNotContainKey(VAR_SATISFACTION);
    while (timer(plan) != null) {
      fire(plan);
      answer(plan, reached("MET_EXPECTATIONS"));
    }
    assertThat(kase).isEnded();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(kase.getId())
        .variableName(VAR_SATISFACTION).singleResult().getValue()).isEqualTo("MET_EXPECTATIONS");
  }

  @Test
  void keyItemFinishedLateInTheEveningIsFirstCalledNextMorning() {
    ProcessInstance plan = plan(closedInquiry("PARKING", resident(true), MONDAY_TEN.withHour(21)));
    assertThat(fire(plan)).isEqualTo(MONDAY_TEN.plusDays(1).withHour(9));
    answer(plan, reached("SATISFIED"));
    assertThat(fire(plan)).isEqualTo(MONDAY_TEN.plusDays(2).withHour(9));
  }

  @Test
  void ordinaryItemIsCalledOnceHalfAYearLaterEvenOnASunday() {
    ProcessInstance kase = closedInquiry("PARKING", resident(false), MONDAY_TEN.withHour(7));
    ProcessInstance plan = plan(kase);
    assertThat(plan).variables().containsEntry(VAR_TIER, "ORDINARY");
    // 2027-05-23 is a Sunday: residents are called every day, within calling hours
    OffsetDateTime due = fire(plan);
    assertThat(due).isEqualTo(OffsetDateTime.of(2027, 5, 23, 9, 0, 0, 0, CST));
    assertThat(due.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.SUNDAY);
    answer(plan, reached("SATISFIED"));
    assertThat(plan).isEnded();
    assertThat(kase).isEnded();
  }

  @Test
  void heatingItemIsCalledEveryTwoWeeksUntilTheSeasonEndsAcrossTheNewYear() {
    ProcessInstance plan = plan(closedInquiry("HEATING", resident(false), OffsetDateTime.of(2026, 12, 20, 10, 0, 0, 0,
        CST)));
    assertThat(plan).variables().containsEntry(VAR_TIER, "HEATING").containsEntry(VAR_IN_HEATING_SEASON, true);
    List<String> days = new ArrayList<>();
    while (timer(plan) != null) {
      days.add(fire(plan).toLocalDate().toString());
      answer(plan, reached("SATISFIED"));
    }
    assertThat(days).containsExactly("2027-01-03", "2027-01-17", "2027-01-31", "2027-02-14", "2027-02-28",
        "2027-03-14");
    assertThat(plan).isEnded().hasPassed("EndEvent_PlanCompleted");
  }

  @Test
  void unreachedResidentIsTriedAgainInCallingHoursThenSentTheSurveyLink() {
    ProcessInstance kase = closedInquiry("PARKING", resident(false), MONDAY_TEN.withHour(19));
    ProcessInstance plan = plan(kase);
    OffsetDateTime first = fire(plan);
    Map<String, Object> noAnswer = Map.of(VAR_REACHED, false, VAR_COMMENT, "无人接听");
    answer(plan, noAnswer);
    assertThat(plan).isWaitingAt("Event_RetryDue");
    // two hours after 19:xx is past calling hours: the next morning at nine
    assertThat(fire(plan)).isEqualTo(first.plusDays(1).withHour(9));
    answer(plan, noAnswer);
    assertThat(fire(plan)).isEqualTo(first.plusDays(1).withHour(11));
    answer(plan, noAnswer);

    assertThat(plan).isEnded().hasPassed("Task_SendSurveyLink", "EndEvent_PlanCompleted");
    assertThat(facts.visits(kase.getBusinessKey())).extracting(CallbackFacts.Visit::outcome)
        .containsExactly("NOT_REACHED", "NOT_REACHED", "UNREACHED");
    String token = surveyToken(kase);
    assertThat(token).hasSize(22);
    assertThat(surveys.find(token)).get().satisfies(i -> {
      assertThat(i.planInstanceId()).isEqualTo(plan.getId());
      assertThat(i.callbackNo()).isEqualTo(1);
      assertThat(i.answered()).isFalse();
    });
    assertThat(outbox.forRequest(kase.getBusinessKey())).filteredOn(m -> m.event().equals("CALLBACK_SURVEY"))
        .singleElement().satisfies(m -> assertThat(m.text()).startsWith("您好")
            .contains("http://localhost:8080/survey/" + token).doesNotContain(kase.getBusinessKey() + "/"));
    assertThat(kase).isEnded();
  }

  @Test
  void dissatisfiedSurveyAnswerGoesToASupervisorForRecoveryOnce() {
    ProcessInstance kase = closedInquiry("PARKING", resident(false), MONDAY_TEN);
    ProcessInstance plan = plan(kase);
    for (int i = 0; i < 3; i++) {
      fire(plan);
      answer(plan, Map.of(VAR_REACHED, false));
    }
    assertThat(plan).isEnded();
    String token = surveyToken(kase);

    assertThat(surveys.answer(token, Satisfaction.DISSATISFIED, "  车位还是被占  ")).isEqualTo(Surveys.Answer.RECORDED);
    assertThat(surveys.answer(token, Satisfaction.SATISFIED, null)).isEqualTo(Surveys.Answer.ALREADY_ANSWERED);
    assertThat(surveys.answer("no-such-token", Satisfaction.SATISFIED, null)).isEqualTo(Surveys.Answer.UNKNOWN);
    // the survey's answer is a fact of the ledger like a call's, once
    assertThat(jdbc.sql("select kind || '|' || staff_user_id from score_fact where request_no = ?")
        .param(kase.getBusinessKey()).query(String.class).list()).containsExactly("DISSATISFIED|frontdesk");

    ProcessInstance recovery = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_CALLBACK_VISITS)
        .processInstanceBusinessKey(kase.getBusinessKey()).singleResult();
    assertThat(recovery).isWaitingAt("Task_ServiceRecovery").hasPassed("StartEvent_SurveyDissatisfied")
        .variables().containsEntry(VAR_COMMENT, "车位还是被占").containsEntry(VAR_SATISFACTION, "DISSATISFIED")
        .containsEntry(VAR_FIRST_RESPONDER, "frontdesk").containsEntry(VAR_CASE_INSTANCE_ID, kase.getId());
    assertThat(task(recovery)).hasCandidateGroup(GROUP_SUPERVISOR);
    assertThat(surveys.find(token)).get().extracting(Surveys.Invitation::satisfaction).isEqualTo("DISSATISFIED");
    tasks.complete(task(recovery).getId(), Map.of("recoveryAction", "主管致电道歉并协调车位"));
    assertThat(recovery).isEnded().hasPassed("EndEvent_Recovered");
  }

  @Test
  void aSurveyAnsweredWhileThePlanRunsIsThePlansSatisfactionAndSoTheCases() {
    ProcessInstance kase = closedInquiry("PARKING", resident(true), MONDAY_TEN);
    ProcessInstance plan = plan(kase);
    for (int i = 0; i < 3; i++) {
      fire(plan);
      answer(plan, Map.of(VAR_REACHED, false));
    }
    // a KEY plan goes on after the first callback's survey link: the answer is the plan's
    assertThat(plan).isWaitingAt("Event_CallbackDue");
    assertThat(surveys.answer(surveyToken(kase), Satisfaction.SATISFIED, "师傅很耐心")).isEqualTo(Surveys.Answer.RECORDED);
    assertThat(plan).variables().containsEntry(VAR_LATEST_SATISFACTION, "SATISFIED");
    assertThat(kase).isWaitingAt(CALL_CALLBACK_PLAN).variables().doesNotContainKey(VAR_SATISFACTION);

    // nobody answers the later calls: the plan ends, and the case has the survey's answer
    while (timer(plan) != null) {
      fire(plan);
      answer(plan, Map.of(VAR_REACHED, false));
    }
    assertThat(kase).isEnded().hasPassed("EndEvent_CaseClosed");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(kase.getId())
        .variableName(VAR_SATISFACTION).singleResult().getValue()).isEqualTo("SATISFIED");
  }

  @Test
  void surveyLinkExpiresAfterThirtyDays() {
    ProcessInstance kase = closedInquiry("PARKING", resident(false), MONDAY_TEN);
    ProcessInstance plan = plan(kase);
    for (int i = 0; i < 3; i++) {
      fire(plan);
      answer(plan, Map.of(VAR_REACHED, false));
    }
    String token = surveyToken(kase);
    OffsetDateTime sent = surveys.find(token).orElseThrow().sentAt();
    clockAt(sent.plusDays(30).minusMinutes(1));
    assertThat(surveys.expired(surveys.find(token).orElseThrow())).isFalse();
    clockAt(sent.plusDays(30));
    assertThat(surveys.answer(token, Satisfaction.SATISFIED, null)).isEqualTo(Surveys.Answer.EXPIRED);
    assertThat(surveys.find(token)).get().extracting(Surveys.Invitation::answered).isEqualTo(false);
  }

  /** The survey link of the case's first callback. */
  private String surveyToken(ProcessInstance kase) {
    return jdbc.sql("select token from callback_survey where request_no = ? and callback_no = 1")
        .param(kase.getBusinessKey()).query(String.class).single();
  }

  @Test
  void recurringProblemReopensTheCaseForItsOwnerAndCancelsTheRestOfThePlan() {
    ProcessInstance kase = closedInquiry("PARKING", resident(false), MONDAY_TEN);
    ProcessInstance plan = plan(kase);
    assertThat(plan).variables().containsEntry(VAR_TIER, "ORDINARY");
    fire(plan);
    answer(plan, Map.of(VAR_REACHED, true, VAR_SATISFACTION, "DISSATISFIED", VAR_PROBLEM_RECURRED, true,
        VAR_COMMENT, "收费标准和答复的不一样", VAR_PREVIOUS_STEP_RATING, 2));

    assertThat(plan).hasPassed("EndEvent_ProblemRecurred").isWaitingAt(TASK_SERVICE_RECOVERY);
    assertThat(timer(plan)).as("no callback left in the plan").isNull();
    // the plan hands the recurrence to the case at once (the BPMN escalation 问题复发 on 跟踪回访's border)
    // and goes on with the supervisor's recovery
    assertThat(kase).isWaitingAt(TASK_TAKE_BACK_CASE, CALL_CALLBACK_PLAN)
        .hasPassed("BoundaryEvent_ProblemRecurred", "Task_RecordRecurrence")
        .variables().containsEntry(VAR_REOPEN_COUNT, 1)
        .containsEntry(VAR_KEY_ITEM, true).containsEntry(VAR_RECURRENCE_COMMENT, "收费标准和答复的不一样")
        .containsEntry(VAR_SATISFACTION, "DISSATISFIED").doesNotContainKey(VAR_CLOSED_AT);
    assertThat(tasks.createTaskQuery().processInstanceId(kase.getId()).singleResult().getAssignee())
        .isEqualTo("frontdesk");
    Task recovery = tasks.createTaskQuery().processInstanceId(plan.getId()).singleResult();
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(recovery)
        .hasCandidateGroup(GROUP_SUPERVISOR);
    tasks.complete(recovery.getId(), Map.of(VAR_RECOVERY_ACTION, "主管上门致歉，退还多收费用"));
    assertThat(plan).isEnded().hasPassed("EndEvent_Recovered");
    // the plan's branch of the case ends; the reopened case goes on
    assertThat(kase).isWaitingAt(TASK_TAKE_BACK_CASE).hasPassed("EndEvent_CaseClosed");
    assertThat(outbox.forRequest(kase.getBusinessKey())).anySatisfy(m -> {
      assertThat(m.event()).isEqualTo("CASE_REOPENED");
      assertThat(m.text()).contains("收费标准和答复的不一样");
    });
    // R7: a dissatisfied resident and a reopened case, facts of the ledger (the owner handled the inquiry)
    assertThat(jdbc.sql("select kind || '|' || staff_user_id || '|' || points from score_fact where request_no = ? "
        + "order by id").param(kase.getBusinessKey()).query(String.class).list())
        .containsExactly("DISSATISFIED|frontdesk|-1", "REOPENED|frontdesk|-2");

    cases().complete(kase, TASK_TAKE_BACK_CASE, "frontdesk", Map.of(VAR_TAKE_BACK_NOTE, "已致电业主，重新核对收费"));
    cases().complete(kase, TASK_ANSWER_INQUIRY, "frontdesk", Map.of(VAR_RESOLUTION, "已按新标准答复并致歉"));
    // closed again: the reopened case has a plan of its own, KEY from now on
    assertThat(kase).isWaitingAt(CALL_CALLBACK_PLAN);
    ProcessInstance second = plan(kase);
    assertThat(second.getId()).isNotEqualTo(plan.getId());
    assertThat(second).isWaitingAt("Event_CallbackDue");
    assertThat(second).variables().containsEntry(VAR_TIER, "KEY").containsEntry(VAR_REOPEN_COUNT, 1);
  }

  @Test
  void aRecurringProblemWithNoRecoveryToMakeReopensTheCaseAtOnce() {
    ProcessInstance kase = closedInquiry("PARKING", resident(false), MONDAY_TEN);
    ProcessInstance plan = plan(kase);
    fire(plan);
    answer(plan, Map.of(VAR_REACHED, true, VAR_SATISFACTION, "MET_EXPECTATIONS", VAR_PROBLEM_RECURRED, true,
        VAR_COMMENT, "车位地锁又坏了", VAR_PREVIOUS_STEP_RATING, 4));

    // nothing left to do in the plan: the rest of its callbacks are cancelled, there is nothing to recover
    assertThat(plan).isEnded().hasPassed("EndEvent_ProblemRecurred", "EndEvent_NoRecovery")
        .hasNotPassed(TASK_SERVICE_RECOVERY);
    assertThat(kase).isWaitingAt(TASK_TAKE_BACK_CASE).variables()
        .containsEntry(VAR_RECURRENCE_COMMENT, "车位地锁又坏了").containsEntry(VAR_SATISFACTION, "MET_EXPECTATIONS");
  }

  /** Who holds a grant on a running instance, as user:… or group:…. */
  private List<String> grants(String instanceId) {
    return jdbc.sql("select coalesce('user:' || USER_ID_, 'group:' || GROUP_ID_) from ACT_RU_AUTHORIZATION "
        + "where RESOURCE_TYPE_ = ? and RESOURCE_ID_ = ?").params(Resources.PROCESS_INSTANCE.resourceType(), instanceId)
        .query(String.class).list();
  }

  /** Who may read a case's history, as user:… or group:…. */
  private List<String> readers(String caseInstanceId) {
    return jdbc.sql("select case when kind = 'U' then 'user:' else 'group:' end || reader_id from case_reader "
        + "where process_instance_id = ?").param(caseInstanceId).query(String.class).list();
  }

  @Test
  void betweenCallsAPlanIsNobodysWork() {
    ProcessInstance plan = plan(closedInquiry("PARKING", resident(true), MONDAY_TEN));
    fire(plan);
    assertThat(grants(plan.getId())).contains("group:" + GROUP_CUSTOMER_SERVICE);
    answer(plan, reached("SATISFIED"));
    // the next call is tomorrow: until then no grant of the last call's people is joined by their Tasklist
    assertThat(plan).isWaitingAt("Event_CallbackDue");
    assertThat(grants(plan.getId())).isEmpty();
    fire(plan);
    assertThat(grants(plan.getId())).contains("group:" + GROUP_CUSTOMER_SERVICE);
    answer(plan, Map.of(VAR_REACHED, false, VAR_COMMENT, "无人接听"));
    assertThat(plan).isWaitingAt("Event_RetryDue");
    assertThat(grants(plan.getId())).isEmpty();
  }

  @Test
  void aClosedCaseIsReadFromItsHistoryAndWorkedOnAgainOnlyOnceReopened() {
    ProcessInstance kase = closedInquiry("PARKING", resident(false), MONDAY_TEN);
    // months of waiting for callbacks: nobody's Tasklist joins a grant on the closed case's instance...
    assertThat(grants(kase.getId())).isEmpty();
    // ...while its owner and zone butler still read its history
    assertThat(readers(kase.getId())).contains("user:frontdesk", "user:butler1");

    ProcessInstance plan = plan(kase);
    fire(plan);
    // the callback is offered to customer service: they work on the plan and read the case's history
    assertThat(grants(plan.getId())).contains("group:" + GROUP_CUSTOMER_SERVICE);
    assertThat(readers(plan.getId())).as("a plan is not a case").isEmpty();
    assertThat(readers(kase.getId())).contains("group:" + GROUP_CUSTOMER_SERVICE);
    assertThat(grants(kase.getId())).isEmpty();

    answer(plan, Map.of(VAR_REACHED, true, VAR_SATISFACTION, "DISSATISFIED", VAR_PROBLEM_RECURRED, true,
        VAR_COMMENT, "答复有误", VAR_PREVIOUS_STEP_RATING, 2));
    // reopened at once: its owner works on it again, while the supervisors make up for the dissatisfaction
    assertThat(kase).isWaitingAt(TASK_TAKE_BACK_CASE);
    assertThat(grants(kase.getId())).contains("user:frontdesk");
    assertThat(grants(plan.getId())).contains("group:" + GROUP_SUPERVISOR);
    tasks.complete(tasks.createTaskQuery().processInstanceId(plan.getId()).singleResult().getId(),
        Map.of(VAR_RECOVERY_ACTION, "主管致电致歉"));
    assertThat(plan).isEnded();
    cases().complete(kase, TASK_TAKE_BACK_CASE, "frontdesk", Map.of(VAR_TAKE_BACK_NOTE, "重新核对"));
    cases().complete(kase, TASK_ANSWER_INQUIRY, "frontdesk", Map.of(VAR_RESOLUTION, "已重新答复"));
    assertThat(kase).isWaitingAt(CALL_CALLBACK_PLAN);
    assertThat(grants(kase.getId())).isEmpty();
  }

  @Test
  void deeplyMovedResidentEarnsTheOwnerBonusPoints() {
    ProcessInstance kase = closedInquiry("PARKING", resident(true), MONDAY_TEN);
    ProcessInstance plan = plan(kase);
    fire(plan);
    answer(plan, reached("DEEPLY_MOVED"));
    // one fact of the ledger, with the scoring-points table's points for DEEPLY_MOVED and the version that gave them
    assertThat(jdbc.sql("""
            select kind || ':' || staff_user_id || ':' || points || ':' || reason || ':' || source from score_fact
             where request_no = ?""")
        .param(kase.getBusinessKey()).query(String.class).list())
        .singleElement().asString().startsWith("DEEPLY_MOVED:frontdesk:2:业主深受感动:scoring-points v");
    assertThat(plan).isWaitingAt("Event_CallbackDue");
  }

  @Test
  void answersThatDoNotAddUpGoBackToTheAgent() {
    ProcessInstance plan = plan(closedInquiry("PARKING", resident(true), MONDAY_TEN));
    fire(plan);
    Task call = callTask(plan);
    tasks.claim(call.getId(), "frontdesk");
    Map<String, Object> noSatisfaction = new HashMap<>(Map.of(VAR_REACHED, true, VAR_PREVIOUS_STEP_RATING, 4));
    assertThatThrownBy(() -> tasks.complete(call.getId(), noSatisfaction))
        .hasRootCauseInstanceOf(InvalidVariableException.class).hasMessageContaining("satisfaction");
    Map<String, Object> recurredWithoutComment = new HashMap<>(reached("SATISFIED"));
    recurredWithoutComment.put(VAR_PROBLEM_RECURRED, true);
    assertThatThrownBy(() -> tasks.complete(call.getId(), recurredWithoutComment))
        .hasRootCauseInstanceOf(InvalidVariableException.class).hasMessageContaining("comment");
    Map<String, Object> noRating = new HashMap<>(reached("SATISFIED"));
    noRating.remove(VAR_PREVIOUS_STEP_RATING);
    assertThatThrownBy(() -> tasks.complete(call.getId(), noRating))
        .hasRootCauseInstanceOf(InvalidVariableException.class).hasMessageContaining("previousStepRating");
    assertThat(plan).isWaitingAt(TASK_CALL_RESIDENT);
  }
}
