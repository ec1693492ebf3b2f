package com.guanjia.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.Date;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code /actuator/prometheus} over HTTP, as Prometheus scrapes it: who may read it, and that the
 * figures follow what really happens (registrations, jobs, timers, outbox, incidents, escalations).
 */
// the shared test context exports the Prometheus registry and reads the gauges afresh at every scrape
@GuanjiaTest
class MetricsEndpointTest {
  private static final String METRICS = "/actuator/prometheus";

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  /** The requests this class registered in the shared test context. */
  private final java.util.List<String> registered = new java.util.ArrayList<>();

  @AfterEach
  void resetClockAndLeaveNoOpenWork() {
    ClockUtil.reset();
    // the test context is shared: escalations and tasks made here must not wait in other tests' task lists
    for (String requestNo : registered) {
      for (ProcessInstance running : runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike(requestNo + "%")
          .list()) {
        if (runtime.createProcessInstanceQuery().processInstanceId(running.getId()).count() > 0) {
          runtime.deleteProcessInstance(running.getId(), "test finished", true, true);
        }
      }
    }
  }

  /** One scrape, as the administrator. */
  private Scrape scrape() {
    var response = api.get("admin", METRICS);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return new Scrape(response.body());
  }

  /** The Prometheus text format: {@code name{label="value",...} number} per line. */
  private record Scrape(String text) {
    /** The series {@code name} whose labels include {@code labels} ({@code k="v"} each); 0 if absent. */
    double value(String name, String... labels) {
      return text.lines().filter(line -> !line.startsWith("#"))
          .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
          .filter(line -> labelsOf(line).containsAll(Set.of(labels)))
          .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
          .findFirst().orElse(0);
    }

    boolean has(String name, String... labels) {
      return text.lines().anyMatch(line -> (line.startsWith(name + "{") || line.startsWith(name + " "))
          && labelsOf(line).containsAll(Set.of(labels)));
    }

    private static Set<String> labelsOf(String line) {
      int open = line.indexOf('{');
      int close = line.lastIndexOf('}');
      return open < 0 || close < open ? Set.of()
          : Arrays.stream(line.substring(open + 1, close).split(",")).collect(Collectors.toSet());
    }
  }

  private String register(String type, String category, String channel, String residentId) {
    var created = api.post("frontdesk", "/api/requests", Api.request(type, category, channel, "测试指标", residentId));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String requestNo = created.json().get("requestNo").asText();
    registered.add(requestNo);
    return requestNo;
  }

  private ProcessInstance caseOf(String requestNo) {
    return runtime.createProcessInstanceQuery().processDefinitionKey("service-request")
        .processInstanceBusinessKey(requestNo).singleResult();
  }

  private Job timer(ProcessInstance pi, String activityId) {
    return management.createJobQuery().rootProcessInstanceId(pi.getRootProcessInstanceId()).activityId(activityId)
        .singleResult();
  }

  /** Moves the engine's clock a minute past the job's due date. */
  private static void clockPast(Job job) {
    ClockUtil.setCurrentTime(new Date(job.getDuedate().getTime() + 60_000));
  }

  @Test
  void onlyAdministratorsReadTheMetricsAndHealthStaysOpen() {
    assertThat(api.get(null, METRICS).status()).isEqualTo(401);
    // (a wrong password would lock the account for a while: Camunda's login throttling)
    assertThat(api.get("nobody:demo", METRICS).status()).isEqualTo(401);
    assertThat(api.get("frontdesk", METRICS).status()).isEqualTo(403);
    assertThat(api.get("supervisor1", METRICS).status()).isEqualTo(403);
    assertThat(api.get("auditor1", METRICS).status()).isEqualTo(403);

    var text = api.get("admin", METRICS);
    assertThat(text.status()).isEqualTo(200);
    assertThat(text.contentType()).startsWith("text/plain");
    assertThat(text.body()).contains("# TYPE guanjia_jobs_backlog gauge");
    var openMetrics = api.send("admin", HttpRequest.newBuilder(URI.create("http://localhost:" + port + METRICS))
        .header("Accept", "application/openmetrics-text; version=1.0.0").GET());
    assertThat(openMetrics.status()).isEqualTo(200);
    assertThat(openMetrics.contentType()).startsWith("application/openmetrics-text");

    // open to anyone; UP or DOWN depends on this machine (the mail health check wants an SMTP server)
    var health = api.get(null, "/actuator/health");
    assertThat(health.status()).as(health.body()).isIn(200, 503);
    assertThat(health.json().get("status").asText()).isIn("UP", "DOWN");
  }

