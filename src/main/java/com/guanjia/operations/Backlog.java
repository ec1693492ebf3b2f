package com.guanjia.operations;

import static com.guanjia.process.ProcessContract.PROCESS_MESSAGE_DELIVERY;

import com.guanjia.notification.Outbox;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What is waiting, read with plain SQL on the engine's and Guanjia's tables: no Camunda user is signed
 * in to a scrape, and two statements are cheaper than a query per figure. Runs on H2 and PostgreSQL.
 */
@Repository
class Backlog {
  /** Incidents whose process definition is gone (or that never had one). */
  static final String NO_PROCESS = "none";

  private final JdbcClient jdbc;

  Backlog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param jobs executable jobs (retries left, not suspended), due or not
   * @param jobsDue executable jobs due at {@code now} (no due date, or due date passed), locked or not
   * @param oldestTimerLag how long the oldest due executable timer is overdue; zero when none is due
   * @param outbox messages not delivered yet
   * @param outboxFailed messages whose delivery is an incident (retries used up)
   * @param incidents open incidents per process definition key
   */
  record Reading(long jobs, long jobsDue, Duration oldestTimerLag, long outbox, long outboxFailed,
      Map<String, Long> incidents) {}

  Reading read(Instant now) {
    Timestamp at = Timestamp.from(now);
    record Jobs(long all, long due, Timestamp oldestTimerDue, long outbox) {}
    // SUSPENSION_STATE_: 1 active, 2 suspended
    Jobs jobs = jdbc.sql("""
            select count(*) as jobs,
                   coalesce(sum(case when DUEDATE_ is null or DUEDATE_ <= ? then 1 else 0 end), 0) as due,
                   min(case when TYPE_ = 'timer' and DUEDATE_ <= ? then DUEDATE_ end) as oldest_timer_due,
                   (select count(*) from outbox_message where status in (?, ?)) as outbox
              from ACT_RU_JOB
             where RETRIES_ > 0 and coalesce(SUSPENSION_STATE_, 1) = 1""")
        .params(at, at, Outbox.PENDING, Outbox.RETRYING)
        .query((rs, n) -> new Jobs(rs.getLong("jobs"), rs.getLong("due"), rs.getTimestamp("oldest_timer_due"),
            rs.getLong("outbox")))
        .single();

    Map<String, Long> incidents = new HashMap<>();
    long[] outboxFailed = {0};
    jdbc.sql("""
            select d.KEY_ as process, count(*) as incidents, count(distinct i.PROC_INST_ID_) as instances
              from ACT_RU_INCIDENT i left join ACT_RE_PROCDEF d on d.ID_ = i.PROC_DEF_ID_
             group by d.KEY_""")
        .query(rs -> {
          String process = rs.getString("process") == null ? NO_PROCESS : rs.getString("process");
          incidents.put(process, rs.getLong("incidents"));
          if (PROCESS_MESSAGE_DELIVERY.equals(process)) {
            // a message-delivery instance retries one message: an instance with an incident is a message that failed
            outboxFailed[0] = rs.getLong("instances");
          }
        });

    Duration lag = jobs.oldestTimerDue() == null ? Duration.ZERO
        : Duration.between(jobs.oldestTimerDue().toInstant(), now);
    return new Reading(jobs.all(), jobs.due(), lag.isNegative() ? Duration.ZERO : lag, jobs.outbox(),
        outboxFailed[0], Map.copyOf(incidents));
  }
}
