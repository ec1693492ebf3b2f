package com.guanjia.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.guanjia.escalation.Target;
import com.guanjia.notification.Notice;
import com.guanjia.test.GuanjiaTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The element templates Modeler offers a supervisor ({@code processes/.camunda/element-templates/}) name
 * delegates and decisions that exist, offer only inputs the delegates understand, and the shipped models
 * use them: an element with a template's delegate carries that template, with one of its choices.
 */
@GuanjiaTest
class ElementTemplatesTest {
  static final Path TEMPLATES = Path.of("processes/.camunda/element-templates");
  static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

  @Autowired ApplicationContext context;
  @Autowired RepositoryService repository;

  private static List<JsonNode> templates() throws IOException {
    List<JsonNode> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        new ObjectMapper().readTree(file.toFile()).forEach(all::add);
      }
    }
    return all;
  }

  private static JsonNode property(JsonNode template, String bindingName) {
    for (JsonNode p : template.get("properties")) {
      JsonNode binding = p.get("binding");
      if (bindingName.equals(binding.path("name").asText())) {
        return p;
      }
    }
    return null;
  }

  @Test
  void everyTemplateNamesSomethingThatExists() throws IOException {
    List<JsonNode> templates = templates();
    assertThat(templates).hasSizeGreaterThanOrEqualTo(7);
    for (JsonNode t : templates) {
      assertThat(t.get("name").asText()).as("a Chinese name").matches(".*\\p{IsHan}.*");
      assertThat(t.get("id").asText()).startsWith("guanjia.");
      assertThat(t.get("version").asInt()).isPositive();
      assertThat(t.get("appliesTo")).isNotEmpty();
      JsonNode delegate = property(t, "camunda:delegateExpression");
      JsonNode decision = property(t, "camunda:decisionRef");
      JsonNode called = property(t, "calledElement");
      assertThat(delegate != null || decision != null || called != null).as(t.get("id").asText()).isTrue();
      if (called != null && called.get("value").asText().equals("${" + ProcessContract.VAR_HANDLING_PATH + "}")) {
        // the path request-triage chose: every path it can choose is deployed
        for (String path : ProcessContract.PATH_PROCESSES) {
          assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(path).count()).as(path).isPositive();
        }
      } else if (called != null) {
        // a process called by its key (the escalation, the callback plan)
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(called.get("value").asText())
            .count()).as(called.get("value").asText()).isPositive();
      }
      if (delegate != null) {
        String bean = delegate.get("value").asText().replaceAll("^\\$\\{(.*)}$", "$1");
        assertThat(context.containsBean(bean)).as(bean).isTrue();
      }
      if (decision != null) {
        assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey(decision.get("value").asText())
            .count()).isPositive();
      }
    }
  }

  @Test
  void theChoicesAreWhatTheDelegatesUnderstand() throws IOException {
    Map<String, List<String>> known = Map.of(
        "notice", Arrays.stream(Notice.values()).map(Enum::name).toList(),
        "target", Arrays.stream(Target.values()).map(Enum::name).toList(),
        "level", List.of("1", "2", "3"),
        ProcessContract.VAR_SLA_ACTION, List.of("PAUSE", "RESUME"),
        "kind", Arrays.stream(com.guanjia.scoring.ScoreLedger.Kind.values()).map(Enum::name).toList());
    for (JsonNode t : templates()) {
      for (JsonNode p : t.get("properties")) {
        if ("Dropdown".equals(p.path("type").asText())) {
          List<String> allowed = known.get(p.get("binding").get("name").asText());
          assertThat(allowed).as(p.toString()).isNotNull();
          p.get("choices").forEach(c -> assertThat(allowed).contains(c.get("value").asText()));
          assertThat(p.get("label").asText()).matches(".*\\p{IsHan}.*");
        }
      }
    }
  }

  @Test
  void theShippedModelsUseTheTemplates() throws IOException {
    Map<String, JsonNode> byDelegate = new HashMap<>();
    for (JsonNode t : templates()) {
      JsonNode delegate = property(t, "camunda:delegateExpression");
      if (delegate != null) {
        byDelegate.put(delegate.get("value").asText(), t);
      }
    }
    int templated = 0;
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        var model = Bpmn.readModelFromFile(file.toFile());
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
          String delegate = node.getAttributeValueNs(CAMUNDA, "delegateExpression");
          JsonNode template = delegate == null ? null : byDelegate.get(delegate);
          if (template == null) {
            continue;
          }
          templated++;
          assertThat(node.getAttributeValueNs(CAMUNDA, "modelerTemplate")).as(file + " " + node.getId())
              .isEqualTo(template.get("id").asText());
          for (CamundaInputParameter input : node.getModelInstance().getModelElementsByType(CamundaInputParameter.class)) {
            if (input.getParentElement().getParentElement().getParentElement() != node) {
              continue;
            }
            JsonNode p = property(template, input.getCamundaName());
            if (p != null && p.has("choices")) {
              assertThat(p.get("choices").findValuesAsText("value")).as(node.getId()).contains(input.getTextContent());
            }
          }
        }
      }
    }
    assertThat(templated).isGreaterThanOrEqualTo(20);
    var serviceRequest = Bpmn.readModelFromFile(Path.of("processes/service-request.bpmn").toFile());
    assertThat(serviceRequest.getModelElementById(ProcessContract.CALL_HANDLE_PATH)
        .getAttributeValueNs(CAMUNDA, "modelerTemplate")).isEqualTo("guanjia.handling-path");
    assertThat(serviceRequest.getModelElementById(ProcessContract.CALL_CALLBACK_PLAN)
        .getAttributeValueNs(CAMUNDA, "modelerTemplate")).isEqualTo("guanjia.callback-plan");
  }

  /**
   * A call activity carries what its template sets, no more and no less: the called process, its binding,
   * the save point, and exactly the template's in- and out-mappings (what one process gives the other is
   * the template a supervisor picks in Modeler).
   */
  @Test
  void callActivitiesMapExactlyWhatTheirTemplateSays() throws IOException {
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode t : templates()) {
      byId.put(t.get("id").asText(), t);
    }
    int checked = 0;
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        var model = Bpmn.readModelFromFile(file.toFile());
        for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
          String id = call.getAttributeValueNs(CAMUNDA, "modelerTemplate");
          assertThat(id).as(file + " " + call.getId() + " has a template").isNotNull();
          JsonNode template = byId.get(id);
          assertThat(template).as(id).isNotNull();
          List<String> expected = new ArrayList<>();
          for (JsonNode p : template.get("properties")) {
            JsonNode binding = p.get("binding");
            String value = p.get("value").asText();
            switch (binding.get("type").asText()) {
              case "property" -> {
                String name = binding.get("name").asText();
                String actual = name.startsWith("camunda:")
                    ? call.getAttributeValueNs(CAMUNDA, name.substring("camunda:".length()))
                    : call.getAttributeValue(name);
                assertThat(actual).as(call.getId() + " " + name).isEqualTo(value);
              }
              case "camunda:in:businessKey" -> expected.add("in businessKey");
              case "camunda:in" -> expected.add((binding.path("expression").asBoolean() ? "in expression " : "in ")
                  + value + " -> " + binding.get("target").asText());
              case "camunda:out" -> expected.add("out " + binding.get("source").asText() + " -> " + value);
              default -> throw new AssertionError("binding " + binding + " of " + id);
            }
          }
          List<String> mapped = new ArrayList<>();
          var extensions = call.getExtensionElements().getElementsQuery();
          for (CamundaIn in : extensions.filterByType(CamundaIn.class).list()) {
            mapped.add(in.getCamundaBusinessKey() != null ? "in businessKey"
                : in.getCamundaSourceExpression() != null
                    ? "in expression " + in.getCamundaSourceExpression() + " -> " + in.getCamundaTarget()
                    : "in " + in.getCamundaSource() + " -> " + in.getCamundaTarget());
          }
          for (CamundaOut out : extensions.filterByType(CamundaOut.class).list()) {
            mapped.add("out " + out.getCamundaSource() + " -> " + out.getCamundaTarget());
          }
          assertThat(mapped).as(file + " " + call.getId()).containsExactlyInAnyOrderElementsOf(expected);
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(2);
  }
}
