package com.guanjia.scoring;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the monthly scorecards read of a closed case ({@code case_summary}): written when it closes, rewritten when
 * a reopened case closes again. Its registration time is the request's own record's.
 */
@Repository
public class CaseSummaries {
  private final JdbcClient jdbc;

  CaseSummaries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Closed(String requestNo, String projectId, String type, String category, String priority, String owner,
      String handler, Instant respondedAt, Instant arrivedAt, Instant plannedAt, Instant resolvedAt, Instant closedAt,
      int reopenCount) {}

  public void closed(Closed c) {
    jdbc.sql("delete from case_summary where request_no = ?").param(c.requestNo()).update();
    jdbc.sql("""
            insert into case_summary (request_no, project_id, type, category, priority, owner, handler, registered_at,
                                      responded_at, arrived_at, planned_at, resolved_at, closed_at, reopen_count)
            select ?, ?, ?, ?, ?, ?, ?, coalesce(r.registered_at, ?), ?, ?, ?, ?, ?, ?
              from (values (1)) as one (x) left join service_request r on r.request_no = ?""")
        .params(c.requestNo(), c.projectId(), c.type(), c.category(), c.priority(), c.owner(), c.handler(),
            at(c.closedAt()), at(c.respondedAt()), at(c.arrivedAt()), at(c.plannedAt()), at(c.resolvedAt()),
            at(c.closedAt()), c.reopenCount(), c.requestNo())
        .update();
  }

  private static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
