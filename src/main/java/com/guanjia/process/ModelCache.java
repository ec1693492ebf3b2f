package com.guanjia.process;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobDeclaration;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.CacheFactory;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DefaultCacheFactory;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.commons.utils.cache.Cache;
import org.springframework.stereotype.Component;

/**
 * The engine's model cache shows a process model to other threads only once its timers and async steps
 * are linked to their job definitions.
 *
 * <p>A node reads a deployed model into its cache when it first needs it: a node that has just started
 * (TwoNodesIT's second node), or every other node once a supervisor deployed a new version. Camunda puts
 * the model into the shared cache first ({@code AbstractDefinitionDeployer.registerDefinition}) and links
 * its job declarations to their job definitions only afterwards ({@code BpmnDeployer.updateJobDeclarations},
 * a query of ACT_RU_JOBDEF). A request on another thread that finds the model in between creates its jobs
 * without a job definition, so without a process definition id; since 7.24 creating a job looks its
 * activity up by that id ({@code JobDeclaration.createJobInstance} calls
 * {@code DefaultJobRetryCmd.getCurrentActivity}) and the request fails with "Invalid process definition
 * id: processDefinitionId is null". Until its jobs are linked this cache answers "not cached": the engine
 * then waits for the thread reading the model (it reads under the cache's lock) and takes the whole model.
 */
@Component
class ModelCache extends AbstractProcessEnginePlugin {
  /** The job declarations the engine links to job definitions, as the parse left them. */
  private static final String DECLARED_JOBS = "guanjia.declaredJobs";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // Camunda's own caches (nothing else sets a factory: the configuration has no getter for one)
    CacheFactory caches = new DefaultCacheFactory();
    configuration.setCacheFactory(new CacheFactory() {
      @Override
      public <T> Cache<String, T> createCache(int capacity) {
        return new LinkedModelsOnly<>(caches.createCache(capacity));
      }
    });
  }

  /** Called by the parse ({@link ModelGuard}) with what it read: each model keeps its job declarations. */
  static void parsed(BpmnParse parse) {
    for (ProcessDefinitionEntity definition : parse.getProcessDefinitions()) {
      List<JobDeclaration<?, ?>> jobs = parse.getJobDeclarationsByKey(definition.getKey());
      definition.setProperty(DECLARED_JOBS, jobs == null ? List.of() : jobs);
    }
  }

  /** Whether every job the model declares has its job definition (anything else: true). */
  static boolean linked(Object cached) {
    return !(cached instanceof ProcessDefinitionEntity definition)
        || !(definition.getProperty(DECLARED_JOBS) instanceof List<?> jobs)
        || jobs.stream().allMatch(job -> ((JobDeclaration<?, ?>) job).getJobDefinitionId() != null);
  }

  private record LinkedModelsOnly<T>(Cache<String, T> cache) implements Cache<String, T> {
    @Override
    public T get(String key) {
      T value = cache.get(key);
      return linked(value) ? value : null;
    }

    @Override
    public void put(String key, T value) {
      cache.put(key, value);
    }

    @Override
    public void clear() {
      cache.clear();
    }

    @Override
    public void remove(String key) {
      cache.remove(key);
    }

    @Override
    public Set<String> keySet() {
      return cache.keySet();
    }

    @Override
    public int size() {
      return cache.size();
    }

    @Override
    public boolean isEmpty() {
      return cache.isEmpty();
    }
  }
}
