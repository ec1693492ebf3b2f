package com.guanjia.callback;

import static com.guanjia.process.ProcessContract.VAR_PROJECT_ID;

import com.guanjia.process.CallbackVariables;
import com.guanjia.process.CaseHistory;
import com.guanjia.process.RequestVariables;
import com.guanjia.scoring.CaseSummaries;
import com.guanjia.security.CaseAccess;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The beans {@code callback-visits} and the follow-up part of {@code service-request} name, each one
 * step of {@link Callbacks}: they read and write the instance through {@link CallbackVariables} and hand
 * the service plain values. The Chinese names are the model's.
 */
@Configuration(proxyBeanMethods = false)
class CallbackSteps {

  /**
   * 记录请求已办结 (service-request): the case is closed now, with the step that closed it. Its readers keep
   * its history; nobody works on its running instance while it waits for the callbacks ({@link CaseAccess}). Its
   * audit trail is sealed as the step commits ({@link com.guanjia.audit.AuditSeals}).
   */
  @Bean
  JavaDelegate closeCaseDelegate(Callbacks callbacks, CaseAccess access, CaseSummaries summaries, CaseHistory history,
      java.time.Clock clock, com.guanjia.audit.AuditSeals seals) {
    return kase -> {
      var plan = CallbackVariables.of(kase);
      callbacks.close(plan);
      // the scorecards' facts of the case (R7): who, and when each step of it was done
      var v = RequestVariables.of(kase);
      var steps = history.milestones(kase.getProcessInstanceId());
      summaries.closed(new CaseSummaries.Closed(v.requestNo(), v.text(VAR_PROJECT_ID), v.type(), v.category(),
          v.priority(), v.firstResponder(), v.handler(), steps.respondedAt(), steps.arrivedAt(), steps.plannedAt(),
          v.resolvedAt(), clock.instant(), plan.reopenCount()));
      access.endWork(kase.getProcessInstanceId());
      // the audit trail as it stands at closing, chained by hash (once this step's own history is written)
      seals.sealAfterCommit(v.requestNo());
    };
  }

  /** 记录问题复发 (service-request): reopen counter, KEY from now on, the owner told. */
  @Bean
  JavaDelegate recordRecurrenceDelegate(Callbacks callbacks) {
    return kase -> callbacks.reopen(CallbackVariables.of(kase));
  }

  /** 收集回访依据: the names the forms show; the resident and the season, for the {@code callback-tier} table. */
  @Bean
  JavaDelegate callbackFactsDelegate(Callbacks callbacks) {
    return plan -> callbacks.gatherFacts(CallbackVariables.of(plan));
  }

  /**
   * 安排下次回访: the next callback's time in calling hours, or the end of the plan. Until that call the
   * plan is nobody's work: the last call's people keep no grant on it ({@link CaseAccess#endWork}).
   */
  @Bean
  JavaDelegate planCallbackDelegate(Callbacks callbacks, CaseAccess access) {
    return plan -> {
      callbacks.planNext(CallbackVariables.of(plan));
      access.endWork(plan.getProcessInstanceId());
    };
  }

  /** 告知业主即将回访 (R6). */
  @Bean
  JavaDelegate announceCallbackDelegate(Callbacks callbacks) {
    return plan -> callbacks.announce(CallbackVariables.of(plan), plan.getProcessInstanceId());
  }

  /** Completion of 电话回访业主: checks the answers, stores the rating of the whole handling. */
  @Bean
  TaskListener callbackAnswerListener(Callbacks callbacks) {
    // the agent: who holds the task, else who completes it
    return task -> callbacks.checkAnswer(CallbackVariables.of(task), task.getId(), task.getAssignee() != null
        ? task.getAssignee()
        : java.util.Optional.ofNullable(task.getProcessEngineServices().getIdentityService().getCurrentAuthentication())
            .map(a -> a.getUserId()).orElse(null));
  }

  /** 记录回访结果: facts for the scorecards, bonus points, the plan's latest satisfaction. */
  @Bean
  JavaDelegate recordCallbackDelegate(Callbacks callbacks) {
    return plan -> callbacks.recordReached(CallbackVariables.of(plan), plan.getProcessInstanceId());
  }

  /** 记录未接通: the attempt, and when to call again while attempts are left (nobody's work until then). */
  @Bean
  JavaDelegate unreachedCallbackDelegate(Callbacks callbacks, CaseAccess access) {
    return plan -> {
      callbacks.recordUnreached(CallbackVariables.of(plan), plan.getProcessInstanceId());
      access.endWork(plan.getProcessInstanceId());
    };
  }

  /** 发送满意度调查链接 after the last unanswered call. */
  @Bean
  JavaDelegate surveyLinkDelegate(Callbacks callbacks) {
    return plan -> callbacks.sendSurveyLink(CallbackVariables.of(plan), plan.getProcessInstanceId());
  }
}
