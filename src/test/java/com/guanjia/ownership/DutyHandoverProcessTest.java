package com.guanjia.ownership;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Cases;
import com.guanjia.test.GuanjiaTest;
import com.guanjia.test.ProcessCoverage;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Drives {@code duty-handover} (值班交接) through both its paths: at the start of service hours the urgent cases
 * still open go to the morning shift as a task; a morning with none ends without one.
 */
@GuanjiaTest
@ProcessCoverage
// an engine of its own (the shared context keeps "default" for the REST API); the case models are passed through
@TestPropertySource(properties = {"camunda.bpm.process-engine-name=dutyHandoverTests",
    "guanjia.test.coverage-excludes=audit-seal-sweep,service-request,handle-on-site,request-escalation,ownership-transfer,"
        + "callback-visits,message-delivery,handle-escort,handle-inquiry,handle-feedback,handle-attitude-complaint,"
        + "handle-construction-defect"})
class DutyHandoverProcessTest {
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void bindAssertions() {
    AbstractAssertions.init(engine);
  }

  /** The handover timer fires (as at 08:00) and its collecting step runs, as the job executor would. */
  private ProcessInstance morningHandover() {
    var timer = management.createJobQuery().processDefinitionKey("duty-handover").timers().singleResult();
    management.executeJob(timer.getId());
    ProcessInstance handover = runtime.createProcessInstanceQuery().processDefinitionKey("duty-handover").active()
        .orderByProcessInstanceId().desc().list().get(0);
    assertThat(handover).isWaitingAt("Task_CollectOpenUrgentCases");
    management.executeJob(management.createJobQuery().processInstanceId(handover.getId()).singleResult().getId());
    return handover;
  }

  @Test
  void theUrgentCasesStillOpenGoToTheMorningShift() {
    var burst = new Cases(runtime, tasks, jdbc, management).start("GJ-20261207-0901", "REPAIR", "WATER_ELECTRIC",
        "PHONE", "R-0001", "卫生间水管爆管，水漫到客厅");
    assertThat(burst).variables().containsEntry("priority", "URGENT");

    ProcessInstance handover = morningHandover();
    assertThat(handover).isWaitingAt("Task_TakeOverUrgentCases")
        .variables().containsEntry("handoverCount", 1);
    assertThat((String) runtime.getVariable(handover.getId(), "handoverNote"))
        .contains("GJ-20261207-0901", "报修", "水电", "到达现场（待认领）", "卫生间水管爆管");
    assertThat(org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task(handover))
        .hasCandidateGroup("customer-service").hasCandidateGroup("supervisor");
    // the next morning's timer is set
    assertThat(management.createJobQuery().processDefinitionKey("duty-handover").timers().count()).isOne();

    tasks.complete(org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task(handover).getId(),
        Map.of("handoverRead", true, "handoverRemark", "已电话联系维修班"));
    assertThat(handover).hasPassed("EndEvent_HandedOver").isEnded();
    runtime.deleteProcessInstance(burst.getId(), "test done", true);
  }

  @Test
  void aMorningWithNoOpenUrgentCaseEndsWithoutATask() {
    runtime.createProcessInstanceQuery().processDefinitionKey("service-request").list()
        .forEach(c -> runtime.deleteProcessInstance(c.getId(), "a quiet night", true));
    ProcessInstance handover = morningHandover();
    assertThat(handover).hasPassed("Gateway_AnyOpen", "EndEvent_NothingToHandOver").isEnded()
        .variables().containsEntry("handoverCount", 0);
  }
}
