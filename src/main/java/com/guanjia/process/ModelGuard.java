package com.guanjia.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Refuses a model that would break the running system, before any of it is deployed: supervisors deploy
 * from Modeler ({@code /engine-rest/deployment/create}), and Modeler shows the refusal's messages, each
 * naming the element. What it refuses:
 *
 * <ul>
 *   <li>a file named after a process of the contract ({@code service-request.bpmn}) that no longer defines
 *       that process: Guanjia starts it by key;
 *   <li>an executable process without {@code historyTimeToLive} (history cleanup needs it);
 *   <li>a delegate or listener expression naming a bean that does not exist ({@link ModelBeans});
 *   <li>a Java class named in the model: models reach the application only through its beans;
 *   <li>a script of any language (script task, script listener or mapping, script condition): models
 *       reach the application only through its beans. Behind this, the engine has no script engine at all
 *       ({@link #NO_SCRIPT_ENGINE}): a model deployed before, or a decision naming a script language, fails
 *       when it runs instead of running code;
 *   <li>a form ({@code formRef}) that is neither in the deployment nor deployed before (binding
 *       {@code deployment}: in the deployment);
 *   <li>a user task without a candidate group: somebody must see it when its assignee cannot act;
 *   <li>a called process or a decision that is neither in the deployment nor deployed.
 * </ul>
 *
 * <p>The messages are Chinese, as the supervisors who read them are.
 */
@Component
class ModelGuard extends AbstractProcessEnginePlugin {
  /** Processes Guanjia's code starts by key: their files must keep defining them. */
  static final List<String> CONTRACT_PROCESSES = List.of(ProcessContract.PROCESS_SERVICE_REQUEST,
      ProcessContract.PROCESS_CALLBACK_VISITS, ProcessContract.PROCESS_MESSAGE_DELIVERY,
      ProcessContract.PROCESS_OWNERSHIP_TRANSFER, ProcessContract.PROCESS_REQUEST_ESCALATION,
      ProcessContract.PROCESS_HANDLE_ON_SITE, ProcessContract.PROCESS_HANDLE_CONSTRUCTION_DEFECT,
      ProcessContract.PROCESS_HANDLE_ATTITUDE_COMPLAINT, ProcessContract.PROCESS_HANDLE_INQUIRY,
      ProcessContract.PROCESS_HANDLE_FEEDBACK, ProcessContract.PROCESS_HANDLE_ESCORT);

  private static final Pattern BEAN = Pattern.compile("^[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}$");
  private static final Pattern DECISION_ID = Pattern.compile("<(?:\\w+:)?decision\\b[^>]*?\\sid=\"([^\"]+)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The engine's script engines: none, whichever language a model or decision names. */
  static final ScriptEngineResolver NO_SCRIPT_ENGINE = new ScriptEngineResolver() {
    @Override
    public void addScriptEngineFactory(ScriptEngineFactory factory) {
      throw new UnsupportedOperationException("Guanjia runs no scripts: " + factory.getEngineName());
    }

    @Override
    public ScriptEngineManager getScriptEngineManager() {
      return new ScriptEngineManager(null) {
        @Override
        public ScriptEngine getEngineByName(String language) {
          return null;
        }
      };
    }

    @Override
    public ScriptEngine getScriptEngine(String language, boolean useCache) {
      return null; // the engine then refuses: "Can't find scripting engine for '<language>'"
    }
  };

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setBpmnParseFactory(GuardedParse::new);
    configuration.setScriptEngineResolver(NO_SCRIPT_ENGINE);
  }

  static final class GuardedParse extends BpmnParse {
    /** The bean names a model may use, read once per parse. */
    private Set<String> beans;

    GuardedParse(BpmnParser parser) {
      super(parser);
    }

    @Override
    protected void parseRootElement() {
      check();
      super.parseRootElement();
    }

    @Override
    public BpmnParse execute() {
      super.execute();
      // this is the engine's only parse: the model cache needs to know each model's jobs (ModelCache)
      ModelCache.parsed(this);
      return this;
    }

    private void check() {
      Element definitions = rootElement;
      // only what is being deployed now: a node that reads an earlier deployment into its cache parses
      // that model again, with none of the forms deployed beside it
      if (definitions == null || deployment == null || !deployment.isNew()) {
        return;
      }
      Set<String> processes = new HashSet<>();
      for (Element process : definitions.elements("process")) {
        processes.add(process.attribute("id"));
        if (!"false".equals(process.attribute("isExecutable"))
            && blank(process.attributeNS(CAMUNDA_BPMN_EXTENSIONS_NS, "historyTimeToLive"))) {
          addError("流程 %s 没有设置历史保留期限（historyTimeToLive），历史清理需要它；在 Modeler 的“History cleanup”中填写，例如 P1825D"
              .formatted(label(process)), process, process.attribute("id"));
        }
      }
      String file = name == null ? "" : name.substring(name.lastIndexOf('/') + 1);
      for (String key : CONTRACT_PROCESSES) {
        if (file.equals(key + ".bpmn") && !processes.contains(key)) {
          addError("文件 %s 必须定义流程 %s（系统按这个标识启动它），但其中只有 %s；请把流程的 ID 改回 %s"
              .formatted(file, key, processes, key), definitions);
        }
      }
      walk(definitions, new Resources(deployment.getResources()), processes);
    }

    private void walk(Element element, Resources resources, Set<String> processes) {
      for (Element child : element.elements()) {
        checkElement(child, resources, processes);
        walk(child, resources, processes);
      }
    }

    private void checkElement(Element element, Resources resources, Set<String> processes) {
      // on BPMN elements Camunda's attributes carry its namespace; on its own extension elements they do not
      boolean extension = CAMUNDA_BPMN_EXTENSIONS_NS.getNamespaceUri().equals(element.getUri());
      String delegate = extension ? element.attribute("delegateExpression")
          : element.attributeNS(CAMUNDA_BPMN_EXTENSIONS_NS, "delegateExpression");
      if (delegate != null) {
        Matcher bean = BEAN.matcher(delegate.trim());
        if (bean.matches() && !beans().contains(bean.group(1))) {
          addError("%s 引用的委托 %s 不存在；可用的有：%s".formatted(label(owner(element)), delegate,
              beans()), element, ids(element));
        }
      }
      String javaClass = extension ? element.attribute("class")
          : element.attributeNS(CAMUNDA_BPMN_EXTENSIONS_NS, "class");
      if (javaClass != null) {
        addError("%s 直接引用了 Java 类 %s；模型只能通过委托表达式（delegateExpression）使用系统提供的委托"
            .formatted(label(owner(element)), javaClass), element, ids(element));
      }
      if ("scriptTask".equals(element.getTagName()) || extension && "script".equals(element.getTagName())
          || "conditionExpression".equals(element.getTagName()) && element.attribute("language") != null) {
        addError("%s 含有脚本（%s）；模型不能运行脚本，请改用系统提供的委托（delegateExpression）或表达式"
            .formatted(label(owner(element)), scriptLanguage(element)), element, ids(element));
      }
      switch (element.getTagName()) {
        case "userTask" -> checkUserTask(element, resources);
        case "callActivity" -> {
          String called = element.attribute("calledElement");
          if (called != null && !called.contains("${") && !called.contains("#{") && !processes.contains(called)
              && !resources.processes().contains(called) && !deployedProcess(called)) {
            addError("%s 调用的流程 %s 尚未部署，也不在本次部署中".formatted(label(element), called), element,
                element.attribute("id"));
          }
        }
        case "businessRuleTask" -> {
          String decision = element.attributeNS(CAMUNDA_BPMN_EXTENSIONS_NS, "decisionRef");
          if (decision != null && !decision.contains("${") && !decision.contains("#{")
              && !resources.decisions().contains(decision) && !deployedDecision(decision)) {
            addError("%s 使用的决策表 %s 尚未部署，也不在本次部署中".formatted(label(element), decision), element,
                element.attribute("id"));
          }
        }
        default -> { }
      }
    }

    private void checkUserTask(Element task, Resources resources) {
      if (blank(task.attributeNS(CAMUNDA_BPMN_EXTENSIONS_NS, "candidateGroups"))) {
        addError("用户任务 %s 没有候选组（candidateGroups）：处理人不在时没有人能看到它；请在“User assignment”中填写候选组"
            .formatted(label(task)), task, task.attribute("id"));
      }
      String form = task.attributeNS(CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
      if (form != null && !form.contains("${") && !form.contains("#{")) {
        String binding = task.attributeNS(CAMUNDA_BPMN_EXTENSIONS_NS, "formRefBinding");
        boolean inDeployment = resources.forms().contains(form);
        if (!inDeployment && ("deployment".equals(binding) || !deployedForm(form))) {
          addError(("用户任务 %s 的表单 %s " + ("deployment".equals(binding)
              ? "不在本次部署中（绑定方式为 deployment，表单须与流程一起部署）" : "尚未部署，也不在本次部署中"))
              .formatted(label(task), form), task, task.attribute("id"));
        }
      }
    }

    private Set<String> beans() {
      if (beans == null) {
        Map<Object, Object> configured = Context.getProcessEngineConfiguration().getBeans();
        beans = new java.util.TreeSet<>();
        if (configured != null) {
          configured.keySet().forEach(k -> beans.add(String.valueOf(k)));
        }
      }
      return beans;
    }

    private static boolean deployedProcess(String key) {
      var context = Context.getCommandContext();
      return context != null && context.getProcessDefinitionManager().findLatestDefinitionByKey(key) != null;
    }

    private static boolean deployedDecision(String key) {
      var context = Context.getCommandContext();
      return context != null && context.getDecisionDefinitionManager().findLatestDefinitionByKey(key) != null;
    }

    private static boolean deployedForm(String key) {
      var context = Context.getCommandContext();
      return context != null && context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(key) != null;
    }

    /** The flow element a listener or field belongs to (the element itself when it is one). */
    private Element owner(Element element) {
      return element.attribute("id") != null ? element : findOwner(rootElement, element);
    }

    private static Element findOwner(Element scope, Element target) {
      for (Element child : scope.elements()) {
        if (child == target) {
          return scope;
        }
        Element found = findOwner(child, target);
        if (found != null) {
          return found.attribute("id") != null ? found : scope;
        }
      }
      return null;
    }

    private String[] ids(Element element) {
      Element owner = owner(element);
      return owner == null || owner.attribute("id") == null ? new String[0] : new String[] {owner.attribute("id")};
    }

    private static String label(Element element) {
      if (element == null) {
        return "（未知元素）";
      }
      String name = element.attribute("name");
      return element.attribute("id") + (blank(name) ? "" : "（" + name + "）");
    }

    private static String scriptLanguage(Element element) {
      String language = element.attribute("scriptFormat") != null ? element.attribute("scriptFormat")
          : element.attribute("language");
      return blank(language) ? "script" : language;
    }

    private static boolean blank(String value) {
      return value == null || value.isBlank();
    }
  }

  /** What the deployment itself brings: process ids, decision ids and form ids. */
  private record Resources(Set<String> processes, Set<String> decisions, Set<String> forms) {
    Resources(Map<String, ResourceEntity> resources) {
      this(new HashSet<>(), new HashSet<>(), new HashSet<>());
      resources.forEach((name, resource) -> {
        byte[] bytes = resource.getBytes();
        if (bytes == null) {
          return;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
          ModelDeployment.PROCESS_ID.matcher(text).results().forEach(m -> processes.add(m.group(1)));
        } else if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
          DECISION_ID.matcher(text).results().forEach(m -> decisions.add(m.group(1)));
        } else if (name.endsWith(".form")) {
          try {
            JsonNode id = JSON.readTree(bytes).get("id");
            if (id != null) {
              forms.add(id.asText());
            }
          } catch (IOException e) {
            // not JSON: Camunda's own form parser reports it
          }
        }
      });
    }
  }
}
