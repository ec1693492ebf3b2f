package com.guanjia.migration;

import com.guanjia.process.EngineQueries;
import com.guanjia.web.InvalidFieldException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves the running instances of one version of a model to another, the way Camunda's migration does
 * (what Cockpit's migration view and {@code /engine-rest/migration} build): every step that kept its id
 * keeps its cases, and the caller names where a renamed or moved step went. A plan that would strand a
 * case (it waits at a step the new version does not have, and none was named) is refused before anything
 * moves, naming those steps; a dry run says what would move and moves nothing.
 */
@Service
public class ModelMigrations {
  private static final String STRANDED = "这些步骤上有正在办理的案件，但新版本里没有对应的步骤；请在 activities 中写明"
      + "它们迁到哪里 (cases wait at steps the new version does not have): ";

  private final RepositoryService repository;
  private final HistoryService history;
  private final RuntimeService runtime;
  private final TransactionTemplate transactions;

  ModelMigrations(RepositoryService repository, HistoryService history, RuntimeService runtime,
      TransactionTemplate transactions) {
    this.repository = repository;
    this.history = history;
    this.runtime = runtime;
    this.transactions = transactions;
  }

  /** One step of the plan: cases at {@code from} in the old version wait at {@code to} in the new one. */
  public record Step(String from, String to) {}

  /** What was (or, in a dry run, would be) moved. */
  public record Result(String processDefinitionKey, int fromVersion, int toVersion, long instances,
      List<Step> steps, boolean dryRun) {}

  /**
   * @param moved steps renamed or moved to another place (a new sub-process): old id → new id (the same id
   *     for a step that moved); every other step is matched by its id
   */
  public Result migrate(String key, Integer fromVersion, Integer toVersion, Map<String, String> moved,
      boolean dryRun) {
    if (key == null || key.isBlank() || repository.createProcessDefinitionQuery().processDefinitionKey(key).count() == 0) {
      throw new InvalidFieldException("processDefinitionKey", "没有名为 " + key + " 的流程 (no process with this key)");
    }
    if (fromVersion == null) {
      throw new InvalidFieldException("fromVersion", "请填写要迁出的版本号 (fromVersion is required)");
    }
    ProcessDefinition from = version(key, fromVersion, "fromVersion");
    ProcessDefinition to = toVersion == null
        ? repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult()
        : version(key, toVersion, "toVersion");
    if (from.getId().equals(to.getId())) {
      throw new InvalidFieldException("toVersion", "迁入版本与迁出版本相同 (the target is the source version)");
    }
    Map<String, String> named = moved == null ? Map.of() : moved;
    BpmnModelInstance source = repository.getBpmnModelInstance(from.getId());
    checkSteps(from, source, to, named);
    MigrationPlan plan = plan(from, source, to, named);
    List<Step> steps = plan.getInstructions().stream()
        .map(i -> new Step(i.getSourceActivityId(), i.getTargetActivityId())).toList();
    long instances = runtime.createProcessInstanceQuery().processDefinitionId(from.getId()).count();
    // every step a case waits at needs a place in the new version (Camunda names the first case's only)
    var mapped = steps.stream().map(Step::from).collect(java.util.stream.Collectors.toSet());
    var stranded = new TreeSet<String>();
    EngineQueries.all(history.createHistoricActivityInstanceQuery().processDefinitionId(from.getId()).unfinished())
        .forEach(a -> {
          if (!mapped.contains(a.getActivityId()) && !a.getActivityId().contains("#")) {
            stranded.add(a.getActivityId());
          }
        });
    if (!stranded.isEmpty()) {
      throw new InvalidFieldException("activities", STRANDED + String.join(", ", stranded));
    }
    transactions.executeWithoutResult(status -> {
      if (instances > 0) {
        try {
          runtime.newMigration(plan).processInstanceQuery(
              runtime.createProcessInstanceQuery().processDefinitionId(from.getId())).execute();
        } catch (MigratingProcessInstanceValidationException e) {
          throw new InvalidFieldException("activities", stranded(e));
        }
      }
      if (dryRun) {
        status.setRollbackOnly();
      }
    });
    return new Result(key, from.getVersion(), to.getVersion(), instances, steps, dryRun);
  }

  private ProcessDefinition version(String key, int version, String field) {
    ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
        .processDefinitionVersion(version).singleResult();
    if (definition == null) {
      throw new InvalidFieldException(field, key + " 没有第 " + version + " 版 (no such version)");
    }
    return definition;
  }

  private void checkSteps(ProcessDefinition from, BpmnModelInstance source, ProcessDefinition to,
      Map<String, String> named) {
    BpmnModelInstance target = repository.getBpmnModelInstance(to.getId());
    named.forEach((old, now) -> {
      if (!(source.getModelElementById(old) instanceof FlowNode)) {
        throw new InvalidFieldException("activities", "第 " + from.getVersion() + " 版没有步骤 " + old + " (no such step)");
      }
      if (now == null || !(target.getModelElementById(now) instanceof FlowNode)) {
        throw new InvalidFieldException("activities", "第 " + to.getVersion() + " 版没有步骤 " + now + " (no such step)");
      }
    });
  }

  /** Camunda's matching of equal steps, with the named steps in place of what it matched for them. */
  private MigrationPlan plan(ProcessDefinition from, BpmnModelInstance source, ProcessDefinition to,
      Map<String, String> named) {
    Map<String, String> steps = new LinkedHashMap<>();
    try {
      for (MigrationInstruction i : runtime.createMigrationPlan(from.getId(), to.getId()).mapEqualActivities()
          .build().getInstructions()) {
        steps.put(i.getSourceActivityId(), i.getTargetActivityId());
      }
    } catch (MigrationPlanValidationException e) {
      // the equal steps alone do not make a valid plan (a step moved scope): the named steps complete it
    }
    steps.putAll(named);
    MigrationPlanBuilder builder = runtime.createMigrationPlan(from.getId(), to.getId());
    steps.forEach((old, now) -> {
      var instruction = builder.mapActivities(old, now);
      // a timer moves with its step, due when it was due
      if (source.getModelElementById(old) instanceof CatchEvent) {
        instruction.updateEventTrigger();
      }
    });
    try {
      return builder.build();
    } catch (MigrationPlanValidationException e) {
      List<String> problems = new ArrayList<>();
      e.getValidationReport().getInstructionReports().forEach(r -> problems.add(
          r.getMigrationInstruction().getSourceActivityId() + " → " + r.getMigrationInstruction().getTargetActivityId()
              + "：" + String.join("；", r.getFailures())));
      throw new InvalidFieldException("activities", "迁移计划无效 (invalid plan): " + String.join(" | ", problems));
    }
  }

  private static String stranded(MigratingProcessInstanceValidationException e) {
    var steps = new TreeSet<String>();
    e.getValidationReport().getActivityInstanceReports().forEach(r -> steps.add(r.getSourceScopeId()));
    e.getValidationReport().getTransitionInstanceReports().forEach(r -> steps.add(r.getSourceScopeId()));
    return STRANDED + String.join(", ", steps);
  }
}
