package com.guanjia.audit;

import static com.guanjia.process.ProcessContract.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.BenchmarkDatabase;
import com.guanjia.test.Cases;
import com.guanjia.test.TestDatabase;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * One case's audit trail with a year of finished cases in the database: one repair is taken from registration to
 * closing (late on site, escalated, claimed, done, confirmed, sealed), and its rows — Camunda's history of all its
 * instances and Guanjia's own — are copied {@code benchmark.audit-cases} times (100,000 on PostgreSQL, 5,000 on the
 * H2 file, {@code benchmark.audit-cases-h2}) under new ids and request numbers. Then {@code GET /api/audit/requests/{no}} as an auditor, and
 * {@code /verify}, for random cases: p50, p95, p99 (target: p99 ≤ 50 ms). A benchmark that prints figures, not a
 * test ({@code mvn -Pbenchmark test -Dtest=AuditTimelineBenchmark}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"guanjia.data-dir=target/benchmark-data", "guanjia.demo.mail-catcher=false",
        "logging.level.org.camunda.bpm.engine.context=off", "camunda.bpm.job-execution.enabled=false",
        "guanjia.notifications.delivery.enabled=false"})
@ContextConfiguration(initializers = BenchmarkDatabase.class)
@org.springframework.test.annotation.DirtiesContext
class AuditTimelineBenchmark {
  private static final int CASES = TestDatabase.postgres() ? Integer.getInteger("benchmark.audit-cases", 100_000)
      : Integer.getInteger("benchmark.audit-cases-h2", 5_000);
  private static final int READS = Integer.getInteger("benchmark.audit-reads", 1_000);
  private static final OffsetDateTime START = OffsetDateTime.of(2033, 5, 6, 9, 0, 0, 0, ZoneOffset.ofHours(8));

