package com.guanjia.benchmark;

import static com.guanjia.process.ProcessContract.PROCESS_SERVICE_REQUEST;
import static com.guanjia.test.ResponseBurst.LEVEL_1_TASK;
import static com.guanjia.test.ResponseBurst.RESPONSE_TIMER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.guanjia.benchmark.twin.BareCamundaTwin;
import com.guanjia.test.Api;
import com.guanjia.test.AppNode;
import com.guanjia.test.BenchmarkDatabase;
import com.guanjia.test.ResponseBurst;
import com.guanjia.test.StatementCounter;
import com.guanjia.test.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * Guanjia with a year of cases, against a bare Camunda doing the same first steps; a benchmark that prints
 * figures, not a test ({@code mvn -B -Pbenchmark test -Dtest=ScaleBenchmark}, see README).
 *
 * <ol>
 *   <li>SQL statements per step of one repair case, intake to close, counted with datasource-proxy: each
 *       step as Tasklist does it over REST, plus the jobs and messages it leaves due, run at once; apart,
 *       one missed response target (the timer job that opens the level-1 escalation).
 *   <li>The bare-Camunda twin ({@link BareCamundaTwin}) in a JVM of its own on a fresh database of the same
 *       PostgreSQL server: the same {@code request-triage} DMN and the same first steps (start → business
 *       rule task → first user task with its five target timers) started over {@code /engine-rest} by the
 *       same clients; and a bare timer → service task process for the job executor's rate.
 *   <li>Guanjia at 0, 20 %, 50 % and 100 % of {@code benchmark.cases} (50,000 unless told) cases in the
 *       database: {@code POST /api/requests} rate and p50/p99 with 4 clients, the front desk's Tasklist
 *       filters as Tasklist calls them (list + count), {@code GET /api/requests/{no}}. Between the levels
 *       the database is filled with a mix of requests worked to their close in-process (some left open).
 *   <li>An escalation burst: {@code benchmark.escalations} (10,000 unless told) response targets due at
 *       once, escalations/s and jobs/s against the twin's timer jobs/s.
 * </ol>
 * Figures go to the console, {@code target/benchmark/scale.json} and {@code target/benchmark/scale.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"guanjia.data-dir=target/benchmark-data", "camunda.bpm.job-execution.enabled=true",
        // the messages go out at once, whatever the hour of the run
        "guanjia.notifications.quiet-start=00:00", "guanjia.notifications.quiet-end=00:00",
        "logging.level.org.camunda.bpm.engine.context=off", "logging.level.org.camunda.bpm.engine.jobexecutor=warn"})
@ContextConfiguration(initializers = BenchmarkDatabase.class)
@Import(StatementCounter.Config.class)
@EnabledIfSystemProperty(named = "guanjia.test.database", matches = "postgres")
class ScaleBenchmark {
  private static final int CASES = Integer.getInteger("benchmark.cases", 50_000);
  private static final int INTAKE = Integer.getInteger("benchmark.intake-requests", 300);
  private static final int READS = Integer.getInteger("benchmark.reads", 200);
  private static final int TWIN_JOBS = Integer.getInteger("benchmark.twin-jobs", 10_000);
  private static final int CLIENTS = 4;
  private static final int FILL_THREADS = Integer.getInteger("benchmark.fill-threads", 3);
  private static final double[] LEVELS = {0, 0.2, 0.5, 1.0};
  private static final int ESCALATIONS = Integer.getInteger("benchmark.escalations", 10_000);
  /** Which parts run: {@code statements}, {@code twin}, {@code levels}, {@code escalations} (all unless told). */
  private static final List<String> PARTS = List.of(System.getProperty("benchmark.parts",
          "statements,twin,levels,escalations")
      .split(","));
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Value("${spring.datasource.url}") String databaseUrl;
  @Autowired ProcessEngine engine;
  @Autowired TaskService tasks;
  @Autowired org.camunda.bpm.engine.RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired JdbcTemplate jdbc;
  @Autowired StatementCounter statements;
  @Autowired com.guanjia.notification.OutboxDispatcher dispatcher;

