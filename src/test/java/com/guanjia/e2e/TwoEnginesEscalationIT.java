package com.guanjia.e2e;

import static com.guanjia.process.ProcessContract.PROCESS_REQUEST_ESCALATION;
import static com.guanjia.process.ProcessContract.PROCESS_SERVICE_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.AppNode;
import com.guanjia.test.GuanjiaTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes with job executors on one PostgreSQL database: each missed target escalates once, and
 * each escalation climbs each level once, however the nodes share the due timers. The test context's
 * own job executor is off; the two nodes are JVMs of their own, polling every few hundred milliseconds
 * so that both compete for the same jobs.
 */
@GuanjiaTest
class TwoEnginesEscalationIT {
  private static final int REQUESTS = 120;

  @LocalServerPort int port;
  @Value("${spring.datasource.url}") String url;
  @Value("${spring.datasource.username}") String user;
  @Value("${spring.datasource.password:}") String password;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;

  @Test
  void eachMissedTargetAndEachLevelEscalatesExactlyOnce() throws Exception {
    Set<String> requests = openUrgentRequests(new Api(port));
    try (AppNode a = node("node-a"); AppNode b = node("node-b")) {
      a.awaitUp();
      b.awaitUp();

      // every response target passes now: both nodes find the same due timers
      makeDue(requests, "BoundaryEvent_ResponseTargetMissed");
      await(() -> tasks(requests, "Task_EscalateToSupervisor").size());

      // the supervisors do nothing: every level-1 escalation runs out together
      makeDue(requests, "BoundaryEvent_Level1Overdue");
      await(() -> tasks(requests, "Task_EscalateToProjectManager").size());
      Thread.sleep(2_000); // a duplicate would come from a job run twice: give a second run time to show
    }

    assertThat(instances(requests, PROCESS_REQUEST_ESCALATION).values()).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(requests);
    assertThat(tasks(requests, "Task_EscalateToSupervisor")).hasSize(REQUESTS);
    assertThat(tasks(requests, "Task_EscalateToProjectManager")).hasSize(REQUESTS);
    assertThat(jdbc.queryForList("select request_no from sla_violation where target = 'RESPONSE'", String.class)
        .stream().filter(requests::contains)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(requests);
    Map<String, Long> ownerNotices = jdbc.queryForList(
        "select request_no from outbox_message where audience = 'STAFF' and event = 'ESCALATED'", String.class)
        .stream().filter(requests::contains).collect(Collectors.groupingBy(r -> r, Collectors.counting()));
    assertThat(ownerNotices).containsOnlyKeys(requests).allSatisfy((request, count) -> assertThat(count).isEqualTo(2));
    assertThat(runtime.createIncidentQuery().count()).isZero();

    // a timer run twice would join the open escalation rather than start a second one: count the runs
    Set<String> instances = new HashSet<>(instances(requests, PROCESS_SERVICE_REQUEST).keySet());
    instances.addAll(instances(requests, PROCESS_REQUEST_ESCALATION).keySet());
    assertThat(history.createHistoricActivityInstanceQuery().activityId("Task_ReportResponseMissed").list().stream()
        .filter(run -> instances.contains(run.getProcessInstanceId()))).hasSize(REQUESTS);
    assertThat(history.createHistoricActivityInstanceQuery().activityId("Task_RaiseToLevel2").list().stream()
        .filter(run -> instances.contains(run.getProcessInstanceId()))).hasSize(REQUESTS);
    List<HistoricJobLog> runs = history.createHistoricJobLogQuery().successLog().list().stream()
        .filter(run -> instances.contains(run.getProcessInstanceId())).toList();
    assertThat(runs.stream().collect(Collectors.groupingBy(HistoricJobLog::getJobId, Collectors.counting())))
        .hasSize(2 * REQUESTS).allSatisfy((job, count) -> assertThat(count).isEqualTo(1));

    // both engines took part: the job log names the node that ran each job
    assertThat(runs).extracting(HistoricJobLog::getHostname).contains("node-a", "node-b");
  }

  /** Process instance id to request number, for this test's requests. */
  private Map<String, String> instances(Set<String> requests, String processKey) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(processKey).list().stream()
        .filter(p -> requests.contains(p.getBusinessKey()))
        .collect(Collectors.toMap(HistoricProcessInstance::getId, HistoricProcessInstance::getBusinessKey));
  }

  private List<HistoricTaskInstance> tasks(Set<String> requests, String taskKey) {
    return history.createHistoricTaskInstanceQuery().taskDefinitionKey(taskKey)
        .processInstanceBusinessKeyIn(requests.toArray(String[]::new)).list();
  }

  private AppNode node(String name) throws Exception {
    return AppNode.start(name, url, user, password, "--camunda.bpm.generic-properties.properties.hostname=" + name,
        "--camunda.bpm.job-execution.wait-time-in-millis=200", "--camunda.bpm.job-execution.max-wait=500");
  }

  private Set<String> openUrgentRequests(Api api) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<String>> calls = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      String body = Api.request("REPAIR", "ELEVATOR", "PHONE", "2号楼电梯门关不上 #" + i, "R-0005");
      calls.add(() -> {
        var response = api.post("frontdesk", "/api/requests", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("requestNo").asText();
      });
    }
    Set<String> numbers = new HashSet<>();
    for (Future<String> f : pool.invokeAll(calls)) {
      numbers.add(f.get());
    }
    pool.shutdown();
    return numbers;
  }

  private void makeDue(Set<String> requests, String timerActivity) {
    Date now = new Date();
    Set<String> instances = new HashSet<>(instances(requests, PROCESS_SERVICE_REQUEST).keySet());
    instances.addAll(instances(requests, PROCESS_REQUEST_ESCALATION).keySet());
    List<Job> timers = management.createJobQuery().timers().activityId(timerActivity).list().stream()
        .filter(timer -> instances.contains(timer.getProcessInstanceId())).toList();
    assertThat(timers).hasSize(REQUESTS);
    timers.forEach(timer -> management.setJobDuedate(timer.getId(), now));
  }

  private static void await(LongSupplier count) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (count.getAsLong() < REQUESTS) {
      assertThat(Instant.now()).as("escalations after 3 minutes: " + count.getAsLong()).isBefore(deadline);
      Thread.sleep(200);
    }
  }
}
