package com.guanjia.process;

import static com.guanjia.process.ProcessContract.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.resident.Resident;
import com.guanjia.resident.ResidentArchive;
import com.guanjia.test.Cases;
import com.guanjia.test.GuanjiaTest;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * History does not pile up: Camunda's history cleanup (removal-time based, nightly window) removes a
 * closed case's history (the case, its escalation, its ownership transfer, its callback plan, its
 * message deliveries, its triage and tier decisions) once its time to live has passed, and never
 * before; Guanjia's own facts about the case (its summary, scored facts, the audit seal) stay, and the month's
 * scorecards computed from them do not change.
 */
@GuanjiaTest
// a context of its own: the cleanup below deletes every history past its removal time, other tests' too
@TestPropertySource(properties = "camunda.bpm.process-engine-name=historyCleanupTests")
class HistoryCleanupTest {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final ZoneOffset CST = ZoneOffset.ofHours(8);
  /** Mondays, inside working hours. */
  private static final OffsetDateTime NOV_2026 = OffsetDateTime.of(2026, 11, 23, 10, 0, 0, 0, CST);
  private static final OffsetDateTime MAR_2027 = OffsetDateTime.of(2027, 3, 1, 10, 0, 0, 0, CST);
  private static final OffsetDateTime JUN_2027 = OffsetDateTime.of(2027, 6, 7, 10, 0, 0, 0, CST);
  /** The models' historyTimeToLive: cases and their follow-ups, and message deliveries. */
  private static final int CASE_TTL_DAYS = 1825;
  private static final int DELIVERY_TTL_DAYS = 180;