  private final StringBuilder report = new StringBuilder();
  private final ObjectNode results = JSON.createObjectNode();
  private final List<String> requestNumbers = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger sequence = new AtomicInteger();
  private Api api;
  /**
   * Whether the server vacuums and keeps statistics itself; if not, the benchmark runs VACUUM ANALYZE where
   * autovacuum would. Statistics alone are not enough: grants are deleted as cases move on, and without
   * vacuum their dead rows stay in the indexes every task list reads (52,871 index entries for the front
   * desk's 574 live grants after a 25,000-case fill with ANALYZE only).
   */
  private boolean autovacuum;

  @Test
  void guanjiaAtScaleAgainstBareCamunda() throws Exception {
    api = new Api(port);
    statements.pause();
    line("Scale benchmark on PostgreSQL (%s), %d cases, %d cores, %d MiB heap", databaseUrl, CASES,
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    autovacuum = "on".equals(jdbc.queryForObject("show autovacuum", String.class));
    if (!autovacuum) {
      line("autovacuum is off on this server: the benchmark runs VACUUM ANALYZE after each fill, as autovacuum would");
    }

    if (PARTS.contains("statements")) {
      statementsPerRepairCase();
    }
    double twinRate = PARTS.contains("twin") ? twin() : Double.NaN;
    ArrayNode levels = results.putArray("levels");
    if (PARTS.contains("levels")) {
      // the first level is measured warm, as the twin is: a JIT-cold JVM ran half as fast at 0 cases
      load(INTAKE / 2, () -> api.post("frontdesk", "/api/requests", requestBody(sequence.incrementAndGet())), 201);
    }
    for (double fraction : PARTS.contains("levels") ? LEVELS : new double[0]) {
      int target = (int) Math.round(CASES * fraction);
      fill(target);
      levels.add(measureLevel(twinRate));
    }
    if (PARTS.contains("escalations")) {
      escalationBurst(); // last: it moves the engine's clock
    }
    write();
  }


  // ---- 1. statements per step ----------------------------------------------------------------------------

  private void statementsPerRepairCase() {
    var executor = jobExecutor();
    executor.shutdown();
    dispatcher.stop();
    try {
      Map<String, StatementCounter.Counts> steps = new LinkedHashMap<>();
      String requestNo = counted(steps, "intake (POST /api/requests)", () -> register("REPAIR", "DRAIN", "R-0001"));
      counted(steps, "到达现场 Task_ArriveOnSite", () -> tasklistStep("tech1", requestNo, "Task_ArriveOnSite",
          "{\"arrivedOnSite\":{\"value\":true},\"previousStepRating\":{\"value\":4}}"));
      String eta = java.time.OffsetDateTime.now().plusHours(4).withSecond(0).withNano(0).toString();
      counted(steps, "制定初步方案 Task_ProposePlan", () -> tasklistStep("tech1", requestNo, "Task_ProposePlan",
          "{\"plan\":{\"value\":\"疏通地漏\"},\"eta\":{\"value\":\"" + eta + "\"}}"));
      counted(steps, "完成处理 Task_PerformWork", () -> tasklistStep("tech1", requestNo, "Task_PerformWork",
          "{\"resolved\":{\"value\":true},\"resolution\":{\"value\":\"已疏通\"}}"));
      counted(steps, "与业主确认结果 Task_ConfirmWithResident (close)", () -> tasklistStep("frontdesk", requestNo,
          "Task_ConfirmWithResident", "{\"residentConfirmed\":{\"value\":true},\"previousStepRating\":{\"value\":5}}"));
      // a missed response target of an urgent repair nobody took on: the timer job, the level-1 escalation
      // it opens and the messages it writes (not part of a case that goes well: outside the total)
      String urgent = register("REPAIR", "ELEVATOR", "R-0005");
      String caseId = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_SERVICE_REQUEST)
          .processInstanceBusinessKey(urgent).singleResult().getId();
      Job response = management.createJobQuery().processInstanceId(caseId).activityId(RESPONSE_TIMER).singleResult();
      ClockUtil.offset(response.getDuedate().getTime() + 1_000 - System.currentTimeMillis());
      try {
        counted(steps, ESCALATION_STEP, () -> {
          management.executeJob(response.getId());
          return null;
        });
      } finally {
        ClockUtil.reset();
      }
      long total = 0;
      ObjectNode json = results.putObject("statementsPerRepairCase");
      line("");
      line("SQL statements per step of a repair case (REST as Tasklist calls it, plus the jobs and messages it "
          + "leaves due):");
      for (var step : steps.entrySet()) {
        total += step.getKey().equals(ESCALATION_STEP) ? 0 : step.getValue().total();
        long own = ownStatements.get(step.getKey());
        ObjectNode stepJson = json.putObject(step.getKey()).put("total", step.getValue().total()).put("step", own)
            .put("jobsAndMessages", step.getValue().total() - own);
        ObjectNode kinds = stepJson.putObject("byStatement");
        step.getValue().largest(Integer.MAX_VALUE).forEach(e -> kinds.put(e.getKey(), e.getValue()));
        line("  %-44s %5d = %4d step + %4d jobs/messages   largest: %s", step.getKey(), step.getValue().total(), own,
            step.getValue().total() - own, step.getValue().largest(5));
      }
      json.put("total", total);
      line("  %-44s %5d", "intake to close (callbacks apart)", total);
    } finally {
      statements.pause();
      executor.start();
      dispatcher.start();
    }
  }

