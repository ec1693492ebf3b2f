package com.guanjia.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A supervisor deploys from Modeler: a model that would break the running system is refused, naming why. */
@GuanjiaTest
class ModelGuardTest {
  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl configuration;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port);
  }

  /** A small model a supervisor might draw; {@code %s} is what goes inside the process. */
  private static String model(String processAttributes, String body) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Guard"
            targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="guard-probe" name="部署检查" isExecutable="true" %s>
            <bpmn:startEvent id="StartEvent_Probe" name="开始" />
            %s
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(processAttributes, body);
  }

  private static final String TTL = "camunda:historyTimeToLive=\"P1825D\"";

  private Api.Response deploy(String fileName, String bpmn) {
    return api.postMultipart("supervisor1", "/engine-rest/deployment/create",
        Map.of("deployment-name", "guard-probe", "deployment-source", "Camunda Modeler"), fileName,
        bpmn.getBytes(StandardCharsets.UTF_8));
  }

  private void assertRefused(String fileName, String bpmn, String... phrases) {
    long before = repository.createDeploymentQuery().count();
    var response = deploy(fileName, bpmn);
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().get("type").asText()).isEqualTo("ParseException");
    assertThat(response.body()).contains(phrases);
    assertThat(repository.createDeploymentQuery().count()).as("nothing deployed").isEqualTo(before);
  }

  @Test
  void aSoundModelDeploys() {
    var response = deploy("guard-probe.bpmn", model(TTL, """
        <bpmn:userTask id="Task_Probe" name="核对" camunda:candidateGroups="supervisor" />
        <bpmn:serviceTask id="Task_Notify" name="告知业主" camunda:delegateExpression="${notifyResidentDelegate}" />
        """));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().get("deployedProcessDefinitions").size()).isEqualTo(1);
  }

  @Test
  void aProcessWithoutHistoryTimeToLiveIsRefused() {
    assertRefused("guard-probe.bpmn", model("", ""), "guard-probe（部署检查）", "historyTimeToLive");
  }

  @Test
  void anUnknownDelegateIsRefusedNamingTheElement() {
    assertRefused("guard-probe.bpmn", model(TTL, """
        <bpmn:serviceTask id="Task_Notify" name="告知业主" camunda:delegateExpression="${notifyResidentDelegat}" />
        <bpmn:userTask id="Task_Probe" name="核对" camunda:candidateGroups="supervisor">
          <bpmn:extensionElements>
            <camunda:taskListener delegateExpression="${noSuchListener}" event="create" />
          </bpmn:extensionElements>
        </bpmn:userTask>
        """), "Task_Notify（告知业主）", "${notifyResidentDelegat}", "Task_Probe（核对）", "${noSuchListener}");
  }

  @Test
  void aJavaClassInTheModelIsRefused() {
    assertRefused("guard-probe.bpmn", model(TTL, """
        <bpmn:serviceTask id="Task_Script" name="执行代码" camunda:class="java.lang.Object" />
        """), "Task_Script（执行代码）", "java.lang.Object");
  }

  @Test
  void aUserTaskWithoutCandidateGroupIsRefused() {
    assertRefused("guard-probe.bpmn", model(TTL, """
        <bpmn:userTask id="Task_Lonely" name="无人可见" camunda:assignee="${firstResponder}" />
        """), "Task_Lonely（无人可见）", "候选组");
  }

  @Test
  void aFormThatIsNotDeployedIsRefused() {
    assertRefused("guard-probe.bpmn", model(TTL, """
        <bpmn:userTask id="Task_Form" name="填表" camunda:candidateGroups="supervisor"
            camunda:formRef="no-such-form" camunda:formRefBinding="deployment" />
        <bpmn:userTask id="Task_Latest" name="填表二" camunda:candidateGroups="supervisor"
            camunda:formRef="no-such-form-either" camunda:formRefBinding="latest" />
        """), "Task_Form（填表）", "no-such-form", "Task_Latest（填表二）", "no-such-form-either");
  }

  @Test
  void aFormDeployedBeforeMayBeBoundByLatest() {
    var response = deploy("guard-probe.bpmn", model(TTL, """
        <bpmn:userTask id="Task_Form" name="填表" camunda:candidateGroups="supervisor"
            camunda:formRef="review-escalation" camunda:formRefBinding="latest" />
        """));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }

  @Test
  void anUnknownCalledProcessOrDecisionIsRefused() {
    assertRefused("guard-probe.bpmn", model(TTL, """
        <bpmn:callActivity id="Activity_Call" name="调用子流程" calledElement="no-such-process" />
        <bpmn:businessRuleTask id="Task_Decide" name="决策" camunda:decisionRef="no-such-decision" />
        <bpmn:callActivity id="Activity_CallKnown" name="回访" calledElement="callback-visits" />
        """), "Activity_Call（调用子流程）", "no-such-process", "Task_Decide（决策）", "no-such-decision");
  }

  @Test
  void aContractProcessRenamedInItsFileIsRefused() throws IOException {
    String serviceRequest;
    try (InputStream in = getClass().getResourceAsStream("/processes/service-request.bpmn")) {
      serviceRequest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String renamed = serviceRequest.replace("<bpmn:process id=\"service-request\"",
        "<bpmn:process id=\"service-request-v2\"");
    assertThat(renamed).isNotEqualTo(serviceRequest);
    assertRefused("service-request.bpmn", renamed, "service-request.bpmn", "必须定义流程 service-request");
  }

  @Test
  void aNodeReadingADeployedModelIntoItsCacheIsNotRefused() {
    // another node (or this one after a restart) parses a deployed model again, from that model alone,
    // without the forms deployed beside it: that is no deployment, and the guard leaves it alone
    configuration.getDeploymentCache().discardProcessDefinitionCache();
    String id = repository.createProcessDefinitionQuery().processDefinitionKey(ProcessContract.PROCESS_SERVICE_REQUEST)
        .latestVersion().singleResult().getId();
    assertThat(repository.getProcessDefinition(id).getKey()).isEqualTo(ProcessContract.PROCESS_SERVICE_REQUEST);
    configuration.getDeploymentCache().discardProcessDefinitionCache();
    var registered = api.post("frontdesk", "/api/requests", Api.request("REPAIR", "DRAIN", "PHONE", "缓存重建后登记", "R-0001"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
  }

  @Test
  void theShippedModelsPassTheGuard() {
    // they were deployed at start-up through the same parse; every contract process has a definition
    for (String key : ModelGuard.CONTRACT_PROCESSES) {
      assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().count())
          .as(key).isEqualTo(1);
    }
  }
}
