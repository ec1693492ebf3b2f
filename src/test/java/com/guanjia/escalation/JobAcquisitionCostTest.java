package com.guanjia.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.GuanjiaTest;
import com.guanjia.test.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * When thousands of targets fall due at once (a night's backlog, an outage), the job executor asks the
 * database for the next few due jobs again and again. It must read those few by index in the order it
 * asks for them (timers first, oldest due first), not sort every due job each time.
 */
@GuanjiaTest
class JobAcquisitionCostTest {
  /** Camunda 7.24's acquisition query with Guanjia's settings (by due date, timers first), values inlined. */
  private static final String ACQUISITION = "select RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, "
      + "RES.EXCLUSIVE_ from ACT_RU_JOB RES where (RES.RETRIES_ > 0) and (RES.DUEDATE_ <= timestamp '2100-01-01 00:00:00') "
      + "and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < current_timestamp) and RES.SUSPENSION_STATE_ = 1 "
      + "and ((RES.EXCLUSIVE_ = true and not exists(select J2.ID_ from ACT_RU_JOB J2 where "
      + "J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ and (J2.EXCLUSIVE_ = true) and (J2.LOCK_OWNER_ is not "
      + "null and J2.LOCK_EXP_TIME_ >= current_timestamp))) or RES.EXCLUSIVE_ = false) "
      + "order by RES.TYPE_ desc, RES.DUEDATE_ asc limit 16 offset 0";

  @Autowired DataSource dataSource;

  @Test
  void aBurstOfDueTimersIsAcquiredByIndexInTheOrderAskedFor() throws Exception {
    var jdbc = new JdbcTemplate(dataSource);
    // 9,000 timers due together (in 2099, so that the running job executor leaves them alone)
    List<Object[]> timers = new ArrayList<>();
    for (int i = 0; i < 9_000; i++) {
      timers.add(new Object[] {"gj-test-job-" + i, "gj-test-instance-" + i,
          java.sql.Timestamp.valueOf("2099-06-01 08:00:00").getTime() + i * 1_000L});
    }
    jdbc.batchUpdate("insert into ACT_RU_JOB (ID_, REV_, TYPE_, EXCLUSIVE_, PROCESS_INSTANCE_ID_, EXECUTION_ID_, "
        + "RETRIES_, SUSPENSION_STATE_, HANDLER_TYPE_, DUEDATE_, PRIORITY_) values (?, 1, 'timer', true, ?, null, 3, "
        + "1, 'timer-transition', ?, 0)", timers, 500, (ps, row) -> {
          ps.setString(1, (String) row[0]);
          ps.setString(2, (String) row[1]);
          ps.setTimestamp(3, new java.sql.Timestamp((Long) row[2]));
        });
    try {
      if (TestDatabase.postgres()) {
        jdbc.execute("analyze ACT_RU_JOB");
        String plan = String.join("\n", jdbc.queryForList("explain " + ACQUISITION, String.class));
        assertThat(plan).as(plan)
            .contains("gj_idx_job_acquisition_order")
            .doesNotContain("Sort")
            .doesNotContain("Seq Scan");
      } else {
        assertThat(indexes()).contains("GJ_IDX_JOB_ACQUISITION_ORDER");
      }
      // (the other tests' timers left aside)
      assertThat(jdbc.queryForList(ACQUISITION.replace("RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, "
          + "RES.EXCLUSIVE_", "RES.ID_").replace("where (RES.RETRIES_", "where RES.ID_ like 'gj-test-job-%' and "
          + "(RES.RETRIES_"), String.class))
          .as("the oldest due first").startsWith("gj-test-job-0", "gj-test-job-1").hasSize(16);
    } finally {
      jdbc.update("delete from ACT_RU_JOB where ID_ like 'gj-test-job-%'");
    }
  }

  private List<String> indexes() throws Exception {
    try (var connection = dataSource.getConnection();
        var rows = connection.getMetaData().getIndexInfo(null, null, "ACT_RU_JOB", false, false)) {
      List<String> names = new ArrayList<>();
      while (rows.next()) {
        names.add(rows.getString("INDEX_NAME").toUpperCase(Locale.ROOT));
      }
      return names;
    }
  }
}
