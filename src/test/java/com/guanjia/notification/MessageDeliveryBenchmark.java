package com.guanjia.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.guanjia.test.BenchmarkDatabase;
import com.guanjia.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outbox dispatch throughput against a slow SMS gateway; a benchmark that prints figures, not a test
 * ({@code mvn -Pbenchmark test}). It writes {@code benchmark.messages} messages (10,000 unless told
 * otherwise) with the outbox dispatcher stopped, as process steps would (100 per transaction), then
 * starts it against a gateway stand-in that takes 50 ms per text, and measures how long the backlog
 * takes to drain, how many messages per second go out and what share that is of the most its sender
 * threads could send ({@code threads × 1000 / gateway ms}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"guanjia.data-dir=target/benchmark-data", "camunda.bpm.job-execution.enabled=true",
        "camunda.bpm.process-engine-name=messageDeliveryBenchmark", "guanjia.demo.mail-catcher=false",
        "logging.level.org.camunda.bpm.engine.context=off", "logging.level.org.camunda.bpm.engine.jobexecutor=warn"})
@ContextConfiguration(initializers = BenchmarkDatabase.class)
class MessageDeliveryBenchmark {
  private static final int MESSAGES = Integer.getInteger("benchmark.messages", 10_000);
  private static final int GATEWAY_MILLIS = Integer.getInteger("benchmark.gateway-millis", 50);
  private static final WireMockServer GATEWAY = new WireMockServer(options().dynamicPort()
      .containerThreads(64).jettyAcceptors(2));

  static {
    GATEWAY.start();
    GATEWAY.stubFor(post(urlEqualTo("/sms/send")).willReturn(aResponse().withStatus(200)
        .withFixedDelay(GATEWAY_MILLIS).withHeader("Content-Type", "application/json").withBody("{\"id\":\"b\"}")));
  }

  @DynamicPropertySource
  static void gateway(DynamicPropertyRegistry properties) {
    properties.add("guanjia.notifications.sms.url", () -> GATEWAY.baseUrl() + "/sms/send");
  }

  @Autowired ProcessEngine engine;
  @Autowired ResidentNotices notices;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Value("${spring.datasource.url}") String databaseUrl;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired DeliverySettings delivery;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @AfterAll
  static void stopGateway() {
    GATEWAY.stop();
  }

  @Test
  void dispatchThroughputWithASlowGateway() throws Exception {
    var report = new StringBuilder();
    String database = TestDatabase.postgres() ? "PostgreSQL" : "H2 (file)";
    line(report, "Message delivery benchmark on %s (%s): %d messages, SMS gateway answering in %d ms; outbox "
        + "dispatcher with %d sender threads, %d cores", database, databaseUrl.replaceAll(";.*", ""), MESSAGES,
        GATEWAY_MILLIS, delivery.threads(), Runtime.getRuntime().availableProcessors());
    // daytime, so that no message waits for the end of quiet hours
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
    ClockUtil.offset(now.withHour(10).toInstant().toEpochMilli() - System.currentTimeMillis());
    String run = "B" + Long.toString(System.currentTimeMillis(), 36);

    dispatcher.stop();
    long writeStart = System.nanoTime();
    var tx = new TransactionTemplate(transactions);
    for (int batch = 0; batch < MESSAGES; batch += 100) {
      int from = batch;
      tx.executeWithoutResult(status -> {
        for (int i = from; i < Math.min(from + 100, MESSAGES); i++) {
          String requestNo = "%s-%05d".formatted(run, i);
          notices.tell(requestNo + ":RECEIVED", Notice.RECEIVED, requestNo, "R-0003", "REPAIR", "frontdesk", null);
        }
      });
    }
    double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
    line(report, "written to the outbox: %d in %.1f s (%.0f messages/s)",
        MESSAGES, writeSeconds, MESSAGES / writeSeconds);

    long drainStart = System.nanoTime();
    dispatcher.start();
    long sent = 0;
    long lastReport = System.nanoTime();
    while (sent < MESSAGES) {
      Thread.sleep(250);
      sent = sent(run);
      if (System.nanoTime() - lastReport > 10_000_000_000L) {
        System.out.printf("  ... %d of %d sent%n", sent, MESSAGES);
        lastReport = System.nanoTime();
      }
      if (System.nanoTime() - drainStart > 60L * 60 * 1_000_000_000L) {
        throw new AssertionError("only " + sent + " of " + MESSAGES + " sent after an hour");
      }
    }
    double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
    dispatcher.stop();
    int gatewayCalls = GATEWAY.findAll(postRequestedFor(urlEqualTo("/sms/send"))).size();
    double ceiling = delivery.threads() * 1000.0 / GATEWAY_MILLIS;
    line(report, "backlog drained in %.1f s: %.0f messages/s = %.2f of the senders' ceiling (%d threads x %.0f/s); "
        + "%d gateway calls (%d duplicates)", drainSeconds, MESSAGES / drainSeconds, MESSAGES / drainSeconds / ceiling,
        delivery.threads(), 1000.0 / GATEWAY_MILLIS, gatewayCalls, gatewayCalls - MESSAGES);
    long instances = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("message-delivery").processInstanceBusinessKeyLike(run + "-%").count();
    line(report, "message-delivery instances started (first attempts that failed): %d", instances);
    System.gc();
    var memory = Runtime.getRuntime();
    line(report, "heap after the drain: %d MiB used of %d MiB", (memory.totalMemory() - memory.freeMemory()) >> 20,
        memory.maxMemory() >> 20);

    System.out.println();
    System.out.println("==== " + report.toString().replace("\n", "\n     ").strip());
    System.out.println();
    Path out = Path.of("target", "benchmark", "message-delivery-" + (TestDatabase.postgres() ? "postgres" : "h2")
        + ".txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report, StandardCharsets.UTF_8);
  }

  private long sent(String run) {
    return jdbc.queryForObject("select count(*) from outbox_message where status = 'SENT' and request_no like ?",
        Long.class, run + "-%");
  }

  private static void line(StringBuilder report, String format, Object... args) {
    report.append(format.formatted(args)).append('\n');
  }
}
