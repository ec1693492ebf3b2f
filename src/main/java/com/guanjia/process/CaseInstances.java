package com.guanjia.process;

import static com.guanjia.process.ProcessContract.CASE_PROCESSES;
import static com.guanjia.process.ProcessContract.PATH_PROCESSES;

import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * A case is its {@code service-request} instance and the handling path it calls (a {@code handle-*}
 * instance, see {@link ProcessContract#PATH_PROCESSES}); the path's tasks, timers and promises belong to
 * the case. The case also calls its escalations and callback plan, which are not its own steps.
 */
@Component
public class CaseInstances {
  private final RuntimeService runtime;

  CaseInstances(RuntimeService runtime) {
    this.runtime = runtime;
  }

  /** The running instances of the case: the case itself and the path it is in, if any. */
  public List<String> running(String caseInstanceId) {
    List<String> ids = runtime.createProcessInstanceQuery().rootProcessInstanceId(caseInstanceId)
        .processDefinitionKeyIn(CASE_PROCESSES.toArray(String[]::new)).list().stream()
        .map(ProcessInstance::getId).toList();
    return ids.isEmpty() ? List.of(caseInstanceId) : ids;
  }

  /** The handling path the case is in now, or the case itself between paths. */
  public String handling(String caseInstanceId) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(caseInstanceId)
        .processDefinitionKeyIn(PATH_PROCESSES.toArray(String[]::new)).list().stream()
        .map(ProcessInstance::getId).findFirst().orElse(caseInstanceId);
  }

  /** The case an execution works for: its own instance, or the case that called its path. */
  public static String caseOf(DelegateExecution execution) {
    DelegateExecution instance = execution.getProcessInstance();
    while (instance.getSuperExecution() != null) {
      instance = instance.getSuperExecution().getProcessInstance();
    }
    return instance.getId();
  }
}