  private final Map<String, Long> ownStatements = new LinkedHashMap<>();
  private static final String ESCALATION_STEP = "响应超时 → 一级督办 (an urgent repair's timer job)";

  private <T> T counted(Map<String, StatementCounter.Counts> steps, String name, java.util.function.Supplier<T> step) {
    statements.reset();
    T result = step.get();
    ownStatements.put(name, statements.snapshot().total());
    runDueJobs();
    // the messages the step wrote, sent as the outbox dispatcher sends them
    dispatcher.deliverDue();
    runDueJobs();
    steps.put(name, statements.snapshot());
    statements.pause();
    return result;
  }

  private String tasklistStep(String user, String requestNo, String activityId, String variables) {
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(requestNo).taskDefinitionKey(activityId).singleResult();
    statements.reset();
    if (task.getAssignee() == null) {
      expect(204, api.post(user, "/engine-rest/task/" + task.getId() + "/claim", "{\"userId\":\"" + user + "\"}"));
    }
    var done = api.post(user, "/engine-rest/task/" + task.getId() + "/submit-form", "{\"variables\":" + variables + "}");
    if (done.status() != 204 && done.status() != 200) {
      throw new IllegalStateException(activityId + ": " + done.status() + " " + done.body());
    }
    return requestNo;
  }

  /** Runs every job that is due now, as the job executor would, until none is left. */
  private void runDueJobs() {
    for (int round = 0; round < 50; round++) {
      List<Job> due = management.createJobQuery().executable().list();
      if (due.isEmpty()) {
        return;
      }
      for (Job job : due) {
        management.executeJob(job.getId());
      }
    }
  }

  // ---- 2. the bare-Camunda twin ----------------------------------------------------------------------------

