package com.guanjia.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.guanjia.callback.CallbackFacts;
import com.guanjia.notification.Outbox;
import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A repair registered over REST is taken to its end in Tasklist by the demo users, through the
 * forms, in a real browser. Screenshots: {@code target/screenshots/}.
 */
@GuanjiaTest
class TasklistWalkthroughIT {
  @LocalServerPort int port;
  @Autowired Outbox outbox;
  @Autowired com.guanjia.notification.OutboxDispatcher dispatcher;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService tasks;
  @Autowired CallbackFacts facts;
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Test
  void aRepairIsTakenFromIntakeToClosureInTasklist() {
    assumeTrue(Tasklist.available(), "Debian's chromium and chromium-driver are installed by .ci/run");
    Api api = new Api(port);
    String requestNo = api.post("frontdesk", "/api/requests",
            Api.request("REPAIR", "DRAIN", "PHONE", "厨房地漏堵塞，污水倒灌", "R-0001"))
        .json().get("requestNo").asText();

    Tasklist.use(port, "repair", tasklist -> walk(tasklist, requestNo));

    var closed = api.get("supervisor1", "/api/requests/" + requestNo).json();
    assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
    assertThat(closed.get("eta").asText())
        .isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1) + "T10:30:00+08:00");
    assertThat(outbox.forRequest(requestNo)).filteredOn(m -> "RESIDENT".equals(m.audience()))
        .extracting(Outbox.Message::event).containsExactly("RECEIVED", "STAFF_ON_THE_WAY", "ETA_PROMISED", "COMPLETED");
    // tech1 took the work himself (no message); the result came back to frontdesk to confirm
    assertThat(outbox.forRequest(requestNo)).filteredOn(m -> "STAFF".equals(m.audience()))
        .extracting(m -> m.staffUserId() + "|" + m.event()).containsExactly("frontdesk|NEW_TASK");
  }

  @Test
  void aTechnicianWaitsOnTheResidentAndMovesTheEtaInTasklist() {
    assumeTrue(Tasklist.available(), "Debian's chromium and chromium-driver are installed by .ci/run");
    Api api = new Api(port);
    String requestNo = api.post("frontdesk", "/api/requests",
            Api.request("REPAIR", "WATER_ELECTRIC", "PHONE", "卫生间水龙头关不紧，一直滴水", "R-0002"))
        .json().get("requestNo").asText();
    LocalDate tomorrow = LocalDate.now(SHANGHAI).plusDays(1);

    Tasklist.use(port, "eta", tasklist -> {
      tasklist.login("tech1");
      tasklist.open("可认领的任务", "到达现场", requestNo);
      tasklist.claimIfOffered();
      tasklist.check("Field_ArrivedOnSite");
      tasklist.type("Field_PreviousStepRating", "4");
      tasklist.complete();
      tasklist.open("我的任务", "制定初步方案");
      tasklist.type("Field_Plan", "更换水龙头阀芯");
      tasklist.dateTime("Field_Eta", tomorrow, "16:00");
      tasklist.complete();

      tasklist.open("我的任务", "完成处理");
      tasklist.choose("等待业主");
      tasklist.type("Field_WaitReason", "阀芯型号特殊，业主自行购买，到货后通知我们");
      tasklist.screenshot("11-tech1-wait-for-resident");
      tasklist.complete();

      tasklist.open("我的任务", "等待业主（计时暂停）");
      assertThat(tasklist.contextText()).contains(requestNo).contains("业主自行购买");
      tasklist.type("Field_ResumeNote", "业主已买到阀芯，约好今天上门");
      tasklist.screenshot("12-tech1-resume-work");
      tasklist.complete();

      tasklist.open("我的任务", "完成处理");
      tasklist.choose("变更预计完成时间");
      tasklist.dateTime("Field_NewEta", tomorrow.plusDays(1), "11:00");
      tasklist.type("Field_EtaChangeReason", "业主买到的阀芯尺寸不符，需重新订货");
      tasklist.type("Field_Remedy", "免收本次上门费");
      tasklist.screenshot("13-tech1-change-eta");
      tasklist.complete();
      tasklist.open("我的任务", "完成处理"); // the work goes on, with the new promise
    });

    var waiting = api.get("supervisor1", "/api/requests/" + requestNo).json();
    assertThat(waiting.get("eta").asText()).isEqualTo(tomorrow.plusDays(1) + "T11:00:00+08:00");
    assertThat(jdbc.queryForObject("select count(*) from sla_pause where request_no = ? and resumed_at is not null",
        Integer.class, requestNo)).isEqualTo(1);
    assertThat(outbox.forRequest(requestNo)).filteredOn(m -> m.event().equals("ETA_CHANGED"))
        // the wait lasted seconds: the promise did not move for it, only for the change
        .extracting(Outbox.Message::text).singleElement()
        .satisfies(text -> assertThat(text).contains("阀芯尺寸不符").contains("免收本次上门费").contains("11:00"));
  }

  @Test
  void aSupervisorActsOnAnEscalationInTasklist() {
    assumeTrue(Tasklist.available(), "Debian's chromium and chromium-driver are installed by .ci/run");
    Api api = new Api(port);
    String requestNo = api.post("frontdesk", "/api/requests",
            Api.request("COMPLAINT", "CLEANING", "PHONE", "楼道垃圾三天没人清理，气味很大", "R-0003"))
        .json().get("requestNo").asText();
    String caseId = runtime.createProcessInstanceQuery().processDefinitionKey("service-request")
        .processInstanceBusinessKey(requestNo).singleResult().getId();
    // nobody took the complaint on in time: the response target has just passed
    Job responseTimer = management.createJobQuery().processInstanceId(caseId)
        .activityId("BoundaryEvent_ResponseTargetMissed").singleResult();
    management.setJobDuedate(responseTimer.getId(), Date.from(Instant.now().minus(Duration.ofMinutes(3))));
    management.executeJob(responseTimer.getId());

    Tasklist.use(port, "escalation", tasklist -> {
      tasklist.login("supervisor1");
      tasklist.open("可认领的任务", "一级督办：主管处理超时");
      assertThat(tasklist.contextText()).contains(requestNo).contains("响应时限已过").contains("楼道垃圾");
      tasklist.claimIfOffered();
      tasklist.type("Field_EscalationAction", "已电话督促保洁班组长，30 分钟内到场清理并向业主致歉");
      tasklist.screenshot("14-supervisor1-review-escalation");
      tasklist.complete();
    });

    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(requestNo)
        .processDefinitionKey("request-escalation").finished().singleResult().getEndActivityId())
        .isEqualTo("EndEvent_HandledBySupervisor");
    assertThat(outbox.forRequest(requestNo)).filteredOn(m -> m.audience().equals("STAFF"))
        .extracting(Outbox.Message::text)
        .anySatisfy(text -> assertThat(text).contains("一级").contains(requestNo))
        .anySatisfy(text -> assertThat(text).contains("30 分钟内到场清理"));
    assertThat(jdbc.queryForObject("select count(*) from sla_violation where request_no = ? and target = 'RESPONSE'",
        Integer.class, requestNo)).isEqualTo(1);
  }

  @Test
  void frontdeskMakesACallbackVisitInTasklist() {
    assumeTrue(Tasklist.available(), "Debian's chromium and chromium-driver are installed by .ci/run");
    Api api = new Api(port);
    var plan = answeredInquiry(api, "访客车辆可以停多久？", "访客车辆可免费停 2 小时，超时按临停收费");
    String requestNo = plan.getBusinessKey();
    Job due = management.createJobQuery().processInstanceId(plan.getId()).timers().singleResult();
    ClockUtil.setCurrentTime(due.getDuedate()); // the calling hours of the day it was answered
    management.executeJob(due.getId());

    try {
      Tasklist.use(port, "callback", tasklist -> {
        tasklist.login("frontdesk");
        tasklist.open("可认领的任务", "电话回访业主", requestNo);
        assertThat(tasklist.contextText()).contains(requestNo).contains("访客车辆可免费停 2 小时")
            .doesNotContain("维修/处理人");
        // the agent dials from the case card: the resident's name and phone in full, never in the process
        assertThat(tasklist.openCaseCard("15a-frontdesk-case-card")).contains(requestNo, "刘芳", "13698761234",
            "访客车辆可以停多久？", "回访待办", "电话回访业主");
        tasklist.claimIfOffered();
        tasklist.check("Field_Reached");
        tasklist.choose("感到满意");
        tasklist.type("Field_PreviousStepRating", "5");
        tasklist.type("Field_Comment", "业主表示答复清楚，已按说明安排访客停车");
        tasklist.screenshot("15-frontdesk-callback-visit");
        tasklist.complete();
      });
    } finally {
      ClockUtil.reset();
    }

    assertThat(facts.visits(requestNo)).singleElement().satisfies(visit -> {
      assertThat(visit.outcome()).isEqualTo("REACHED");
      assertThat(visit.satisfaction()).isEqualTo("SATISFIED");
      assertThat(visit.calledBy()).isEqualTo("frontdesk");
    });
    assertThat(management.createJobQuery().processInstanceId(plan.getId()).timers().count())
        .as("the next day's callback is planned").isOne();
  }

  @Test
  void aRecurringProblemGoesBackToItsOwnerAndAnUnhappyResidentToTheSupervisor() {
    assumeTrue(Tasklist.available(), "Debian's chromium and chromium-driver are installed by .ci/run");
    Api api = new Api(port);
    var plan = answeredInquiry(api, "地库 B2 车位被长期占用怎么办？", "已联系占位车主挪车，并在车位加装地锁");
    String requestNo = plan.getBusinessKey();
    Job due = management.createJobQuery().processInstanceId(plan.getId()).timers().singleResult();
    ClockUtil.setCurrentTime(due.getDuedate());
    management.executeJob(due.getId());

    try {
      Tasklist.use(port, "reopen", tasklist -> {
        tasklist.login("frontdesk");
        tasklist.open("可认领的任务", "电话回访业主", requestNo);
        tasklist.claimIfOffered();
        tasklist.check("Field_Reached");
        tasklist.choose("不满意");
        tasklist.check("Field_ProblemRecurred");
        tasklist.type("Field_PreviousStepRating", "2");
        tasklist.type("Field_Comment", "地锁被撬开，车位又被占了");
        tasklist.screenshot("16-frontdesk-callback-problem-recurred");
        tasklist.complete();

        // the owner gets the case back, with what the resident said
        tasklist.open("我的任务", "问题复发：重新处理", requestNo);
        assertThat(tasklist.contextText()).contains(requestNo, "第 1 次重开", "地锁被撬开，车位又被占了");
        assertThat(tasklist.openCaseCard("17-frontdesk-reopened-case-card")).contains("处理中", "重点事项", "不满意");
        tasklist.type("Field_TakeBackNote", "联系保安加强巡查，更换加固地锁");
        tasklist.screenshot("17-frontdesk-reopened-case");
        tasklist.complete();

        // the supervisor makes up for the dissatisfaction
        tasklist.login("supervisor1");
        tasklist.open("可认领的任务", "服务补救", requestNo);
        assertThat(tasklist.contextText()).contains(requestNo, "不满意", "地锁被撬开，车位又被占了");
        tasklist.claimIfOffered();
        tasklist.type("Field_RecoveryAction", "主管上门致歉，赠送一个月停车费");
        tasklist.screenshot("18-supervisor1-service-recovery");
        tasklist.complete();
      });
    } finally {
      ClockUtil.reset();
    }

    var kase = api.get("supervisor1", "/api/requests/" + requestNo).json();
    assertThat(kase.get("status").asText()).isEqualTo("OPEN");
    assertThat(kase.get("keyItem").asBoolean()).isTrue();
    assertThat(kase.get("openTasks")).extracting(t -> t.get("name").asText()).containsExactly("答复业主咨询");
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(plan.getId())
        .taskDefinitionKey("Task_ServiceRecovery").finished().singleResult().getAssignee()).isEqualTo("supervisor1");
  }

  @Test
  void aResidentWhoCouldNotBeReachedAnswersTheSurveyInTheBrowser() {
    assumeTrue(Tasklist.available(), "Debian's chromium and chromium-driver are installed by .ci/run");
    Api api = new Api(port);
    var plan = answeredInquiry(api, "月卡续费在哪里办理？", "可在物业 App 或服务中心续费");
    String requestNo = plan.getBusinessKey();
    try {
      for (int call = 0; call < 3; call++) {
        Job due = management.createJobQuery().processInstanceId(plan.getId()).timers().singleResult();
        ClockUtil.setCurrentTime(due.getDuedate());
        management.executeJob(due.getId());
        Task task = tasks.createTaskQuery().processInstanceId(plan.getId()).singleResult();
        tasks.claim(task.getId(), "frontdesk");
        tasks.complete(task.getId(), Map.of("reached", false, "comment", "无人接听"));
      }
    } finally {
      ClockUtil.reset();
    }
    String text = outbox.forRequest(requestNo).stream().filter(m -> m.event().equals("CALLBACK_SURVEY"))
        .findFirst().orElseThrow().text();
    String link = text.replaceAll("(?s).*(http://localhost:8080/survey/[A-Za-z0-9_-]+).*", "$1")
        .replace("localhost:8080", "localhost:" + port);

    Tasklist.use(port, "survey", tasklist -> {
      var page = tasklist.page(link);
      assertThat(tasklist.await(org.openqa.selenium.By.tagName("h1")).getText()).isEqualTo("服务满意度调查");
      page.findElement(org.openqa.selenium.By.xpath("//label[contains(.,'不满意')]")).click();
      page.findElement(org.openqa.selenium.By.name("comment")).sendKeys("续费窗口总是没人");
      tasklist.screenshot("19-resident-survey");
      page.findElement(org.openqa.selenium.By.cssSelector("button[type='submit']")).click();
      assertThat(tasklist.await(org.openqa.selenium.By.id("thanks")).getText()).contains("感谢您的评价", "主管会尽快与您联系");
      tasklist.screenshot("20-resident-survey-thanks");

      tasklist.login("supervisor1");
      tasklist.open("可认领的任务", "服务补救", requestNo);
      assertThat(tasklist.contextText()).contains(requestNo, "续费窗口总是没人");
    });
  }

  @Test
  void frontdeskReadsWhatAResidentWasToldAndASupervisorItsEscalations() {
    assumeTrue(Tasklist.available(), "Debian's chromium and chromium-driver are installed by .ci/run");
    Api api = new Api(port);
    String requestNo = api.post("frontdesk", "/api/requests",
            Api.request("COMPLAINT", "NOISE", "PHONE", "楼上装修晚上十点还在电钻", "R-0003"))
        .json().get("requestNo").asText();
    String caseId = runtime.createProcessInstanceQuery().processDefinitionKey("service-request")
        .processInstanceBusinessKey(requestNo).singleResult().getId();
    Job responseTimer = management.createJobQuery().processInstanceId(caseId)
        .activityId("BoundaryEvent_ResponseTargetMissed").singleResult();
    management.setJobDuedate(responseTimer.getId(), Date.from(Instant.now().minus(Duration.ofMinutes(1))));
    management.executeJob(responseTimer.getId());
    deliverMessages(requestNo);

    Tasklist.use(port, "messages", tasklist -> {
      tasklist.login("frontdesk");
      var page = tasklist.page("http://localhost:" + port + "/cases/" + requestNo);
      tasklist.await(org.openqa.selenium.By.id("residentMessages")).click();
      String messages = tasklist.await(org.openqa.selenium.By.id("entries")).getText();
      assertThat(messages).contains(requestNo, "受理通知", "您好，张先生！您的投诉已受理");
      tasklist.screenshot("21-frontdesk-resident-messages");

      tasklist.login("supervisor1");
      tasklist.page("http://localhost:" + port + "/staff/messages");
      assertThat(tasklist.await(org.openqa.selenium.By.id("entries")).getText())
          .contains(requestNo, "督办任务", "已升级至一级（主管）督办", "一级督办：主管处理超时");
      tasklist.screenshot("22-supervisor1-staff-messages");
      assertThat(page.getCurrentUrl()).endsWith("/staff/messages");
    });
  }

  /**
   * R-0004 (a VIP: her inquiry is a KEY item, called back the day it is answered) asks frontdesk
   * something over the API, the answer closes the case; returns its callback plan.
   */
  private org.camunda.bpm.engine.runtime.ProcessInstance answeredInquiry(Api api, String question, String answer) {
    String requestNo = api.post("frontdesk", "/api/requests", Api.request("INQUIRY", "PARKING", "PHONE", question,
        "R-0004")).json().get("requestNo").asText();
    String caseId = runtime.createProcessInstanceQuery().processDefinitionKey("service-request")
        .processInstanceBusinessKey(requestNo).singleResult().getId();
    // the answer is a step of the inquiry path the case called
    tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(requestNo).singleResult().getId(),
        Map.of("resolution", answer));
    com.guanjia.test.Cases.continueAfterSavePoints(management, caseId);
    return runtime.createProcessInstanceQuery().processDefinitionKey("callback-visits")
        .processInstanceBusinessKey(requestNo).singleResult();
  }

  /** Sends what is due (the receipt, messages to staff), as the outbox dispatcher would. */
  private void deliverMessages(String requestNo) {
    dispatcher.deliverDue();
    assertThat(outbox.forRequest(requestNo)).filteredOn(m -> m.urgent()).allMatch(m -> "SENT".equals(m.status()));
  }

  private static void walk(Tasklist tasklist, String requestNo) {
    tasklist.login("tech1");
    tasklist.open("可认领的任务", "到达现场", requestNo);
    assertThat(tasklist.contextText()).contains(requestNo).contains("厨房地漏堵塞");
    tasklist.claimIfOffered();
    tasklist.check("Field_ArrivedOnSite");
    tasklist.type("Field_PreviousStepRating", "4");
    tasklist.screenshot("01-tech1-arrive-on-site");
    tasklist.complete();

    tasklist.open("我的任务", "制定初步方案");
    tasklist.claimIfOffered();
    tasklist.type("Field_Plan", "更换地漏芯并疏通下水管");
    tasklist.dateTime("Field_Eta", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1), "10:30");
    tasklist.screenshot("02-tech1-propose-plan");
    tasklist.complete();

    tasklist.open("我的任务", "完成处理");
    tasklist.claimIfOffered();
    tasklist.check("Field_Resolved");
    tasklist.type("Field_Resolution", "已更换地漏芯，下水通畅");
    tasklist.screenshot("03-tech1-perform-work");
    tasklist.complete();

    tasklist.login("frontdesk");
    tasklist.open("我的任务", "与业主确认结果");
    assertThat(tasklist.contextText()).contains("已更换地漏芯");
    tasklist.check("Field_ResidentConfirmed");
    tasklist.type("Field_PreviousStepRating", "5");
    tasklist.screenshot("04-frontdesk-confirm-with-resident");
    tasklist.complete();
  }
}
