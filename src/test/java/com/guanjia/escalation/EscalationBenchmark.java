package com.guanjia.escalation;

import static com.guanjia.process.ProcessContract.PROCESS_REQUEST_ESCALATION;
import static com.guanjia.process.ProcessContract.PROCESS_SERVICE_REQUEST;
import static com.guanjia.test.ResponseBurst.LEVEL_1_TASK;
import static com.guanjia.test.ResponseBurst.RESPONSE_TIMER;

import com.guanjia.test.Api;
import com.guanjia.test.BenchmarkDatabase;
import com.guanjia.test.ResponseBurst;
import com.guanjia.test.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * Escalation lag under load; a benchmark that prints figures, not a test ({@code mvn -Pbenchmark test},
 * see README). It opens {@code benchmark.requests} urgent elevator repairs through the API (10,000 unless
 * told otherwise) while the job executor is stopped, lets nobody respond, holds the other targets'
 * timers back, moves the engine's clock past every response target at once and starts the job
 * executor to work off the burst: each timer job records a violation and starts a
 * {@code request-escalation} case whose level-1 task goes to the supervisors. The lag of a request is the time from the moment its target was due (its timer's due
 * date, or the clock jump if that is later) to the creation of its escalation task.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"guanjia.data-dir=target/benchmark-data", "camunda.bpm.job-execution.enabled=true",
        "logging.level.org.camunda.bpm.engine.context=off", "logging.level.org.camunda.bpm.engine.jobexecutor=warn"})
@ContextConfiguration(initializers = BenchmarkDatabase.class)
class EscalationBenchmark {
  private static final int REQUESTS = Integer.getInteger("benchmark.requests", 10_000);
  private static final Duration GIVE_UP = Duration.ofMinutes(Long.getLong("benchmark.timeout-minutes", 30));

  @LocalServerPort int port;
  @Value("${spring.datasource.url}") String databaseUrl;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired JdbcTemplate jdbc;
  @Autowired com.guanjia.notification.OutboxDispatcher dispatcher;
  @Value("${camunda.bpm.job-execution.core-pool-size}-${camunda.bpm.job-execution.max-pool-size}") String threads;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void escalationLagAndJobThroughput() throws Exception {
    var report = new StringBuilder();
    String database = TestDatabase.postgres() ? "PostgreSQL" : "H2 (file)";
    var executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    line(report, "Escalation benchmark on %s (%s), %d requests; job executor: %s threads, %d jobs per acquisition, "
        + "%d cores", database, databaseUrl.replaceAll(";.*", ""), REQUESTS, threads,
        executor.getMaxJobsPerAcquisition(), Runtime.getRuntime().availableProcessors());

    // 1. Open the requests, as front desks would, 8 at a time. Opening takes longer than the response
    //    target, so the job executor waits until all are open.
    executor.shutdown();
    // the messages the requests and escalations write are sent on their own (MessageDeliveryBenchmark
    // measures that); here they only wait in the outbox
    dispatcher.stop();
    long openStart = System.nanoTime();
    openRequests(new Api(port));
    double openSeconds = seconds(System.nanoTime() - openStart);
    line(report, "opened %d requests in %.1f s (%.0f requests/s)", REQUESTS, openSeconds, REQUESTS / openSeconds);

    // PostgreSQL plans from statistics autovacuum keeps; where the server has it off, as it would
    if (TestDatabase.postgres() && "off".equals(jdbc.queryForObject("show autovacuum", String.class))) {
      jdbc.execute("analyze");
      line(report, "autovacuum is off on this server: ANALYZE after opening the requests, as autovacuum would");
    }

    // 2. Every request now waits on its response timer.
    Map<String, String> requestOfInstance = new HashMap<>();
    for (ProcessInstance p : runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_SERVICE_REQUEST).list()) {
      requestOfInstance.put(p.getId(), p.getBusinessKey());
    }
    Map<String, Date> dueOfRequest = new HashMap<>();
    for (Job timer : management.createJobQuery().timers().activityId(RESPONSE_TIMER).list()) {
      dueOfRequest.put(requestOfInstance.get(timer.getProcessInstanceId()), timer.getDuedate());
    }
    if (dueOfRequest.size() != REQUESTS) {
      throw new AssertionError("expected a response timer per request, found " + dueOfRequest.size());
    }
    long jobsBefore = history.createHistoricJobLogQuery().successLog().count();
    long failuresBefore = history.createHistoricJobLogQuery().failureLog().count();

