package com.guanjia.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.guanjia.test.GuanjiaTest;
import com.guanjia.test.ProcessCoverage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code monthly-scorecards} (月度考核): the month's scorecards are computed for quality, recomputed when quality does
 * not confirm them, frozen when it does (a later fact counts in the next month, with a note), and two failed months
 * in a row give the supervisor and quality a 复训评估 task for that person: the system flags, people decide.
 */
@GuanjiaTest
@ProcessCoverage
@TestPropertySource(properties = {"guanjia.test.coverage-excludes=audit-seal-sweep,ownership-transfer,service-request,callback-visits,"
    + "request-escalation,message-delivery,handle-on-site,handle-construction-defect,handle-attitude-complaint,"
    + "handle-inquiry,handle-feedback,handle-escort,duty-handover",
    "camunda.bpm.process-engine-name=monthlyScorecardsTests"}) // the shared context keeps "default" for REST
class MonthlyScorecardsProcessTest {
  private static final YearMonth FEBRUARY = YearMonth.of(2029, 2);
  private static final YearMonth MARCH = YearMonth.of(2029, 3);

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired CaseSummaries summaries;
  @Autowired ScoreLedger ledger;
  @Autowired MonthlyScorecards monthly;
  @Autowired TeamScorecards teams;
  @Autowired MonthlySchedule schedule;

