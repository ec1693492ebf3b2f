package com.guanjia.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.GuanjiaTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** processes/ and forms/ are deployed as they are, and an unchanged model gets no new version. */
@GuanjiaTest
class ModelDeploymentTest {
  @Autowired ProcessEngine engine;
  @Autowired ModelDeployment deployment;

  @Test
  void everyModelIsDeployedWithTheFormsItUses() {
    var repository = engine.getRepositoryService();
    var serviceRequest = repository.createProcessDefinitionQuery().processDefinitionKey("service-request")
        .latestVersion().singleResult();
    assertThat(repository.getDeploymentResourceNames(serviceRequest.getDeploymentId()))
        .containsExactlyInAnyOrder("processes/service-request.bpmn", "forms/register-request.form",
            "forms/confirm-with-resident.form", "forms/reopened-case.form");
    // each handling path ships with the forms of its own steps
    var onSite = repository.createProcessDefinitionQuery().processDefinitionKey("handle-on-site").latestVersion()
        .singleResult();
    assertThat(repository.getDeploymentResourceNames(onSite.getDeploymentId())).containsExactlyInAnyOrder(
        "processes/handle-on-site.bpmn", "forms/arrive-on-site.form", "forms/propose-plan.form",
        "forms/perform-work.form", "forms/resume-work.form");
    for (String path : ProcessContract.PATH_PROCESSES) {
      assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(path).count()).as(path).isPositive();
    }
    assertThat(repository.getDeploymentResourceNames(repository.createProcessDefinitionQuery()
        .processDefinitionKey("request-escalation").latestVersion().singleResult().getDeploymentId()))
        .containsExactlyInAnyOrder("processes/request-escalation.bpmn", "forms/review-escalation.form");
    assertThat(repository.getDeploymentResourceNames(repository.createProcessDefinitionQuery()
        .processDefinitionKey("callback-visits").latestVersion().singleResult().getDeploymentId()))
        .containsExactlyInAnyOrder("processes/callback-visits.bpmn", "forms/callback-visit.form",
            "forms/service-recovery.form");
    assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("request-triage").count()).isOne();
    assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("callback-tier").count()).isOne();
    for (String decision : new String[] {"notice-quiet-hours", "escalation-start-level", "scoring-points"}) {
      assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey(decision).count()).as(decision).isOne();
    }
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("ownership-transfer").count()).isOne();
  }

  @Test
  void deployingUnchangedModelsAgainCreatesNoNewVersion() {
    var repository = engine.getRepositoryService();
    long deployments = repository.createDeploymentQuery().count();
    long processes = repository.createProcessDefinitionQuery().count();
    long decisions = repository.createDecisionDefinitionQuery().count();

    deployment.postProcessEngineBuild(engine);

    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(repository.createProcessDefinitionQuery().count()).isEqualTo(processes);
    assertThat(repository.createDecisionDefinitionQuery().count()).isEqualTo(decisions);
  }
}
