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
  void aScriptOfAnyKindIsRefusedNamingTheElement() {
    assertRefused("guard-probe.bpmn", model(TTL, """
        <bpmn:scriptTask id="Task_RunScript" name="运行脚本" scriptFormat="javascript">
          <bpmn:script>java.lang.System.exit(1)</bpmn:script>
        </bpmn:scriptTask>
        <bpmn:userTask id="Task_Probe" name="核对" camunda:candidateGroups="supervisor">
          <bpmn:extensionElements>
            <camunda:taskListener event="create">
              <camunda:script scriptFormat="groovy">task.setAssignee('me')</camunda:script>
            </camunda:taskListener>
            <camunda:inputOutput>
              <camunda:inputParameter name="x">
                <camunda:script scriptFormat="juel">${1}</camunda:script>
              </camunda:inputParameter>
            </camunda:inputOutput>
          </bpmn:extensionElements>
        </bpmn:userTask>
        <bpmn:exclusiveGateway id="Gateway_Check" name="通过？" />
        <bpmn:endEvent id="EndEvent_Done" name="完成" />
        <bpmn:sequenceFlow id="SequenceFlow_Scripted" sourceRef="Gateway_Check" targetRef="EndEvent_Done">
          <bpmn:conditionExpression language="python">True</bpmn:conditionExpression>
        </bpmn:sequenceFlow>
        """), "Task_RunScript（运行脚本）", "javascript", "Task_Probe（核对）", "groovy", "juel",
        "SequenceFlow_Scripted", "python", "不能运行脚本");
  }

  /** Behind the guard: a decision naming a script language (the guard reads no DMN) runs no code. */
  @Test
  void theEngineHasNoScriptEngine() {
    for (String language : new String[] {"javascript", "groovy", "juel", "python"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> configuration.getCommandExecutorTxRequired().execute(
              context -> configuration.getScriptingEngines().getScriptEngineForLanguage(language))).as(language)
          .hasMessageContaining("scriptEngine");
    }
    String dmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn"
            id="Definitions_ScriptProbe" name="脚本探测" namespace="http://camunda.org/schema/1.0/dmn">
          <decision id="script-probe" name="脚本探测" camunda:historyTimeToLive="P1D">
            <decisionTable id="DecisionTable_ScriptProbe" hitPolicy="FIRST">
              <input id="Input_Any" label="任意">
                <inputExpression id="InputExpression_Any" typeRef="string" expressionLanguage="javascript">
                  <text>java.lang.System.getProperty('user.home')</text>
                </inputExpression>
              </input>
              <output id="Output_Result" name="result" typeRef="string" />
              <rule id="Rule_Any">
                <inputEntry id="InputEntry_Any"><text></text></inputEntry>
                <outputEntry id="OutputEntry_Any"><text>"ran"</text></outputEntry>
              </rule>
            </decisionTable>
          </decision>
        </definitions>
        """;
    var deployment = repository.createDeployment().name("script-probe")
        .addString("script-probe.dmn", dmn).deploy();
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> configuration.getDecisionService()
          .evaluateDecisionTableByKey("script-probe", Map.of()))
          .hasStackTraceContaining("javascript");
    } finally {
      repository.deleteDeployment(deployment.getId(), true);
    }
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
