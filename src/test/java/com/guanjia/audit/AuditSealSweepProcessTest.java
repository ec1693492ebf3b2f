package com.guanjia.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.guanjia.test.Cases;
import com.guanjia.test.GuanjiaTest;
import com.guanjia.test.ProcessCoverage;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Drives {@code audit-seal-sweep} (审计封存补漏): a case whose seal did not happen when it closed (the seal after
 * the commit failed, or the server stopped first) is sealed by the next hourly sweep, and verify then finds its
 * trail intact; a sweep with nothing to seal seals nothing.
 */
@GuanjiaTest
@ProcessCoverage
// an engine of its own (the shared context keeps "default" for the REST API); the case models are passed through
@TestPropertySource(properties = {"camunda.bpm.process-engine-name=auditSealSweepTests",
    "guanjia.test.coverage-excludes=service-request,handle-on-site,request-escalation,ownership-transfer,"
        + "callback-visits,message-delivery,handle-escort,handle-inquiry,handle-feedback,handle-attitude-complaint,"
        + "handle-construction-defect,duty-handover,monthly-scorecards"})
class AuditSealSweepProcessTest {
  private static final OffsetDateTime OCTOBER_5 = OffsetDateTime.of(2032, 10, 5, 9, 0, 0, 0, ZoneOffset.ofHours(8));

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  @Autowired AuditSeals seals;

  @BeforeEach
  void bindAssertions() {
    AbstractAssertions.init(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private static void clockAt(OffsetDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }

  /** The hourly timer fires and its step runs, as the job executor would; answers the sweep's instance. */
  private ProcessInstance hourlySweep() {
    var timer = management.createJobQuery().processDefinitionKey("audit-seal-sweep").timers().singleResult();
    assertThat(timer).as("the hourly timer is set").isNotNull();
    management.executeJob(timer.getId());
    ProcessInstance sweep = runtime.createProcessInstanceQuery().processDefinitionKey("audit-seal-sweep")
        .singleResult();
    assertThat(sweep).isWaitingAt("Task_SealMissedCases");
    var step = management.createJobQuery().processInstanceId(sweep.getId()).singleResult();
    assertThat(step.getRetries()).isEqualTo(3); // R3/PT10M: retried, then an incident in Cockpit
    management.executeJob(step.getId());
    return sweep;
  }

  private int sealRows(String requestNo) {
    return jdbc.sql("select count(*) from audit_seal where request_no = ?").param(requestNo).query(Integer.class)
        .single();
  }

  @Test
  void aCloseWhoseSealFailedIsSealedByTheNextSweep() {
    clockAt(OCTOBER_5);
    var cases = new Cases(runtime, tasks, jdbc, management);
    ProcessInstance kase = cases.start("GJ-20321005-0001", "REPAIR", "WATER_ELECTRIC", "PHONE", "R-0001",
        "楼道灯不亮");
    cases.repairToClose(kase, OCTOBER_5, 10, 20, 60, 70, "更换灯管", "已换好");
    int sealed = sealRows("GJ-20321005-0001");
    assertThat(sealed).as("sealed as it closed").isPositive();
    // the seal after the close did not happen
    jdbc.sql("delete from audit_seal where request_no = ?").param("GJ-20321005-0001").update();
    assertThat(seals.verify("GJ-20321005-0001")).isEmpty();

    // five minutes after the close the sweep leaves it (its own seal may still be under way)
    clockAt(OCTOBER_5.plusMinutes(75));
    assertThat(seals.sealMissed()).isEmpty();

    clockAt(OCTOBER_5.plusMinutes(81));
    ProcessInstance sweep = hourlySweep();
    assertThat(sweep).hasPassed("Task_SealMissedCases", "EndEvent_AllSealed").isEnded();
    var history = engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(sweep.getId());
    assertThat(history.variableName("sealedCount").singleResult().getValue()).isEqualTo(1);
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(sweep.getId())
        .variableName("sealedRequests").singleResult().getValue()).isEqualTo("GJ-20321005-0001");
    assertThat(sealRows("GJ-20321005-0001")).isEqualTo(sealed);
    var verification = seals.verify("GJ-20321005-0001").orElseThrow();
    assertThat(verification.intact()).isTrue();
    assertThat(verification.changed()).isEmpty();
    assertThat(verification.missing()).isEmpty();
    // the next hour's timer is set
    assertThat(management.createJobQuery().processDefinitionKey("audit-seal-sweep").timers().count()).isOne();

    // an hour later nothing is left to seal
    clockAt(OCTOBER_5.plusMinutes(140));
    assertThat(seals.sealMissed()).isEmpty();
    runtime.deleteProcessInstance(kase.getId(), "test done", true);
  }

  @Test
  void aCaseClosedMoreThanAWeekAgoIsLeftAlone() {
    clockAt(OCTOBER_5.plusDays(1));
    var cases = new Cases(runtime, tasks, jdbc, management);
    ProcessInstance kase = cases.start("GJ-20321006-0001", "REPAIR", "WATER_ELECTRIC", "PHONE", "R-0001",
        "门禁坏了");
    cases.repairToClose(kase, OCTOBER_5.plusDays(1), 10, 20, 60, 70, "更换读卡器", "已修好");
    jdbc.sql("delete from audit_seal where request_no = ?").param("GJ-20321006-0001").update();
    clockAt(OCTOBER_5.plusDays(9));
    assertThat(seals.sealMissed()).doesNotContain("GJ-20321006-0001");
    assertThat(sealRows("GJ-20321006-0001")).isZero();
    runtime.deleteProcessInstance(kase.getId(), "test done", true);
  }
}
