package com.guanjia.operations;

import static com.guanjia.process.ProcessContract.*;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * The gauges of what is waiting: jobs, due jobs, the oldest due timer's lag, the outbox, incidents.
 * Every gauge reads one shared {@link Backlog.Reading}, taken at most once per {@code guanjia.metrics.refresh}
 * on a thread of its own: a scrape waits for it at most {@code refresh-wait}, and a database that is slow
 * or down leaves the last reading in place (NaN before the first) rather than failing the scrape.
 */
@Component
class BacklogGauges implements DisposableBean {
  private static final Logger LOG = LoggerFactory.getLogger(BacklogGauges.class);
  static final String INCIDENTS = "guanjia.incidents.open";

  private final Backlog backlog;
  private final Clock clock;
  private final MeterRegistry registry;
  private final long refreshNanos;
  private final long waitNanos;
  private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "guanjia-metrics");
    thread.setDaemon(true);
    return thread;
  });
  private final Set<String> incidentProcesses = ConcurrentHashMap.newKeySet();

  /** The last reading and when it was taken (or last tried); null before the first. */
  private record Taken(Backlog.Reading reading, long atNanos) {}

  private volatile Taken last;
  private CompletableFuture<Void> reading;
  private long readingSince;
  private boolean failing;

  BacklogGauges(Backlog backlog, Clock clock, MeterRegistry registry, MetricsSettings settings) {
    this.backlog = backlog;
    this.clock = clock;
    this.registry = registry;
    this.refreshNanos = settings.refresh().toNanos();
    this.waitNanos = settings.refreshWait().toNanos();

    gauge("guanjia.jobs.backlog", "Executable jobs (retries left, not suspended), due or not", r -> r.jobs());
    gauge("guanjia.jobs.due", "Executable jobs due now and not yet executed", r -> r.jobsDue());
    TimeGauge.builder("guanjia.timers.oldest.due.lag", this,
            TimeUnit.SECONDS, g -> g.value(r -> r.oldestTimerLag().toMillis() / 1000.0))
        .description("How long the oldest due executable timer has been waiting; 0 when none is due")
        .register(registry);
    gauge("guanjia.outbox.backlog", "Outbox messages not yet delivered", r -> r.outbox());
    gauge("guanjia.outbox.failed", "Outbox messages whose delivery is an incident", r -> r.outboxFailed());
    List.of(PROCESS_SERVICE_REQUEST, PROCESS_CALLBACK_VISITS, PROCESS_REQUEST_ESCALATION, PROCESS_MESSAGE_DELIVERY,
        PROCESS_OWNERSHIP_TRANSFER).forEach(this::incidentGauge);
    PATH_PROCESSES.forEach(this::incidentGauge);
  }

  private void gauge(String name, String description, ToDoubleFunction<Backlog.Reading> figure) {
    Gauge.builder(name, this, g -> g.value(figure)).description(description).register(registry);
  }

  /** Processes with incidents get a gauge when first seen; it shows 0 once their incidents are resolved. */
  private void incidentGauge(String process) {
    if (incidentProcesses.add(process)) {
      Gauge.builder(INCIDENTS, this, g -> g.value(r -> r.incidents().getOrDefault(process, 0L)))
          .tag("process", process).description("Open incidents per process definition key").register(registry);
    }
  }

  private double value(ToDoubleFunction<Backlog.Reading> figure) {
    Backlog.Reading r = current();
    return r == null ? Double.NaN : figure.applyAsDouble(r);
  }

  /** The last reading, refreshed first when it is older than {@code refresh}. */
  Backlog.Reading current() {
    CompletableFuture<Void> pending;
    long waitLeft;
    synchronized (this) {
      Taken taken = last;
      long now = System.nanoTime();
      if (taken != null && refreshNanos > 0 && now - taken.atNanos() < refreshNanos) {
        return taken.reading();
      }
      if (reading == null) {
        readingSince = now;
        reading = CompletableFuture.runAsync(this::read, reader);
      }
      pending = reading;
      waitLeft = waitNanos - (now - readingSince);
    }
    if (waitLeft > 0) {
      try {
        pending.get(waitLeft, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception slowOrFailed) {
        // the last reading stands; read() has logged a failure
      }
    }
    Taken taken = last;
    return taken == null ? null : taken.reading();
  }

  private void read() {
    Backlog.Reading fresh = null;
    try {
      fresh = backlog.read(clock.instant());
      fresh.incidents().keySet().forEach(this::incidentGauge);
      if (failing) {
        LOG.info("Metrics: the database answers again");
      }
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.warn("Metrics: cannot read jobs, outbox and incidents; the gauges keep their last values: {}",
            NestedExceptionUtils.getMostSpecificCause(e).toString());
      }
    } finally {
      synchronized (this) {
        failing = fresh == null;
        Taken before = last;
        // a failed reading also waits out the refresh interval before the next try
        last = new Taken(fresh != null ? fresh : before == null ? null : before.reading(), System.nanoTime());
        reading = null;
      }
    }
  }

  @Override
  public void destroy() {
    reader.shutdownNow();
  }
}
