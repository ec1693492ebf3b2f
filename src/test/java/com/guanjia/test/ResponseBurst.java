package com.guanjia.test;

import static com.guanjia.process.ProcessContract.PATH_PROCESSES;
import static com.guanjia.process.ProcessContract.PROCESS_CALLBACK_VISITS;
import static com.guanjia.process.ProcessContract.PROCESS_SERVICE_REQUEST;

import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.management.JobDefinition;

/**
 * A burst of missed response targets, as the escalation benchmarks make it: every other timer of the
 * cases is held back, so that what the job executor works off is the response timers and the level-1
 * escalations they start.
 */
public final class ResponseBurst {
  /** The case's response-target timer. */
  public static final String RESPONSE_TIMER = "BoundaryEvent_ResponseTargetMissed";
  /** The level-1 escalation task a missed response target leads to (supervisors). */
  public static final String LEVEL_1_TASK = "Task_EscalateToSupervisor";

  private ResponseBurst() {}

  /**
   * Suspends every timer and job of {@code service-request}, of the handling paths it calls (their
   * on-site and plan targets) and of the callback plans of cases closed before (their visits, which the
   * clock's jump makes due too) but the response timers.
   */
  public static void holdAllButResponseTimers(ManagementService management) {
    for (var definition : caseJobDefinitions(management)) {
      if (!RESPONSE_TIMER.equals(definition.getActivityId())) {
        management.suspendJobDefinitionById(definition.getId(), true);
      }
    }
  }

  /** Lets the held timers and jobs run again. */
  public static void release(ManagementService management) {
    for (var definition : caseJobDefinitions(management)) {
      management.activateJobDefinitionById(definition.getId(), true);
    }
  }

  private static List<JobDefinition> caseJobDefinitions(ManagementService management) {
    return Stream.concat(Stream.of(PROCESS_SERVICE_REQUEST, PROCESS_CALLBACK_VISITS), PATH_PROCESSES.stream())
        .flatMap(key -> management.createJobDefinitionQuery().processDefinitionKey(key).list().stream())
        .toList();
  }
}