  @Test
  void everyMetricIsThereFromTheStartAndEscalationLevelsShowAsZero() {
    Scrape s = scrape();
    for (String gauge : new String[] {"guanjia_jobs_backlog", "guanjia_jobs_due",
        "guanjia_timers_oldest_due_lag_seconds", "guanjia_outbox_backlog", "guanjia_outbox_failed"}) {
      assertThat(s.has(gauge)).as(gauge).isTrue();
      assertThat(s.value(gauge)).as(gauge).isNotNaN().isGreaterThanOrEqualTo(0);
    }
    for (String level : new String[] {"1", "2", "3"}) {
      assertThat(s.has("guanjia_escalations_total", "level=\"" + level + "\"")).as("level " + level).isTrue();
    }
    assertThat(s.has("guanjia_incidents_open", "process=\"message-delivery\"")).isTrue();
  }

  @Test
  void registeringARequestCountsItByTypeAndChannelAndQueuesItsJobsAndMessage() {
    String repairByPhone[] = {"type=\"REPAIR\"", "channel=\"PHONE\""};
    Scrape before = scrape();

    String requestNo = register("REPAIR", "DRAIN", "PHONE", "R-0001");
    Scrape after = scrape();

    assertThat(after.value("guanjia_requests_registered_total", repairByPhone))
        .isEqualTo(before.value("guanjia_requests_registered_total", repairByPhone) + 1);
    // the case's timers (response, on site, resolve) wait; the receipt waits in the outbox
    long timers = management.createJobQuery().rootProcessInstanceId(caseOf(requestNo).getId()).timers().count();
    assertThat(timers).isGreaterThanOrEqualTo(3);
    assertThat(after.value("guanjia_jobs_backlog")).isGreaterThanOrEqualTo(before.value("guanjia_jobs_backlog") + timers);
    assertThat(after.value("guanjia_outbox_backlog")).isGreaterThan(before.value("guanjia_outbox_backlog"));

    // bad input registers nothing and counts nothing
    assertThat(api.post("frontdesk", "/api/requests", Api.request("REPAIR", "DRAIN", "PHONE", "x", "R-9999")).status())
        .isEqualTo(400);
    assertThat(scrape().value("guanjia_requests_registered_total", repairByPhone))
        .isEqualTo(after.value("guanjia_requests_registered_total", repairByPhone));
  }

  @Test
  void theTasklistStartFormCountsToo() {
    String[] escortWalkIn = {"type=\"ESCORT\"", "channel=\"WALK_IN\""};
    double before = scrape().value("guanjia_requests_registered_total", escortWalkIn);
    var started = api.post("frontdesk", "/engine-rest/process-definition/key/service-request/submit-form", """
        {"variables":{"type":{"value":"ESCORT"},"category":{"value":"SECURITY"},"channel":{"value":"WALK_IN"},
         "residentId":{"value":"R-0002"},"description":{"value":"今晚8点东门接送"}}}""");
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    assertThat(scrape().value("guanjia_requests_registered_total", escortWalkIn)).isEqualTo(before + 1);
  }

