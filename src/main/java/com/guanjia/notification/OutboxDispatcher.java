package com.guanjia.notification;

import static com.guanjia.process.ProcessContract.PROCESS_MESSAGE_DELIVERY;
import static com.guanjia.process.ProcessContract.VAR_OUTBOX_ID;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what the outbox holds, after the writing transaction committed: a dispatcher thread claims due
 * messages and hands each to one of {@code threads} senders. This is the one attempt most messages need,
 * at the cost of a few statements per message (its claim, the route, the record) and no process
 * instance, where its own instance cost about 40. A message whose attempt fails is handed over to a
 * {@code message-delivery} instance in one transaction with the failure: the engine then retries it
 * (1 min, 5 min, 15 min, 1 h, 2 h) and raises an incident an operator retries in Cockpit. Every send
 * carries the message's idempotency key, so a node that dies between sending and recording (its claim
 * runs out, another attempt follows) does not charge twice.
 */
@Component
public class OutboxDispatcher implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
  /** Claims per round when sending in the caller's thread. */
  private static final int BATCH = 50;

  private final Outbox outbox;
  private final MessageSender sender;
  private final DeliverySignal signal;
  private final DeliverySettings settings;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private volatile boolean running;
  private Thread dispatcher;
  private ExecutorService senders;

  OutboxDispatcher(Outbox outbox, MessageSender sender, DeliverySignal signal, DeliverySettings settings,
      @Lazy RuntimeService runtime, @Lazy IdentityService identity, PlatformTransactionManager transactions,
      Clock clock) {
    this.outbox = outbox;
    this.sender = sender;
    this.signal = signal;
    this.settings = settings;
    this.runtime = runtime;
    this.identity = identity;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /**
   * Sends every message due now in the caller's thread (and transaction, if it has one); returns how
   * many it tried. For tests and operators; the background dispatcher does the same in parallel.
   */
  public int deliverDue() {
    int tried = 0;
    List<Outbox.Message> claimed;
    do {
      claimed = claim(BATCH);
      claimed.forEach(this::attempt);
      tried += claimed.size();
    } while (claimed.size() == BATCH);
    return tried;
  }

  private List<Outbox.Message> claim(int limit) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return outbox.claimDue(now, now.plus(settings.claimFor()), limit);
  }

  /** One attempt; a failure (already recorded on the row) goes to a {@code message-delivery} instance. */
  private void attempt(Outbox.Message m) {
    try {
      sender.deliver(m);
    } catch (MessageSender.MessageNotDeliveredException e) {
      LOG.info("outbox {} ({} {}): first attempt failed, retried by message-delivery: {}", m.id(), m.event(),
          m.requestNo(), e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      transaction.executeWithoutResult(status -> handOver(m));
    }
  }

  private void handOver(Outbox.Message m) {
    outbox.handOver(m.id());
    // the system retries, not whoever happens to be signed in on this thread
    var caller = identity.getCurrentAuthentication();
    if (caller != null) {
      identity.clearAuthentication();
    }
    try {
      runtime.startProcessInstanceByKey(PROCESS_MESSAGE_DELIVERY, m.requestNo() + "/M" + m.id(),
          Variables.createVariables().putValue(VAR_OUTBOX_ID, m.id()));
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  private void dispatch() {
    // as many again as there are senders wait claimed in the queue, so that a sender that is done takes
    // the next message at once instead of waiting for a claim
    Semaphore free = new Semaphore(2 * settings.threads());
    while (running) {
      int available = 0;
      List<Outbox.Message> claimed;
      try {
        free.acquire();
        available = 1 + free.drainPermits();
        claimed = claim(available);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        free.release(available);
        LOG.warn("outbox dispatcher: could not claim messages, trying again in {}", settings.pollInterval(), e);
        sleep();
        continue;
      }
      free.release(available - claimed.size());
      for (Outbox.Message m : claimed) {
        senders.execute(() -> {
          try {
            attempt(m);
          } catch (RuntimeException e) {
            // the database, not the gateway: the claim runs out and the message is tried again
            LOG.warn("outbox {}: not sent, tried again after {}", m.id(), settings.claimFor(), e);
          } finally {
            free.release();
          }
        });
      }
      if (claimed.size() < available) {
        try {
          signal.await(settings.pollInterval());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void sleep() {
    try {
      Thread.sleep(settings.pollInterval().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void start() {
    if (!settings.enabled()) {
      return;
    }
    running = true;
    var count = new java.util.concurrent.atomic.AtomicInteger();
    senders = Executors.newFixedThreadPool(settings.threads(), task -> {
      Thread sender = new Thread(task, "outbox-sender-" + count.incrementAndGet());
      sender.setDaemon(true);
      return sender;
    });
    dispatcher = new Thread(this::dispatch, "outbox-dispatcher");
    dispatcher.setDaemon(true);
    dispatcher.start();
  }

  @Override
  public void stop() {
    if (!running) {
      return;
    }
    running = false;
    dispatcher.interrupt();
    senders.shutdown();
    try {
      dispatcher.join(5000);
      if (!senders.awaitTermination(10, TimeUnit.SECONDS)) {
        senders.shutdownNow(); // their claims run out; another attempt sends them under the same key
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops before the engine and the database (default phase) go, starts after them. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }
}
