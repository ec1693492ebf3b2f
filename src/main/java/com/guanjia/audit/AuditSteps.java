package com.guanjia.audit;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The step of {@code audit-seal-sweep} (审计封存补漏), one service call. The Chinese name is the model's. */
@Configuration(proxyBeanMethods = false)
class AuditSteps {
  /** Outputs of 补封未封存的已办结请求, shown in Cockpit: how many cases, and which. */
  static final String VAR_SEALED_COUNT = "sealedCount";
  static final String VAR_SEALED_REQUESTS = "sealedRequests";

  /**
   * 补封未封存的已办结请求: closed cases whose seal did not happen at their close are sealed now. A failure
   * fails the step's job: the engine retries it, then shows an incident in Cockpit.
   */
  @Bean
  JavaDelegate sealMissedCasesDelegate(AuditSeals seals) {
    return sweep -> {
      var sealed = seals.sealMissed();
      sweep.setVariable(VAR_SEALED_COUNT, sealed.size());
      sweep.setVariable(VAR_SEALED_REQUESTS, String.join(", ", sealed));
    };
  }
}