    // 3. All response targets fall due at once: the clock jumps just past the last of them. The other
    //    targets' timers (on site, resolve) are held back, so that the burst is the response timers only.
    ResponseBurst.holdAllButResponseTimers(management);
    Date lastDue = Collections.max(dueOfRequest.values());
    ClockUtil.offset(lastDue.getTime() + 1_000 - System.currentTimeMillis());
    Date jump = ClockUtil.getCurrentTime();
    long drainStart = System.nanoTime();
    executor.start();
    long created = 0;
    long lastProgress = System.nanoTime();
    while (created < REQUESTS) {
      if (System.nanoTime() - drainStart > GIVE_UP.toNanos()) {
        throw new AssertionError("only " + created + " of " + REQUESTS + " escalations after " + GIVE_UP);
      }
      Thread.sleep(250);
      created = history.createHistoricTaskInstanceQuery().taskDefinitionKey(LEVEL_1_TASK).count();
      if (System.nanoTime() - lastProgress > 10_000_000_000L) {
        System.out.printf("  ... %d of %d escalations%n", created, REQUESTS);
        lastProgress = System.nanoTime();
      }
    }

    executor.shutdown(); // the figures are taken; on-site timers falling due from now on are not part of them

    // 4. Lag per request: its escalation task's creation against the moment its target was due.
    Map<String, String> requestOfEscalation = new HashMap<>();
    for (HistoricProcessInstance e : history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_REQUEST_ESCALATION).list()) {
      requestOfEscalation.put(e.getId(), e.getBusinessKey());
    }
    List<Long> lags = new ArrayList<>();
    Date lastCreated = jump;
    for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().taskDefinitionKey(LEVEL_1_TASK).list()) {
      Date due = dueOfRequest.get(requestOfEscalation.get(task.getProcessInstanceId()));
      Date dueMoment = due.after(jump) ? due : jump;
      lags.add(task.getStartTime().getTime() - dueMoment.getTime());
      if (task.getStartTime().after(lastCreated)) {
        lastCreated = task.getStartTime();
      }
    }
    Collections.sort(lags);
    double drainSeconds = (lastCreated.getTime() - jump.getTime()) / 1000.0;
    long jobs = history.createHistoricJobLogQuery().successLog().count() - jobsBefore;
    long responseJobs = history.createHistoricJobLogQuery().successLog().activityIdIn(RESPONSE_TIMER).count();
    long failures = history.createHistoricJobLogQuery().failureLog().count() - failuresBefore;
    line(report, "escalation lag (due -> level-1 task created): p50 %.2f s, p99 %.2f s, max %.2f s",
        percentile(lags, 50) / 1000.0, percentile(lags, 99) / 1000.0, lags.get(lags.size() - 1) / 1000.0);
    line(report, "job executor: %d jobs in %.1f s = %.0f jobs/s (%d of them response timers; %d failed attempts, "
        + "retried)", jobs, drainSeconds, jobs / drainSeconds, responseJobs, failures);
    line(report, "response violations recorded: %d; escalation cases: %d", violations(), requestOfEscalation.size());
    System.gc();
    var memory = Runtime.getRuntime();
    line(report, "heap after the burst: %d MiB used of %d MiB", (memory.totalMemory() - memory.freeMemory()) >> 20,
        memory.maxMemory() >> 20);

    System.out.println();
    System.out.println("==== " + report.toString().replace("\n", "\n     ").strip());
    System.out.println();
    Path out = Path.of("target", "benchmark", "escalation-" + (TestDatabase.postgres() ? "postgres" : "h2") + ".txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report, StandardCharsets.UTF_8);
  }

  private void openRequests(Api api) throws InterruptedException, java.util.concurrent.ExecutionException {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Void>> calls = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        String body = Api.request("REPAIR", "ELEVATOR", "PHONE", "3号楼电梯停在两层之间 #" + i, "R-0005");
        calls.add(() -> {
          var response = api.post("frontdesk", "/api/requests", body);
          if (response.status() != 201) {
            throw new IllegalStateException(response.status() + " " + response.body());
          }
          return null;
        });
      }
      for (Future<Void> f : pool.invokeAll(calls)) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private long violations() {
    return jdbc.queryForObject("select count(*) from sla_violation where target = 'RESPONSE'", Long.class);
  }

  private static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void line(StringBuilder report, String format, Object... args) {
    report.append(format.formatted(args)).append('\n');
  }
}
