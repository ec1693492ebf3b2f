package com.guanjia.process;

import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * A case is its {@code service-request} instance and the handling path it calls (a {@code handle-*}
 * instance, see {@link ProcessContract#PATH_PROCESSES}); the path's tasks, timers and promises belong to
 * the case. Escalations and callback plans are processes of their own, linked by the request number.
 */
@Component
public class CaseInstances {
  private final RuntimeService runtime;

  CaseInstances(RuntimeService runtime) {
    this.runtime = runtime;
  }

  /** The running instances of the case: the case itself and the path it is in, if any. */
  public List<String> running(String caseInstanceId) {
    List<String> ids = runtime.createProcessInstanceQuery().rootProcessInstanceId(caseInstanceId).list().stream()
        .map(ProcessInstance::getId).toList();
    return ids.isEmpty() ? List.of(caseInstanceId) : ids;
  }

  /** The handling path the case is in now, or the case itself between paths. */
  public String handling(String caseInstanceId) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(caseInstanceId).list().stream()
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