  /** Camunda's history tables that hold a case's trail, each with the root instance it belongs to. */
  private static final List<String> HISTORY_TABLES = List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST",
      "ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_HI_IDENTITYLINK", "ACT_HI_DECINST", "ACT_HI_JOB_LOG", "ACT_HI_COMMENT",
      "ACT_HI_OP_LOG");
  /** Guanjia's own facts about a request, kept whatever happens to Camunda's history. */
  private static final List<String> FACT_TABLES = List.of("service_request", "step_rating", "sla_violation",
      "callback_visit", "score_fact", "ownership_transfer", "outbox_message", "message_center_entry", "case_summary",
      "audit_seal");

  @Autowired ProcessEngineConfigurationImpl configuration;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired ResidentArchive residents;
  @Autowired JdbcClient jdbc;
  @Autowired com.guanjia.notification.OutboxDispatcher dispatcher;
  @Autowired com.guanjia.scoring.Scorecards scorecards;

  @Autowired org.camunda.bpm.engine.ProcessEngine engine;

  @org.junit.jupiter.api.BeforeEach
  void assertionsOnThisEngine() {
    // the asserts default to the engine an earlier test class named; this class has an engine of its own
    org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions.init(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  @Test
  void theNightlyCleanupIsConfiguredAndScheduledAtStartUp() {
    assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
    assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("end");
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
    assertThat(configuration.getHistoryCleanupBatchSize()).isEqualTo(200);
    assertThat(configuration.getHistoryCleanupDegreeOfParallelism()).isEqualTo(1);
    assertThat(configuration.isEnforceHistoryTimeToLive()).isTrue();

    // the engine scheduled the cleanup at start-up, though no job executor runs in tests; the window is
    // read in the JVM's default time zone
    List<Job> jobs = history.findHistoryCleanupJobs();
    assertThat(jobs).hasSize(1);
    LocalTime due = jobs.get(0).getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalTime();
    assertThat(due).isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0));
  }

  @Test
  void aClosedCaseLeavesCamundaHistoryAfterFiveYearsAndKeepsGuanjiasFacts() {
    // a repair that misses its on-site target, changes owner, is closed and called back
    clockAt(NOV_2026);
    String old = closedRepair(true);
    List<String> oldInstances = instancesOf(old);
    Map<String, Long> oldFacts = facts(old);
    assertThat(oldFacts).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
    assertThat(trail(oldInstances)).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
    assertThat(processKeys(oldInstances)).containsExactlyInAnyOrder(PROCESS_SERVICE_REQUEST, PROCESS_HANDLE_ON_SITE,
        PROCESS_REQUEST_ESCALATION, PROCESS_OWNERSHIP_TRANSFER, PROCESS_CALLBACK_VISITS);
    // every instance of the case ended, so every one carries its removal time; no grant of Camunda's is
    // left on them (those on running instances went when they ended, and none is made on history): who
    // may read the case is Guanjia's record, kept with its facts
    assertThat(jdbc.sql("select count(*) from ACT_HI_PROCINST where REMOVAL_TIME_ is null and ID_ in ("
        + in(oldInstances) + ")").query(Long.class).single()).isZero();
    assertThat(grants(oldInstances)).isZero();
    long oldReaders = readers(oldInstances);
    assertThat(oldReaders).isPositive();

    // a second case, closed four months later: within its time to live when the first one's has passed
    clockAt(MAR_2027);
    String recent = closedRepair(false);
    List<String> recentCase = caseAndFollowUps(recent);
    Map<String, Long> recentTrail = trail(recentCase);
    long recentReaders = readers(recentCase);

    // the month's scorecards are Guanjia's own facts: the same before and after Camunda's history goes
    var november = scorecards.month(java.time.YearMonth.from(NOV_2026));
    assertThat(november).anySatisfy(card -> assertThat(card.casesHandled()).isPositive());

    cleanUpAt(caseEnd(old).plusDays(CASE_TTL_DAYS).plusDays(1));

    assertThat(scorecards.month(java.time.YearMonth.from(NOV_2026))).isEqualTo(november);

    assertThat(trail(oldInstances)).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
    assertThat(readers(oldInstances)).isEqualTo(oldReaders);
    assertThat(jdbc.sql("select count(*) from ACT_GE_BYTEARRAY where ROOT_PROC_INST_ID_ in (" + in(oldInstances)
        + ")").query(Long.class).single()).isZero();
    assertThat(facts(old)).isEqualTo(oldFacts);
    // the recent case and its callbacks stay
    assertThat(trail(recentCase)).isEqualTo(recentTrail);
    assertThat(readers(recentCase)).isEqualTo(recentReaders).isPositive();
  }

  @Test
  void historyStaysUntilItsModelsTimeToLiveHasPassed() {
    clockAt(JUN_2027);
    String requestNo = closedRepair(false);
    // one of its messages failed at the first attempt and was retried by message-delivery
    long outboxId = jdbc.sql("select min(id) from outbox_message where request_no = ?").param(requestNo)
        .query(Long.class).single();
    runtime.startProcessInstanceByKey(PROCESS_MESSAGE_DELIVERY, requestNo + "/M" + outboxId,
        Map.of("outboxId", outboxId));
    clockAt(now().plusMinutes(1));
    drain(requestNo);
    List<String> instances = instancesOf(requestNo);
    List<String> deliveries = instancesOf(requestNo, PROCESS_MESSAGE_DELIVERY);
    List<String> caseAndFollowUps = caseAndFollowUps(requestNo);
    assertThat(deliveries).isNotEmpty();
    Map<String, Long> trail = trail(instances);
    Map<String, Long> caseTrail = trail(caseAndFollowUps);
    OffsetDateTime firstDelivered = history.createHistoricProcessInstanceQuery().processInstanceIds(
            new HashSet<>(deliveries)).orderByProcessInstanceEndTime().asc().list().get(0).getEndTime()
        .toInstant().atOffset(CST);

    // a minute before the first message delivery's 180 days: nothing goes
    cleanUpAt(firstDelivered.plusDays(DELIVERY_TTL_DAYS).minusMinutes(1));
    assertThat(trail(instances)).isEqualTo(trail);

    // a day before the case's five years: the deliveries are gone, the case and its follow-ups stay
    cleanUpAt(caseEnd(requestNo).plusDays(CASE_TTL_DAYS).minusDays(1));
    assertThat(trail(deliveries)).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
    assertThat(trail(caseAndFollowUps)).isEqualTo(caseTrail);
  }

  // ---- a case from intake to its end -----------------------------------------------------------------

  /**
   * A drain repair registered by phone, worked, confirmed and followed up until the case ends; with
   * {@code eventful}, its on-site target is missed (violation, escalation) and a supervisor transfers it.
   */
  private String closedRepair(boolean eventful) {
    String requestNo = "GJ-HC-%04d".formatted(SEQ.incrementAndGet());
    String residentId = "R-HC-%04d".formatted(SEQ.get());
    residents.register(new Resident(residentId, "Z1", "1号楼", "1-1-0101", "周丽", "13800000000", "FEMALE", false,
        null, false));
    Cases cases = new Cases(runtime, tasks, jdbc, management);
    ProcessInstance kase = cases.start(requestNo, "REPAIR", "DRAIN", "PHONE", residentId, "厨房地漏堵塞，污水倒灌");
    // as the intake does once the case has started
    jdbc.sql("update service_request set process_instance_id = ? where request_no = ?").params(kase.getId(), requestNo)
        .update();
    drain(requestNo);
    String owner = "frontdesk";
    if (eventful) {
      Job onSite = management.createJobQuery().rootProcessInstanceId(kase.getId())
          .activityId("BoundaryEvent_OnSiteTargetMissed").singleResult();
      clockAt(at(onSite.getDuedate()).plusMinutes(1));
      drain(requestNo);
      assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_REQUEST_ESCALATION)
          .processInstanceBusinessKey(requestNo).count()).isOne();
      identity.setAuthentication("supervisor1", List.of(GROUP_SUPERVISOR));
      try {
        runtime.startProcessInstanceByKey(PROCESS_OWNERSHIP_TRANSFER, Variables.createVariables()
            .putValue(VAR_REQUEST_NO, requestNo).putValue(VAR_NEW_OWNER, "butler1")
            .putValue(VAR_TRANSFER_REASON, "前台轮岗，交由责任区管家跟进"));
      } finally {
        identity.clearAuthentication();
      }
      owner = "butler1";
      drain(requestNo);
    }
    cases.complete(kase, TASK_ARRIVE_ON_SITE, "tech1", Map.of(VAR_ARRIVED_ON_SITE, true, VAR_PREVIOUS_STEP_RATING, 4L));
    drain(requestNo);
    cases.complete(kase, TASK_PROPOSE_PLAN, "tech1", Map.of(VAR_PLAN, "更换地漏芯，疏通下水管",
        VAR_ETA, now().plusHours(3).withSecond(0).withNano(0).toString()));
    drain(requestNo);
    cases.complete(kase, TASK_PERFORM_WORK, "tech1", Map.of(VAR_RESOLVED, true, VAR_RESOLUTION, "已疏通并更换地漏芯"));
    drain(requestNo);
    cases.complete(kase, TASK_CONFIRM_WITH_RESIDENT, owner,
        Map.of(VAR_RESIDENT_CONFIRMED, true, VAR_PREVIOUS_STEP_RATING, 5L));
    drain(requestNo);
    followUp(requestNo);
    // the case, its follow-ups and every message delivery have ended: nothing of it still runs
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike(requestNo + "%").list())
        .as("running instances of " + requestNo).isEmpty();
    return requestNo;
  }

  /** Makes every callback of the case's plan, at its time, until the plan and so the case end. */
  private void followUp(String requestNo) {
    for (int call = 0; call < 10; call++) {
      ProcessInstance plan = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_CALLBACK_VISITS)
          .processInstanceBusinessKey(requestNo).active().singleResult();
      if (plan == null) {
        return;
      }
      Job due = management.createJobQuery().processInstanceId(plan.getId()).timers().singleResult();
      if (due != null) {
        clockAt(at(due.getDuedate()));
        drain(requestNo);
      }
      Task task = tasks.createTaskQuery().processInstanceId(plan.getId()).taskDefinitionKey(TASK_CALL_RESIDENT)
          .singleResult();
      assertThat(task).as("the callback of " + requestNo + " at " + runtime.getActiveActivityIds(plan.getId()))
          .isNotNull();
      tasks.claim(task.getId(), "frontdesk");
      tasks.complete(task.getId(), Map.of(VAR_REACHED, true, VAR_SATISFACTION, "DEEPLY_MOVED",
          VAR_PROBLEM_RECURRED, false, VAR_PREVIOUS_STEP_RATING, 5L));
      drain(requestNo);
    }
    throw new AssertionError("the callback plan of " + requestNo + " does not end");
  }

  /** Runs the jobs of the request's instances and sends the messages that are due now, as the job executor
   * and the outbox dispatcher would. */
  private void drain(String requestNo) {
    for (int round = 0; round < 100; round++) {
      dispatcher.deliverDue();
      List<Job> due = runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike(requestNo + "%").list()
          .stream().flatMap(pi -> management.createJobQuery().processInstanceId(pi.getId()).executable().list()
              .stream()).toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> management.executeJob(job.getId()));
    }
    throw new AssertionError("the jobs of " + requestNo + " do not run out");
  }

  /** Moves the clock and runs the history cleanup now, until its job has nothing left to remove. */
  private void cleanUpAt(OffsetDateTime time) {
    clockAt(time);
    history.cleanUpHistoryAsync(true);
    for (int round = 0; round < 100; round++) {
      List<Job> due = history.findHistoryCleanupJobs().stream()
          .filter(job -> !job.getDuedate().after(ClockUtil.getCurrentTime())).toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> management.executeJob(job.getId()));
    }
    throw new AssertionError("the history cleanup does not finish");
  }

  // ---- what there is of a case -----------------------------------------------------------------------

  /** Every process instance of the request: the case, its escalation, transfer, callbacks, deliveries. */
  private List<String> instancesOf(String requestNo) {
    List<String> ids = new ArrayList<>(history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKeyLike(requestNo + "%").list().stream().map(HistoricProcessInstance::getId).toList());
    // a transfer is started from Tasklist's start form: no business key, the request number is a variable
    ids.addAll(history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_OWNERSHIP_TRANSFER)
        .variableValueEquals(VAR_REQUEST_NO, requestNo).list().stream().map(HistoricProcessInstance::getId).toList());
    // each is a root, whose history goes with its own end and time to live, or a process the case called
    // (its handling paths, its escalation, its callback plan), whose history goes with the case's
    List<String> called = new java.util.ArrayList<>(PATH_PROCESSES);
    called.addAll(List.of(PROCESS_REQUEST_ESCALATION, PROCESS_CALLBACK_VISITS));
    assertThat(jdbc.sql("select count(*) from ACT_HI_PROCINST where ROOT_PROC_INST_ID_ <> ID_ and ID_ in ("
        + in(ids) + ") and (PROC_DEF_KEY_ not in (" + in(called) + ") or ROOT_PROC_INST_ID_ not in ("
        + in(ids) + "))").query(Long.class).single()).isZero();
    return ids;
  }

  /** The case and the instances that follow it up, without its message deliveries. */
  private List<String> caseAndFollowUps(String requestNo) {
    List<String> instances = new ArrayList<>(instancesOf(requestNo));
    instances.removeAll(instancesOf(requestNo, PROCESS_MESSAGE_DELIVERY));
    return instances;
  }

  private List<String> instancesOf(String requestNo, String processKey) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(processKey)
        .processInstanceBusinessKeyLike(requestNo + "%").list().stream().map(HistoricProcessInstance::getId).toList();
  }

  private List<String> processKeys(List<String> instances) {
    return history.createHistoricProcessInstanceQuery().processInstanceIds(new HashSet<>(instances)).list()
        .stream().map(HistoricProcessInstance::getProcessDefinitionKey).distinct().toList();
  }

  /** Rows per Camunda history table that belong to these (root) instances. */
  private Map<String, Long> trail(List<String> instances) {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (String table : HISTORY_TABLES) {
      rows.put(table, jdbc.sql("select count(*) from " + table + " where ROOT_PROC_INST_ID_ in (" + in(instances) + ")")
          .query(Long.class).single());
    }
    return rows;
  }

  /** Rows per Guanjia table about the request. */
  private Map<String, Long> facts(String requestNo) {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (String table : FACT_TABLES) {
      rows.put(table, jdbc.sql("select count(*) from " + table + " where request_no = ?").param(requestNo)
          .query(Long.class).single());
    }
    return rows;
  }

  private OffsetDateTime caseEnd(String requestNo) {
    return at(history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_SERVICE_REQUEST)
        .processInstanceBusinessKey(requestNo).singleResult().getEndTime());
  }

  /** Who may read these cases (CaseAccess). */
  private long readers(List<String> instances) {
    return jdbc.sql("select count(*) from case_reader where process_instance_id in (" + in(instances) + ")")
        .query(Long.class).single();
  }

  /** Camunda's grants on these instances, their history or their tasks' history. */
  private long grants(List<String> instances) {
    return jdbc.sql("select count(*) from ACT_RU_AUTHORIZATION where " + grantsOf(instances)).query(Long.class)
        .single();
  }

  private static String grantsOf(List<String> instances) {
    return "RESOURCE_ID_ in (" + in(instances) + ") or ROOT_PROC_INST_ID_ in (" + in(instances) + ")";
  }

  private static String in(List<String> ids) {
    assertThat(ids).isNotEmpty();
    return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
  }

  private static void clockAt(OffsetDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }

  private static OffsetDateTime now() {
    return at(ClockUtil.getCurrentTime());
  }

  private static OffsetDateTime at(Date date) {
    return date.toInstant().atOffset(CST);
  }
}