  @Test
  void aTimerThatFallsDueShowsInDueJobsAndTheOldestLag() {
    ProcessInstance pi = caseOf(register("REPAIR", "DRAIN", "PHONE", "R-0001"));
    Job onSite = timer(pi, "BoundaryEvent_OnSiteTargetMissed");
    Scrape before = scrape();

    clockPast(onSite);
    Scrape after = scrape();

    // at least the case's response and on-site timers are due now
    assertThat(after.value("guanjia_jobs_due")).isGreaterThanOrEqualTo(before.value("guanjia_jobs_due") + 2);
    assertThat(after.value("guanjia_jobs_backlog")).isEqualTo(before.value("guanjia_jobs_backlog"));
    double lag = after.value("guanjia_timers_oldest_due_lag_seconds");
    assertThat(lag).isGreaterThanOrEqualTo(60).isGreaterThan(before.value("guanjia_timers_oldest_due_lag_seconds"));

    ClockUtil.reset();
    assertThat(scrape().value("guanjia_jobs_due")).isEqualTo(before.value("guanjia_jobs_due"));
  }

  @Test
  void aMissedTargetCountsLevelOneAndAnUnansweredEscalationLevelTwo() {
    String[] level1 = {"level=\"1\""};
    String[] level2 = {"level=\"2\""};
    Scrape before = scrape();
    ProcessInstance pi = caseOf(register("REPAIR", "DRAIN", "PHONE", "R-0001"));

    Job onSite = timer(pi, "BoundaryEvent_OnSiteTargetMissed");
    clockPast(onSite);
    management.executeJob(onSite.getId());
    Scrape missed = scrape();
    assertThat(missed.value("guanjia_escalations_total", level1))
        .isEqualTo(before.value("guanjia_escalations_total", level1) + 1);
    assertThat(missed.value("guanjia_escalations_total", level2))
        .isEqualTo(before.value("guanjia_escalations_total", level2));

    ProcessInstance escalation = runtime.createProcessInstanceQuery().processDefinitionKey("request-escalation")
        .processInstanceBusinessKey(pi.getBusinessKey()).singleResult();
    Job level1Overdue = timer(escalation, "BoundaryEvent_Level1Overdue");
    clockPast(level1Overdue);
    management.executeJob(level1Overdue.getId());
    Scrape climbed = scrape();
    assertThat(climbed.value("guanjia_escalations_total", level2))
        .isEqualTo(before.value("guanjia_escalations_total", level2) + 1);
    assertThat(climbed.value("guanjia_escalations_total", level1)).isEqualTo(missed.value("guanjia_escalations_total", level1));
  }

  @Autowired com.guanjia.notification.Outbox outbox;

  @Test
  void aDeliveryThatGaveUpIsAFailedMessageAndAnOpenIncident() {
    String[] delivery = {"process=\"message-delivery\""};
    String requestNo = register("REPAIR", "DRAIN", "PHONE", "R-0001");
    // the receipt's first attempt failed (a gateway down): message-delivery retries it, as the
    // dispatcher hands it over; its minute's wait is over
    long outboxId = outbox.forRequest(requestNo).get(0).id();
    String retries = runtime.startProcessInstanceByKey("message-delivery", requestNo + "/M" + outboxId,
        java.util.Map.of("outboxId", outboxId)).getId();
    management.executeJob(management.createJobQuery().processInstanceId(retries).singleResult().getId());
    Job job = management.createJobQuery().processInstanceId(retries).singleResult();
    Scrape before = scrape();

    // what the engine does when the last retry fails: the job stays, with an incident
    management.setJobRetries(job.getId(), 0);
    Scrape after = scrape();

    assertThat(after.value("guanjia_outbox_failed")).isEqualTo(before.value("guanjia_outbox_failed") + 1);
    assertThat(after.value("guanjia_incidents_open", delivery))
        .isEqualTo(before.value("guanjia_incidents_open", delivery) + 1);
    assertThat(after.value("guanjia_outbox_backlog")).isEqualTo(before.value("guanjia_outbox_backlog"));
    assertThat(after.value("guanjia_jobs_backlog")).isEqualTo(before.value("guanjia_jobs_backlog") - 1);

    management.setJobRetries(job.getId(), 1); // an operator retries it in Cockpit
    assertThat(scrape().value("guanjia_outbox_failed")).isEqualTo(before.value("guanjia_outbox_failed"));
  }
}