  private double twin() throws Exception {
    String database = TestDatabase.freshPostgresDatabase();
    String server = databaseUrl.substring(0, databaseUrl.lastIndexOf('/') + 1);
    var executor = jobExecutor();
    executor.shutdown(); // Guanjia idles while the twin is measured
    try (AppNode twin = AppNode.start(BareCamundaTwin.class, "bare-camunda-twin", server + database,
        "postgres", "", "--camunda.bpm.admin-user.id=twin", "--camunda.bpm.admin-user.password=twin")) {
      twin.awaitUp();
      Api twinApi = twin.api();
      byte[] dmn = Files.readAllBytes(Path.of("processes", "request-triage.dmn"));
      expect(200, twinApi.postMultipart(null, "/engine-rest/deployment/create", Map.of("deployment-name", "twin"),
          "request-triage.dmn", dmn));
      expect(200, twinApi.postMultipart(null, "/engine-rest/deployment/create", Map.of("deployment-name", "twin"),
          "twin-first-steps.bpmn", Bpmn.convertToString(firstSteps()).getBytes(StandardCharsets.UTF_8)));
      expect(200, twinApi.postMultipart(null, "/engine-rest/deployment/create", Map.of("deployment-name", "twin"),
          "twin-timer-job.bpmn", Bpmn.convertToString(timerJob()).getBytes(StandardCharsets.UTF_8)));

      String body = "{\"variables\":{\"type\":{\"value\":\"REPAIR\"},\"category\":{\"value\":\"DRAIN\"},"
          + "\"description\":{\"value\":\"厨房地漏堵塞\"},\"channel\":{\"value\":\"PHONE\"},"
          + "\"residentId\":{\"value\":\"R-0001\"}},\"businessKey\":\"%s\"}";
      load(INTAKE / 4, () -> twinApi.post(null, "/engine-rest/process-definition/key/twin-first-steps/start",
          body.formatted("T-" + sequence.incrementAndGet())), 201, 200); // warm-up
      Load start = load(INTAKE, () -> twinApi.post(null, "/engine-rest/process-definition/key/twin-first-steps/start",
          body.formatted("T-" + sequence.incrementAndGet())), 201, 200);
      line("");
      line("bare-Camunda twin (same DMN, start → business rule task → user task with 5 timers, over /engine-rest):");
      line("  REST start: %.1f/s, p50 %.0f ms, p99 %.0f ms", start.rate(), start.p(50), start.p(99));
      ObjectNode json = results.putObject("twin");
      json.put("startRate", start.rate()).put("startP50Ms", start.p(50)).put("startP99Ms", start.p(99));

      // jobs: timers created suspended, then all due at once
      expect(204, twinApi.send(null, HttpRequest.newBuilder(URI.create(base(twin) + "/engine-rest/job-definition/suspended"))
          .header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString("{\"processDefinitionKey\":\"twin-timer-job\",\"suspended\":true,"
              + "\"includeJobs\":true}"))));
      load(TWIN_JOBS, () -> twinApi.post(null, "/engine-rest/process-definition/key/twin-timer-job/start", "{}"), 200);
      long activated = System.nanoTime();
      expect(204, twinApi.send(null, HttpRequest.newBuilder(URI.create(base(twin) + "/engine-rest/job-definition/suspended"))
          .header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString("{\"processDefinitionKey\":\"twin-timer-job\",\"suspended\":false,"
              + "\"includeJobs\":true}"))));
      long done = 0;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
      while (done < TWIN_JOBS && System.nanoTime() < deadline) {
        Thread.sleep(200);
        done = twinApi.get(null, "/engine-rest/history/process-instance/count?processDefinitionKey=twin-timer-job"
            + "&finished=true").json().get("count").asLong();
      }
      double jobRate = done / ((System.nanoTime() - activated) / 1e9);
      line("  timer → service task: %d jobs at %.0f jobs/s", done, jobRate);
      json.put("timerJobsPerSecond", jobRate);
      twinJobRate = jobRate;
      return start.rate();
    } finally {
      executor.start();
    }
  }

  private double twinJobRate = Double.NaN;

  // ---- 4. an escalation burst --------------------------------------------------------------------------------

  /**
   * {@code benchmark.escalations} urgent elevator repairs are opened (job executor and outbox dispatcher
   * stopped) and nobody responds; the other targets' timers are held back and the engine's clock jumps
   * past every response target at once. The job executor then works off the burst: each response timer
   * records a violation and starts the case's escalation, whose level-1 task goes to the supervisors (the
   * messages it writes wait in the outbox). Escalations per second and jobs per second against the twin's
   * timer jobs per second.
   */
  private void escalationBurst() throws Exception {
    var executor = jobExecutor();
    executor.shutdown();
    dispatcher.stop();
    load(ESCALATIONS, () -> api.post("frontdesk", "/api/requests", Api.request("REPAIR", "ELEVATOR", "PHONE",
        "3号楼电梯停在两层之间 #" + sequence.incrementAndGet(), "R-0005")), 201);
    if (!autovacuum) {
      jdbc.execute("vacuum analyze"); // as autovacuum would after 10,000 new cases
    }
    List<Job> due = management.createJobQuery().timers().activityId(RESPONSE_TIMER).list();
    ResponseBurst.holdAllButResponseTimers(management);
    long tasksBefore = history.createHistoricTaskInstanceQuery().taskDefinitionKey(LEVEL_1_TASK).count();
    long jobsBefore = history.createHistoricJobLogQuery().successLog().count();
    Date lastDue = due.stream().map(Job::getDuedate).max(Date::compareTo).orElseThrow();
    ClockUtil.offset(lastDue.getTime() + 1_000 - System.currentTimeMillis());
    try {
      long started = System.nanoTime();
      executor.start();
      long escalated = 0;
      long deadline = started + TimeUnit.MINUTES.toNanos(60);
      long progress = started;
      while (escalated < due.size() && System.nanoTime() < deadline) {
        sleep(250);
        escalated = history.createHistoricTaskInstanceQuery().taskDefinitionKey(LEVEL_1_TASK).count() - tasksBefore;
        if (System.nanoTime() - progress > TimeUnit.SECONDS.toNanos(15)) {
          System.out.printf("  ... %,d of %,d escalations%n", escalated, due.size());
          progress = System.nanoTime();
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      executor.shutdown();
      long jobs = history.createHistoricJobLogQuery().successLog().count() - jobsBefore;
      double perSecond = escalated / seconds;
      double jobsPerSecond = jobs / seconds;
      line("");
      line("escalation burst: %,d response targets due at once, %,d escalated (level-1 task) in %.1f s:", due.size(),
          escalated, seconds);
      line("  %.0f escalations/s (%.2f × twin's %.0f timer jobs/s); %,d jobs = %.0f jobs/s (%.2f × twin)", perSecond,
          perSecond / twinJobRate, twinJobRate, jobs, jobsPerSecond, jobsPerSecond / twinJobRate);
      results.putObject("escalationBurst").put("due", due.size()).put("escalated", escalated).put("seconds", seconds)
          .put("escalationsPerSecond", perSecond).put("jobsPerSecond", jobsPerSecond)
          .put("escalationsRatioToTwinJobs", perSecond / twinJobRate).put("jobsRatioToTwinJobs",
              jobsPerSecond / twinJobRate);
    } finally {
      ClockUtil.reset();
      ResponseBurst.release(management);
      dispatcher.start();
    }
  }

  private static String base(AppNode node) {
    return "http://localhost:" + node.port();
  }

  /** The first steps of a case as bare Camunda: triage by the same DMN, then the first task and its targets. */
  private static BpmnModelInstance firstSteps() {
    var model = Bpmn.createExecutableProcess("twin-first-steps").camundaHistoryTimeToLive(180)
        .startEvent("StartEvent_RequestReceived")
        .businessRuleTask("Task_TriageRequest").camundaDecisionRef("request-triage")
        .camundaMapDecisionResult("singleResult").camundaResultVariable("triage")
        .userTask("Task_ArriveOnSite").camundaCandidateGroups("${triage.responsibleGroup}")
        .endEvent("EndEvent_Done").done();
    var task = model.getModelElementById("Task_ArriveOnSite");
    String[] targets = {"responseTarget", "onSiteTarget", "planTarget", "resolveTarget", "escalationInterval"};
    for (String target : targets) {
      ((org.camunda.bpm.model.bpmn.instance.UserTask) task).builder()
          .boundaryEvent("BoundaryEvent_" + target).cancelActivity(false).timerWithDuration("${triage." + target + "}")
          .endEvent("EndEvent_" + target);
    }
    return model;
  }

  private static BpmnModelInstance timerJob() {
    return Bpmn.createExecutableProcess("twin-timer-job").camundaHistoryTimeToLive(180)
        .startEvent().intermediateCatchEvent("Timer_Due").timerWithDuration("PT0S")
        .serviceTask("Task_Work").camundaExpression("${true}")
        .endEvent().done();
  }

  // ---- 3. levels ---------------------------------------------------------------------------------------------

  /** Lets the job executor and the outbox dispatcher work off what filling left due, at most two minutes. */
  private void awaitDueJobsDone() {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while ((management.createJobQuery().executable().count() > 0
        || jdbc.queryForObject("select count(*) from outbox_message where status = 'PENDING'", Long.class) > 0)
        && System.nanoTime() < deadline) {
      sleep(500);
    }
  }

  private ObjectNode measureLevel(double twinRate) {
    awaitDueJobsDone();
    long cases = jdbc.queryForObject("select count(*) from service_request", Long.class);
    long authorizations = jdbc.queryForObject("select count(*) from ACT_RU_AUTHORIZATION", Long.class);
    long jobs = jdbc.queryForObject("select count(*) from ACT_RU_JOB", Long.class);
    Load intake = load(INTAKE, () -> api.post("frontdesk", "/api/requests", requestBody(sequence.incrementAndGet())),
        201);
    // the reads are measured on their own, once the deliveries the intake left are done
    awaitDueJobsDone();
    List<String> filters = new ArrayList<>();
    for (JsonNode f : api.get("frontdesk", "/engine-rest/filter?maxResults=500&resourceType=Task").json()) {
      filters.add(f.get("id").asText());
    }
    String sorting = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
        + "\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],\"active\":true}";
    AtomicInteger turn = new AtomicInteger();
    Load filterCalls = load(READS, () -> {
      String id = filters.get(turn.getAndIncrement() % filters.size());
      var list = api.send("frontdesk", HttpRequest.newBuilder(URI.create("http://localhost:" + port
              + "/engine-rest/filter/" + id + "/list?firstResult=0&maxResults=15"))
          .header("Content-Type", "application/json").header("Accept", "application/hal+json")
          .POST(HttpRequest.BodyPublishers.ofString(sorting)));
      expect(200, list);
      return api.post("frontdesk", "/engine-rest/filter/" + id + "/count", sorting);
    }, 200);
    Random random = new Random(7);
    Load reads = load(READS, () -> api.get("frontdesk", "/api/requests/"
        + requestNumbers.get(random.nextInt(requestNumbers.size()))), 200);
    double ratio = intake.rate() / twinRate;
    line("");
    line("at %,d cases (%,d authorizations, %,d jobs):", cases, authorizations, jobs);
    line("  POST /api/requests: %.1f/s (%.2f × twin), p50 %.0f ms, p99 %.0f ms", intake.rate(), ratio, intake.p(50),
        intake.p(99));
    line("  frontdesk filters (%d) list + count: p50 %.0f ms, p95 %.0f ms", filters.size(), filterCalls.p(50),
        filterCalls.p(95));
    line("  GET /api/requests/{no}: p50 %.0f ms, p95 %.0f ms", reads.p(50), reads.p(95));
    ObjectNode json = JSON.createObjectNode();
    json.put("cases", cases).put("authorizations", authorizations).put("jobs", jobs)
        .put("intakeRate", intake.rate()).put("intakeRatioToTwin", ratio).put("intakeP50Ms", intake.p(50))
        .put("intakeP99Ms", intake.p(99)).put("filterP95Ms", filterCalls.p(95)).put("getP95Ms", reads.p(95));
    return json;
  }

  private String register(String type, String category, String resident) {
    var response = api.post("frontdesk", "/api/requests",
        Api.request(type, category, "PHONE", "基准测试 " + sequence.incrementAndGet(), resident));
    expect(201, response);
    String requestNo = response.json().get("requestNo").asText();
    requestNumbers.add(requestNo);
    return requestNo;
  }

  private static final String[][] MIX = {
      {"REPAIR", "DRAIN"}, {"REPAIR", "DRAIN"}, {"REPAIR", "WATER_ELECTRIC"}, {"REPAIR", "WATER_ELECTRIC"},
      {"REPAIR", "FACILITY"}, {"REPAIR", "HEATING"}, {"REPAIR", "ELEVATOR"}, {"HELP", "OTHER"},
      {"INQUIRY", "OTHER"}, {"INQUIRY", "PARKING"}, {"COMPLAINT", "NOISE"}, {"SUGGESTION", "OTHER"},
      {"REPAIR", "CLEANING"}, {"REPAIR", "GREENING"}};

  private String requestBody(int n) {
    String[] kind = MIX[n % MIX.length];
    return Api.request(kind[0], kind[1], n % 3 == 0 ? "WECHAT" : "PHONE", "基准测试 " + n,
        "R-000" + (1 + n % 6));
  }

  // ---- filling ------------------------------------------------------------------------------------------------

  private void fill(int target) throws Exception {
    long have = jdbc.queryForObject("select count(*) from service_request", Long.class);
    if (have >= target) {
      return;
    }
    int missing = (int) (target - have);
    long started = System.nanoTime();
    AtomicInteger done = new AtomicInteger();
    ConcurrentLinkedQueue<String> stuck = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(FILL_THREADS);
    List<Future<?>> work = new ArrayList<>();
    for (int i = 0; i < missing; i++) {
      work.add(pool.submit(() -> {
        int n = sequence.incrementAndGet();
        var response = api.post("frontdesk", "/api/requests", requestBody(n));
        expect(201, response);
        String requestNo = response.json().get("requestNo").asText();
        requestNumbers.add(requestNo);
        // one in twenty is still open, at its first step
        if (n % 20 != 0 && !workToClose(requestNo)) {
          stuck.add(requestNo);
        }
        int d = done.incrementAndGet();
        if (d % 1000 == 0) {
          System.out.printf("  ... filled %,d of %,d (%.0f cases/s)%n", d, missing,
              d / ((System.nanoTime() - started) / 1e9));
        }
        return null;
      }));
    }
    for (Future<?> f : work) {
      f.get();
    }
    pool.shutdown();
    // the callbacks that fell due while filling are made, as the front desk would
    workOpenCallbacks();
    if (!autovacuum) {
      jdbc.execute("vacuum analyze");
    }
    line("");
    line("filled %,d cases in %.0f s (%d left where an unknown step waited)", missing,
        (System.nanoTime() - started) / 1e9, stuck.size());
  }

  /** Works a case's tasks in-process with plausible answers until it is closed. */
  private boolean workToClose(String requestNo) {
    for (int idle = 0, steps = 0; steps < 20 && idle < 150; ) {
      List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(requestNo).list();
      if (open.isEmpty()) {
        if (closed(requestNo)) {
          return true;
        }
        idle++;
        sleep(20);
        continue;
      }
      for (Task task : open) {
        Map<String, Object> answers = answers(task.getTaskDefinitionKey());
        if (answers == null) {
          return false;
        }
        if (task.getAssignee() == null) {
          tasks.claim(task.getId(), userFor(task));
        }
        tasks.complete(task.getId(), answers);
        steps++;
      }
    }
    return closed(requestNo);
  }

  private boolean closed(String requestNo) {
    return history.createHistoricVariableInstanceQuery().processInstanceIdIn(caseInstance(requestNo))
        .variableName("closedAt").count() > 0;
  }

  private String caseInstance(String requestNo) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_SERVICE_REQUEST)
        .processInstanceBusinessKey(requestNo).singleResult().getId();
  }

  private void workOpenCallbacks() {
    for (Task task : tasks.createTaskQuery().taskDefinitionKey("Task_CallResident").list()) {
      tasks.claim(task.getId(), "frontdesk");
      tasks.complete(task.getId(), answers("Task_CallResident"));
    }
  }

  private String userFor(Task task) {
    for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        return switch (link.getGroupId()) {
          case "maintenance" -> "tech1";
          case "cleaning" -> "cleaner1";
          case "security" -> "guard1";
          case "landscaping" -> "gardener1";
          case "butler" -> "butler1";
          case "supervisor" -> "supervisor1";
          case "project-manager" -> "manager1";
          case "quality" -> "quality1";
          default -> "frontdesk";
        };
      }
    }
    return "frontdesk";
  }

  private static Map<String, Object> answers(String activityId) {
    Date eta = new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofHours(4).toMillis());
    return switch (activityId) {
      case "Task_ArriveOnSite" -> Map.of("arrivedOnSite", true, "previousStepRating", 4);
      case "Task_ProposePlan" -> Map.of("plan", "更换配件", "eta", eta);
      case "Task_PerformWork" -> Map.of("resolved", true, "resolution", "已处理");
      case "Task_ConfirmWithResident" -> Map.of("residentConfirmed", true, "previousStepRating", 5);
      case "Task_AnswerInquiry" -> Map.of("resolution", "已答复业主");
      case "Task_RecordSuggestion" -> Map.of("feedbackKind", "SUGGESTION", "resolution", "已记录，谢谢您的建议");
      case "Task_AcknowledgePraise" -> Map.of("praiseComment", "已转达");
      case "Task_HandleAttitudeComplaint" -> Map.of("resolution", "已约谈", "complaintSubstantiated", false,
          "residentConfirmed", true, "previousStepRating", 4);
      case "Task_FollowUpConstructionDefect" -> Map.of("plan", "联系开发商", "eta", eta);
      case "Task_TrackConstructionDefect" -> Map.of("workAction", "REPORT", "resolved", true,
          "resolution", "开发商已修复");
      case "Task_CallResident" -> Map.of("reached", true, "satisfaction", "SATISFIED", "problemRecurred", false,
          "previousStepRating", 5, "comment", "业主满意");
      default -> null;
    };
  }

  // ---- load and figures ---------------------------------------------------------------------------------------

  record Load(double rate, List<Long> sortedMillis) {
    double p(int percentile) {
      int index = (int) Math.ceil(percentile / 100.0 * sortedMillis.size()) - 1;
      return sortedMillis.get(Math.max(0, Math.min(index, sortedMillis.size() - 1)));
    }
  }

  /** {@code count} calls by {@link #CLIENTS} clients; the rate counts from the first call to the last answer. */
  private Load load(int count, java.util.concurrent.Callable<Api.Response> call, int... ok) {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    List<Long> millis = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        calls.add(pool.submit(() -> {
          long t = System.nanoTime();
          Api.Response response = call.call();
          millis.add((System.nanoTime() - t) / 1_000_000);
          expect(ok, response);
          if (response.status() == 201 && response.body().contains("\"requestNo\"")) {
            requestNumbers.add(response.json().get("requestNo").asText());
          }
          return null;
        }));
      }
      for (Future<?> f : calls) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdown();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    return new Load(count / seconds, sorted);
  }

  private static void expect(int status, Api.Response response) {
    expect(new int[] {status}, response);
  }

  private static void expect(int[] statuses, Api.Response response) {
    for (int s : statuses) {
      if (response.status() == s) {
        return;
      }
    }
    throw new IllegalStateException(response.status() + " " + response.body());
  }

  private org.camunda.bpm.engine.impl.jobexecutor.JobExecutor jobExecutor() {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
  }

  private void write() throws Exception {
    Path dir = Path.of("target", "benchmark");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("scale.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
    Files.writeString(dir.resolve("scale.txt"), report);
    List<Double> cases = new ArrayList<>();
    List<Double> rate = new ArrayList<>();
    List<Double> p99 = new ArrayList<>();
    for (JsonNode level : results.get("levels")) {
      cases.add(level.get("cases").asDouble());
      rate.add(level.get("intakeRate").asDouble());
      p99.add(level.get("intakeP99Ms").asDouble());
    }
    if (cases.isEmpty() || !results.has("twin")) {
      System.out.println("==== " + report.toString().replace("\n", "\n     ").strip());
      return;
    }
    XYChart chart = new XYChartBuilder().width(900).height(500).title("Guanjia intake against cases in the database")
        .xAxisTitle("cases in the database").yAxisTitle("requests/s  |  p99 ms / 10").build();
    chart.addSeries("POST /api/requests per second", cases, rate);
    chart.addSeries("p99 latency (ms / 10)", cases, p99.stream().map(v -> v / 10).toList());
    double twin = results.get("twin").get("startRate").asDouble();
    XYSeries twinLine = chart.addSeries("bare Camunda twin, REST start per second", List.of(cases.get(0),
        cases.get(cases.size() - 1)), List.of(twin, twin));
    twinLine.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
    BitmapEncoder.saveBitmap(chart, dir.resolve("scale").toString(), BitmapEncoder.BitmapFormat.PNG);
    System.out.println();
    System.out.println("==== " + report.toString().replace("\n", "\n     ").strip());
    System.out.println("     figures: target/benchmark/scale.json, chart: target/benchmark/scale.png");
  }

  private void line(String format, Object... args) {
    String text = format.formatted(args);
    report.append(text).append('\n');
    System.out.println(text);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
