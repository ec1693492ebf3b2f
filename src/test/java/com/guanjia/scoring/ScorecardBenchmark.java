package com.guanjia.scoring;

import com.guanjia.test.BenchmarkDatabase;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The month's scorecards of a large company: {@code benchmark.closed-cases} cases (100,000 unless told otherwise)
 * closed in one month by {@code benchmark.staff} members of staff (200), each answered at a callback, one in ten
 * late on site, with their points. A benchmark that prints figures, not a test
 * ({@code mvn -Pbenchmark test -Dtest=ScorecardBenchmark}; PostgreSQL in its second run): the time to compute the
 * month and the highest heap in use meanwhile (the cases are streamed, not loaded).
 */
@SpringBootTest(properties = {"guanjia.data-dir=target/benchmark-data", "guanjia.demo.mail-catcher=false",
    "logging.level.org.camunda.bpm.engine.context=off", "camunda.bpm.job-execution.enabled=false"})
@ContextConfiguration(initializers = BenchmarkDatabase.class)
@org.springframework.test.annotation.DirtiesContext
class ScorecardBenchmark {
  private static final int CASES = Integer.getInteger("benchmark.closed-cases", 100_000);
  private static final int STAFF = Integer.getInteger("benchmark.staff", 200);
  private static final YearMonth MONTH = YearMonth.of(2032, 1);
  private static final String[] SATISFACTION = {"SATISFIED", "MET_EXPECTATIONS", "DEEPLY_MOVED", "SATISFIED",
      "DISSATISFIED"};

  @Autowired JdbcTemplate jdbc;
  @Autowired Scorecards scorecards;

  private void fill() {
    jdbc.update("delete from case_summary where request_no like 'GJ-SB-%'");
    jdbc.update("delete from callback_visit where request_no like 'GJ-SB-%'");
    jdbc.update("delete from sla_violation where request_no like 'GJ-SB-%'");
    jdbc.update("delete from score_fact where request_no like 'GJ-SB-%'");
    jdbc.update("delete from staff_member where user_id like 'sb%'");
    List<Object[]> staff = new ArrayList<>();
    for (int s = 0; s < STAFF; s++) {
      staff.add(new Object[] {"sb" + s, "员工" + s, s % 4 == 0 ? "maintenance" : s % 4 == 1 ? "cleaning" : s % 4 == 2
          ? "security" : "butler"});
    }
    jdbc.batchUpdate("insert into staff_member (user_id, display_name, trade) values (?, ?, ?)", staff);
    OffsetDateTime start = MONTH.atDay(1).atTime(8, 0).atOffset(ZoneOffset.ofHours(8));
    List<Object[]> cases = new ArrayList<>();
    List<Object[]> calls = new ArrayList<>();
    List<Object[]> late = new ArrayList<>();
    List<Object[]> facts = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      String no = "GJ-SB-" + i;
      OffsetDateTime registered = start.plusSeconds((long) i * 26); // spread over the month
      String handler = "sb" + (i % STAFF);
      String owner = "sb" + ((i * 7 + 3) % STAFF);
      cases.add(new Object[] {no, "REPAIR", "WATER_ELECTRIC", "NORMAL", owner, handler, registered,
          registered.plusMinutes(5 + i % 10), registered.plusMinutes(10 + i % 20), registered.plusMinutes(40 + i % 30),
          registered.plusHours(3 + i % 5), registered.plusHours(4 + i % 5), i % 50 == 0 ? 1 : 0});
      calls.add(new Object[] {no, "plan-" + no, SATISFACTION[i % 5], registered.plusHours(6)});
      if (i % 10 == 0) {
        late.add(new Object[] {no + ":ON_SITE", no, handler, registered.plusMinutes(15), registered.plusMinutes(16)});
        facts.add(new Object[] {no + ":late", handler, no, registered.plusMinutes(16)});
      }
      if (cases.size() == 5_000 || i == CASES - 1) {
        jdbc.batchUpdate("""
            insert into case_summary (request_no, type, category, priority, owner, handler, registered_at, responded_at,
                                      arrived_at, planned_at, resolved_at, closed_at, reopen_count)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", cases);
        jdbc.batchUpdate("""
            insert into callback_visit (request_no, plan_instance_id, tier, callback_no, attempt, outcome, satisfaction,
                                        problem_recurred, called_by, called_at)
            values (?, ?, 'ORDINARY', 1, 1, 'REACHED', ?, false, 'frontdesk', ?)""", calls);
        jdbc.batchUpdate("""
            insert into sla_violation (dedupe_key, request_no, target, responsible_user, due_at, detected_at,
                                       overdue_seconds) values (?, ?, 'ON_SITE', ?, ?, ?, 60)""", late);
        jdbc.batchUpdate("""
            insert into score_fact (dedupe_key, kind, staff_user_id, request_no, step, occurred_at, counts_in, points,
                                    reason, source) values (?, 'MISSED_TARGET', ?, ?, 'ON_SITE', ?, '2032-01', -2,
                                    '到场超时', 'benchmark')""", facts);
        cases.clear();
        calls.clear();
        late.clear();
        facts.clear();
      }
    }
  }

  @Test
  void theMonthsScorecardsOfALargeCompany() throws Exception {
    long filling = System.nanoTime();
    fill();
    System.out.printf("filled %,d closed cases for %d staff in %.1f s%n", CASES, STAFF,
        (System.nanoTime() - filling) / 1e9);
    scorecards.month(MONTH.minusMonths(1)); // warm up: the queries, the decision table
    for (int run = 1; run <= 3; run++) {
      System.gc();
      var memory = ManagementFactory.getMemoryMXBean();
      long before = memory.getHeapMemoryUsage().getUsed();
      AtomicLong peak = new AtomicLong(before);
      Thread sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      sampler.start();
      long t0 = System.nanoTime();
      var cards = scorecards.month(MONTH);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      sampler.interrupt();
      sampler.join();
      long handled = cards.stream().filter(c -> c.staffId().startsWith("sb")).mapToLong(Scorecards.Scorecard::casesHandled)
          .sum();
      System.out.printf("run %d: scorecards of %,d staff over %,d closed cases (%,d case-person pairs) in %.2f s; "
              + "heap %d MB before, peak %d MB (max %d MB)%n", run, cards.size(), CASES, handled,
          took.toMillis() / 1000.0, before >> 20, peak.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
  }
}
