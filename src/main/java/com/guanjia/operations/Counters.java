package com.guanjia.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What happened, counted for operators: requests registered and escalation levels raised. A count is
 * made when the step that caused it commits, so a job that rolls back and is retried counts once.
 */
@Component
public class Counters {
  static final String REQUESTS_REGISTERED = "guanjia.requests.registered";
  static final String ESCALATIONS = "guanjia.escalations";

  private final MeterRegistry registry;
  private final Counter[] escalations = new Counter[4];

  Counters(MeterRegistry registry) {
    this.registry = registry;
    for (int level = 1; level <= 3; level++) {
      escalations[level] = Counter.builder(ESCALATIONS).tag("level", Integer.toString(level))
          .description("Escalation levels raised (R4): 1 supervisor, 2 project manager, 3 quality")
          .register(registry);
    }
  }

  /** A request was registered (API or Tasklist start form); {@code type} and {@code channel} are enum names. */
  public void requestRegistered(String type, String channel) {
    Counter counter = Counter.builder(REQUESTS_REGISTERED).tag("type", type).tag("channel", channel)
        .description("Service requests registered").register(registry);
    afterCommit(counter::increment);
  }

  /** An escalation reached {@code level} (1–3). */
  public void escalationRaised(int level) {
    if (level >= 1 && level <= 3) {
      afterCommit(escalations[level]::increment);
    }
  }

  private static void afterCommit(Runnable count) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      count.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        count.run();
      }
    });
  }
}