  /** Camunda's history tables of a case, all read by the timeline (by the case's root instance). */
  private static final List<String> HISTORY = List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST",
      "ACT_HI_DETAIL", "ACT_HI_VARINST", "ACT_HI_IDENTITYLINK", "ACT_HI_OP_LOG", "ACT_HI_DECINST", "ACT_HI_DEC_IN",
      "ACT_HI_DEC_OUT", "ACT_HI_INCIDENT");
  /** Columns naming an instance, execution, activity, task, decision or operation of the case: copied with a suffix. */
  private static final List<String> OWN_IDS = List.of("ID_", "PROC_INST_ID_", "ROOT_PROC_INST_ID_", "EXECUTION_ID_",
      "ACT_INST_ID_", "TASK_ID_", "PARENT_ACT_INST_ID_", "CALL_PROC_INST_ID_", "SUPER_PROCESS_INSTANCE_ID_",
      "DEC_INST_ID_", "ROOT_DEC_INST_ID_", "OPERATION_ID_", "BUSINESS_KEY_", "PARENT_TASK_ID_", "VAR_INST_ID_",
      "CAUSE_INCIDENT_ID_", "ROOT_CAUSE_INCIDENT_ID_", "SUPER_EXECUTION_ID_", "PROC_INST_ID", "REQUEST_NO",
      "DEDUPE_KEY", "PROCESS_INSTANCE_ID", "PLAN_INSTANCE_ID");
  /** Guanjia's tables of a case, by request number. */
  private static final List<String> GUANJIA = List.of("service_request", "outbox_message", "sla_violation",
      "score_fact", "eta_change", "sla_pause", "ownership_transfer", "callback_visit", "case_summary",
      "personal_data_reveal");

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbcClient;
  @Autowired JdbcTemplate jdbc;
  @Autowired CaseTimeline timeline;
  @Autowired AuditSeals seals;
  @Autowired org.camunda.bpm.engine.ProcessEngine engine;

  /** The template: a repair, late on site and escalated, then done and confirmed; closed and sealed. */
  private ProcessInstance template() {
    org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions.init(engine);
    ClockUtil.setCurrentTime(Date.from(START.toInstant()));
    var created = new Api(port).post("frontdesk", "/api/requests",
        Api.request("REPAIR", "WATER_ELECTRIC", "PHONE", "走廊灯不亮，业主电话 13812345678", "R-0001"));
    assertThat(created.status()).isEqualTo(201);
    ProcessInstance kase = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_SERVICE_REQUEST)
        .processInstanceBusinessKey(created.json().get("requestNo").asText()).singleResult();
    var onSite = management.createJobQuery().rootProcessInstanceId(kase.getId())
        .activityId("BoundaryEvent_OnSiteTargetMissed").singleResult();
    ClockUtil.setCurrentTime(Date.from(START.plusMinutes(16).toInstant()));
    management.executeJob(onSite.getId());
    new Cases(runtime, tasks, jdbcClient, management).repairToClose(kase, START, 20, 40, 120, 130, "更换灯管", "已换好");
    ClockUtil.reset();
    return kase;
  }

  private List<String> columns(String table) {
    var names = new ArrayList<String>();
    jdbc.query("select * from " + table + " where 1 = 0", (org.springframework.jdbc.core.ResultSetExtractor<Void>) rs -> {
      var meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        names.add(meta.getColumnName(i).toUpperCase(java.util.Locale.ROOT));
      }
      return null;
    });
    return names;
  }

  /** Copies the template's rows of one table for copies {@code from}..{@code to}: own ids get "-n". */
  private void copy(String table, String where, Object key, int from, int to) {
    List<String> cols = columns(table).stream()
        .filter(c -> !(c.equals("ID") && GUANJIA.contains(table))).toList(); // Guanjia's identity ids are drawn anew
    String select = String.join(", ", cols.stream().map(c -> OWN_IDS.contains(c)
        // the same id always becomes the same copy; an activity instance's long id is cut first (its tail, the
        // machine's part of a time-based id, is the same in all of them)
        ? "case when t." + c + " is null then null else " + (c.endsWith("_") ? "left(t." + c + ", 55)" : "t." + c)
            + " || '-' || cast(n.n as varchar(10)) end"
        : c.equals("IDEMPOTENCY_KEY") ? "null" : "t." + c).toList());
    jdbc.update("insert into " + table + " (" + String.join(", ", cols) + ") select " + select + " from " + table
        + " t cross join bench_n n where t." + where + " = ? and n.n between ? and ?", key, from, to);
  }

  private void fill(ProcessInstance kase) {
    jdbc.execute("drop table if exists bench_n");
    jdbc.execute("create table bench_n (n integer primary key)");
    List<Object[]> numbers = new ArrayList<>();
    for (int n = 1; n <= CASES; n++) {
      numbers.add(new Object[] {n});
    }
    jdbc.batchUpdate("insert into bench_n (n) values (?)", numbers);
    long started = System.nanoTime();
    int batch = 10_000;
    for (int from = 1; from <= CASES; from += batch) {
      int to = Math.min(CASES, from + batch - 1);
      for (String table : HISTORY) {
        copy(table, "ROOT_PROC_INST_ID_", kase.getId(), from, to);
      }
      for (String table : GUANJIA) {
        copy(table, "request_no", kase.getBusinessKey(), from, to);
      }
      System.out.printf("  copied %,d of %,d cases (%.0f s)%n", to, CASES, (System.nanoTime() - started) / 1e9);
    }
    if (TestDatabase.postgres()) {
      jdbc.execute("analyze");
    }
  }

  private static long percentile(List<Long> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }

  private String measure(String what, java.util.function.IntConsumer read) {
    Random random = new Random(16);
    for (int i = 0; i < 50; i++) {
      read.accept(1 + random.nextInt(CASES)); // warm up
    }
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < READS; i++) {
      int n = 1 + random.nextInt(CASES);
      long t = System.nanoTime();
      read.accept(n);
      micros.add((System.nanoTime() - t) / 1_000);
    }
    micros.sort(null);
    return "%-44s p50 %5.1f ms, p95 %5.1f ms, p99 %5.1f ms".formatted(what, percentile(micros, 0.5) / 1000.0,
        percentile(micros, 0.95) / 1000.0, percentile(micros, 0.99) / 1000.0);
  }

  @Test
  void oneCasesTrailWithAYearOfFinishedCases() {
    ProcessInstance kase = template();
    String requestNo = kase.getBusinessKey();
    int events = timeline.of(jdbcClient.sql("select * from service_request where request_no = ?").param(requestNo)
        .query((rs, n) -> new com.guanjia.intake.RequestRecords.RequestRecord(rs.getString("request_no"),
            rs.getString("process_instance_id"), rs.getString("type"), rs.getString("category"),
            rs.getString("channel"), rs.getString("resident_id"), rs.getString("location"),
            rs.getString("registered_by"), rs.getObject("registered_at", OffsetDateTime.class), null,
            rs.getString("project_id"))).single()).size();
    long filling = System.nanoTime();
    fill(kase);
    double fillSeconds = (System.nanoTime() - filling) / 1e9;
    long historyRows = 0;
    for (String table : HISTORY) {
      historyRows += jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
    Api api = new Api(port);
    var sample = api.get("auditor1", "/api/audit/requests/" + requestNo + "-" + CASES / 2);
    assertThat(sample.status()).as(sample.body()).isEqualTo(200);
    assertThat(sample.json().get("events").size()).isEqualTo(events);

    String http = measure("GET /api/audit/requests/{no} (auditor1)", n -> {
      var r = api.get("auditor1", "/api/audit/requests/" + requestNo + "-" + n);
      if (r.status() != 200) {
        throw new IllegalStateException(r.body());
      }
    });
    // the copies' seals name the template's rows: the cases verify reads are sealed afresh (as at their closing)
    Random sealing = new Random(16);
    for (int i = 0; i < 50 + READS; i++) {
      seals.seal(requestNo + "-" + (1 + sealing.nextInt(CASES)));
    }
    String verify = measure("GET /api/audit/requests/{no}/verify", n -> {
      var r = api.get("auditor1", "/api/audit/requests/" + requestNo + "-" + n + "/verify");
      if (r.status() != 200 || !r.json().get("intact").asBoolean()) {
        throw new IllegalStateException(r.body());
      }
    });
    System.out.printf("%n==== Audit trail benchmark on %s: %,d finished cases (%,d history rows), %d events each%n",
        TestDatabase.postgres() ? "PostgreSQL" : "H2 (file)", CASES + 1, historyRows, events);
    System.out.printf("     filled in %.0f s; %d reads each, random cases%n", fillSeconds, READS);
    System.out.println("     " + http + "   (target: p99 ≤ 50 ms)");
    System.out.println("     " + verify);
    jdbc.execute("drop table bench_n");
  }
}
