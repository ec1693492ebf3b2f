package com.guanjia.migration;

import com.guanjia.process.EngineQueries;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Versions of a model that still have running cases but name a delegate or listener this build of
 * Guanjia no longer has: a model deployed by an earlier release (the listeners that once decided
 * "resolved", paused the SLA clock, started the callback plan and reopened a case are elements now). Their cases would fail at the first such step,
 * so they are named at start-up and on {@code GET /api/migrations/stale}, for a supervisor to move
 * them to the current version ({@code POST /api/migrations}) or to finish them first (README, "Upgrading
 * Guanjia").
 */
@Component
class StaleVersions {
  private static final Logger LOG = LoggerFactory.getLogger(StaleVersions.class);
  /** A delegate or listener named by a whole expression, as the models name Guanjia's beans. */
  private static final Pattern BEAN = Pattern.compile("delegateExpression=\"[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}\"");

  private final ProcessEngine engine;

  StaleVersions(ProcessEngine engine) {
    this.engine = engine;
  }

  /** One version with running cases and the beans it names that are missing. */
  record Stale(String processDefinitionKey, int version, String processDefinitionId, long runningInstances,
      Set<String> missingBeans) {}

  List<Stale> find() {
    var beans = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getBeans();
    return find(name -> beans != null && beans.containsKey(name));
  }

  /** The versions with running instances that name a bean {@code known} does not accept. */
  List<Stale> find(Predicate<String> known) {
    List<Stale> stale = new ArrayList<>();
    for (ProcessDefinition definition : EngineQueries.all(engine.getRepositoryService().createProcessDefinitionQuery()
        .orderByProcessDefinitionKey().asc().orderByProcessDefinitionVersion().asc())) {
      long running = engine.getRuntimeService().createProcessInstanceQuery()
          .processDefinitionId(definition.getId()).count();
      if (running == 0) {
        continue;
      }
      Set<String> missing = new TreeSet<>();
      try (var model = engine.getRepositoryService().getProcessModel(definition.getId())) {
        var beans = BEAN.matcher(new String(model.readAllBytes(), StandardCharsets.UTF_8));
        while (beans.find()) {
          if (!known.test(beans.group(1))) {
            missing.add(beans.group(1));
          }
        }
      } catch (java.io.IOException e) {
        throw new IllegalStateException("could not read the model of " + definition.getId(), e);
      }
      if (!missing.isEmpty()) {
        stale.add(new Stale(definition.getKey(), definition.getVersion(), definition.getId(), running, missing));
      }
    }
    return stale;
  }

  @EventListener(ApplicationReadyEvent.class)
  void warn() {
    for (Stale s : find()) {
      LOG.warn("{} 版本 {} 仍有 {} 个运行中的实例，但它引用了本版 Guanjia 已没有的组件 {}：这些案件走到相应步骤时会出错。"
          + "请用 POST /api/migrations 把它们迁移到新版本，或先办结（README“Upgrading Guanjia”）。",
          s.processDefinitionKey(), s.version(), s.runningInstances(), s.missingBeans());
    }
  }
}