  @BeforeEach
  void bindAssertions() {
    AbstractAssertions.init(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** cleaner1 closes one case on time in the month, but five substantiated complaints cost 25 points: failed. */
  private void aFailedMonthOfCleaner1(YearMonth month) {
    Instant closed = month.atDay(10).atTime(12, 0).atOffset(java.time.ZoneOffset.ofHours(8)).toInstant();
    String requestNo = "GJ-MS-" + month;
    summaries.closed(new CaseSummaries.Closed(requestNo, "P01", "REPAIR", "CLEANING", "NORMAL", "frontdesk",
        "cleaner1", closed.minusSeconds(3000), closed.minusSeconds(3000), closed.minusSeconds(2400),
        closed.minusSeconds(600), closed, 0));
    ClockUtil.setCurrentTime(Date.from(closed));
    for (int i = 0; i < 5; i++) {
      ledger.record(requestNo + ":complaint:" + i, ScoreLedger.Kind.ATTITUDE_COMPLAINT, "cleaner1", requestNo,
          "Task_ScoreAttitudeComplaint", null, "NORMAL");
    }
    ClockUtil.reset();
  }

  /** Started for the month; each zone staff member's supervisor rates them: cleaner1 2, everyone else 4. */
  private ProcessInstance start(YearMonth month) {
    ProcessInstance pi = runtime.startProcessInstanceByKey("monthly-scorecards",
        Map.of(ScorecardSteps.VAR_SCORED_MONTH, month.toString()));
    assertThat(pi).isWaitingAt("Task_RateStaff");
    List<Task> ratings = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_RateStaff").list();
    assertThat(ratings).extracting(t -> tasks.getVariableLocal(t.getId(), "staffId"))
        .contains("tech1", "cleaner1", "butler1", "guard1", "gardener1").doesNotContain("frontdesk", "quality1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.complete(ratings.get(0).getId(),
        Map.of("supervisorRating", 6))).hasMessageContaining("supervisorRating");
    for (Task rating : ratings) {
      Object staffId = tasks.getVariableLocal(rating.getId(), "staffId");
      assertThat(rating).as("rated by their supervisor").isAssignedTo("supervisor1");
      tasks.complete(rating.getId(), Map.of("supervisorRating", "cleaner1".equals(staffId) ? 2 : 4,
          "supervisorRatingNote", "按工作标准评定"));
    }
    return pi;
  }

  private Task review(ProcessInstance pi) {
    assertThat(pi).isWaitingAt("Task_ReviewScorecards");
    Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(task).hasCandidateGroup("quality");
    return task;
  }

  @Test
  void theMonthIsComputedReviewedFrozenAndTwoFailedMonthsFlagARetrainingReview() {
    aFailedMonthOfCleaner1(FEBRUARY);
    aFailedMonthOfCleaner1(MARCH);

    // February: computed for review; quality first asks for a recomputation, then confirms
    ProcessInstance february = start(FEBRUARY);
    assertThat(february).hasBusinessKey("scorecards-2029-02").variables()
        .containsEntry("scoredMonth", "2029-02");
    assertThat((String) runtime.getVariable(february.getId(), "scorecardSummary"))
        .contains("2029-02 月度考核").contains("未达标 1 人").contains("cleaner1");
    Task first = review(february);
    tasks.claim(first.getId(), "quality1");
    tasks.complete(first.getId(), Map.of("scorecardsConfirmed", false, "reviewNote", "等申诉结果"));
    Task second = review(february);
    tasks.claim(second.getId(), "quality1");
    tasks.complete(second.getId(), Map.of("scorecardsConfirmed", true));
    // one failed month is no flag yet
    assertThat(february).isEnded().hasPassed("Task_FreezeScorecards", "EndEvent_ScorecardsFrozen")
        .hasNotPassed("Task_ReviewRetraining");

    // frozen: a fact of February arriving now counts in March, with a note; February's scorecards stay as confirmed
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2029-02-27T09:00+08:00").toInstant()));
    ledger.record("GJ-MS-late:complaint", ScoreLedger.Kind.ATTITUDE_COMPLAINT, "cleaner1", "GJ-MS-late",
        "Task_ScoreAttitudeComplaint", null, "NORMAL");
    ClockUtil.reset();
    var late = ledger.forRequest("GJ-MS-late").get(0);
    assertThat(late.countsIn()).isEqualTo("2029-03");
    assertThat(late.note()).contains("2029-02").contains("计入 2029-03");
    var cleaner = monthly.kept(FEBRUARY).orElseThrow().stream().filter(c -> c.staffId().equals("cleaner1"))
        .findFirst().orElseThrow();
    assertThat(cleaner.points()).isEqualTo(-25);
    // on time and resolved (25% + 20%), the supervisor's 2 of 5 (10%): 100 × 0.49 / 0.55 = 89.09, less 25 points
    assertThat(cleaner.supervisorRating()).isEqualTo(2);
    assertThat(cleaner.composite()).isEqualTo(64.0909);
    assertThat(cleaner.passed()).isFalse();

    // March: failed again: the supervisor and quality get a retraining review of cleaner1, and decide
    ProcessInstance march = start(MARCH);
    Task marchReview = review(march);
    tasks.claim(marchReview.getId(), "quality1");
    tasks.complete(marchReview.getId(), Map.of("scorecardsConfirmed", true, "reviewNote", "属实"));
    assertThat(march).isWaitingAt("Task_ReviewRetraining");
    List<Task> retraining = tasks.createTaskQuery().processInstanceId(march.getId())
        .taskDefinitionKey("Task_ReviewRetraining").list();
    assertThat(retraining).hasSize(1);
    assertThat(retraining.get(0)).hasCandidateGroup("supervisor").hasCandidateGroup("quality");
    assertThat(tasks.getVariable(retraining.get(0).getId(), "staffId")).isEqualTo("cleaner1");
    tasks.complete(retraining.get(0).getId(), Map.of("retrainingDecision", "RETRAIN", "retrainingNote", "参加下月保洁规范复训"));
    assertThat(march).isEnded().hasPassed("Task_ReviewRetraining", "EndEvent_ScorecardsFrozen");

    // the teams' February: the cleaning group carries cleaner1's points and failure
    var cleaning = teams.month(FEBRUARY, monthly.kept(FEBRUARY).orElseThrow(), TeamScorecards.By.GROUP).stream()
        .filter(t -> t.teamId().equals("cleaning")).findFirst().orElseThrow();
    assertThat(cleaning.points()).isEqualTo(-25);
    assertThat(cleaning.failed()).isEqualTo(1);
    assertThat(cleaning.onTimeRate()).isEqualTo(1.0);

    // the first quarter, once January is confirmed too (nothing was scored in it): February's and March's composites
    monthly.compute(YearMonth.of(2029, 1));
    monthly.freeze(YearMonth.of(2029, 1), "quality1");
    var months = new java.util.LinkedHashMap<YearMonth, List<Scorecards.Scorecard>>();
    for (int m = 1; m <= 3; m++) {
      months.put(YearMonth.of(2029, m), monthly.kept(YearMonth.of(2029, m)).orElseThrow());
    }
    var quarter = teams.quarter(2029, 1, months).stream().filter(q -> q.staffId().equals("cleaner1")).findFirst()
        .orElseThrow();
    assertThat(quarter.quarter()).isEqualTo("2029-Q1");
    assertThat(quarter.monthlyComposites()).hasSize(3).first().isNull();
    // February 64.0909; March 59.0909 (the late complaint of February counted in March: 30 points)
    assertThat(quarter.monthlyComposites().get(2)).isEqualTo(59.0909);
    assertThat(quarter.averageComposite()).isEqualTo(61.5909);
    assertThat(quarter.monthsPassed()).isZero();
    assertThat(quarter.passed()).isFalse();
  }

  /** Started by its timer (no month given): the month just ended, also when the JVM's zone fires it late on the 31st. */
  @Test
  void theTimerScoresTheMonthJustEnded() {
    for (String firedAt : List.of("2029-05-01T01:00+08:00", "2029-04-30T23:00+08:00", "2029-05-01T14:00+08:00")) {
      ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(firedAt).toInstant()));
      ProcessInstance pi = runtime.startProcessInstanceByKey("monthly-scorecards");
      assertThat(pi).as(firedAt).variables().containsEntry(ScorecardSteps.VAR_SCORED_MONTH, "2029-04");
      runtime.deleteProcessInstance(pi.getId(), "test over");
    }
  }

  /** 01:00 on the 1st in guanjia.time-zone (Asia/Shanghai), whatever zone the JVM runs in. */
  @Test
  void theFirstOfEachMonthAtOneInThePropertysZoneStartsIt() {
    var timer = management.createJobQuery().processDefinitionKey("monthly-scorecards").timers().singleResult();
    assertThat(timer).isNotNull();
    var due = timer.getDuedate().toInstant().atZone(java.time.ZoneId.of("Asia/Shanghai"));
    assertThat(due.getDayOfMonth()).isEqualTo(1);
    assertThat(due.getHour()).isEqualTo(1);
    assertThat(due.getMinute()).isZero();

    assertThat(schedule.cron(java.time.ZoneId.of("UTC"))).isEqualTo("0 0 17 L * ?");
    assertThat(schedule.cron(java.time.ZoneId.of("Asia/Shanghai"))).isEqualTo("0 0 1 1 * ?");
    assertThat(schedule.cron(java.time.ZoneId.of("Asia/Tokyo"))).isEqualTo("0 0 2 1 * ?");
    assertThat(schedule.cron(java.time.ZoneId.of("Asia/Kolkata"))).isEqualTo("0 30 22 L * ?");
  }
}
