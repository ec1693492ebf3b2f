package com.guanjia.escalation;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Missed targets as facts for the scorecards (R7): who held the step, which target, by how much. */
@Repository
public class Violations {
  private final JdbcClient jdbc;

  Violations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Violation(String requestNo, String target, String responsibleUser, OffsetDateTime dueAt,
      OffsetDateTime detectedAt, long overdueSeconds) {}

  /** Records one violation; a job that runs again with the same key records nothing more. */
  boolean record(String dedupeKey, String requestNo, Target target, String responsibleUser, OffsetDateTime dueAt,
      OffsetDateTime detectedAt) {
    long overdue = Math.max(0, java.time.Duration.between(dueAt, detectedAt).getSeconds());
    return jdbc.sql("""
            insert into sla_violation (dedupe_key, request_no, target, responsible_user, due_at, detected_at, overdue_seconds)
            select ?, ?, ?, ?, ?, ?, ? from (values (1)) as one (x)
             where not exists (select 1 from sla_violation where dedupe_key = ?)""")
        .params(dedupeKey, requestNo, target.name(), responsibleUser, dueAt, detectedAt, overdue, dedupeKey)
        .update() > 0;
  }

  public List<Violation> forRequest(String requestNo) {
    return jdbc.sql("select * from sla_violation where request_no = ? order by id").param(requestNo)
        .query((rs, n) -> new Violation(rs.getString("request_no"), rs.getString("target"),
            rs.getString("responsible_user"), rs.getObject("due_at", OffsetDateTime.class),
            rs.getObject("detected_at", OffsetDateTime.class), rs.getLong("overdue_seconds")))
        .list();
  }
}
