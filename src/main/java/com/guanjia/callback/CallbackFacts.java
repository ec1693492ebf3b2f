package com.guanjia.callback;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What callbacks found, kept as facts for the scorecards (R7): every call made (reached or not), the
 * rating of the whole handling (points are the ledger's, {@code ScoreLedger}). Writes are keyed, so a retried step records once.
 */
@Repository
public class CallbackFacts {
  private final JdbcClient jdbc;

  CallbackFacts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Visit(String requestNo, String planInstanceId, String tier, int callbackNo, int attempt, String outcome,
      String satisfaction, Boolean problemRecurred, String comment, String calledBy,
      OffsetDateTime calledAt) {}

  void recordCall(Visit v) {
    jdbc.sql("""
            insert into callback_visit (request_no, plan_instance_id, tier, callback_no, attempt, outcome, satisfaction,
                                        problem_recurred, comment, called_by, called_at)
            select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from (values (1)) as one (x)
             where not exists (select 1 from callback_visit
                                where plan_instance_id = ? and callback_no = ? and attempt = ?)""")
        .params(v.requestNo(), v.planInstanceId(), v.tier(), v.callbackNo(), v.attempt(), v.outcome(),
            v.satisfaction(), v.problemRecurred(), v.comment(), v.calledBy(), v.calledAt(),
            v.planInstanceId(), v.callbackNo(), v.attempt())
        .update();
  }

  public List<Visit> visits(String requestNo) {
    return jdbc.sql("select * from callback_visit where request_no = ? order by id").param(requestNo)
        .query((rs, n) -> new Visit(rs.getString("request_no"), rs.getString("plan_instance_id"), rs.getString("tier"),
            rs.getInt("callback_no"), rs.getInt("attempt"), rs.getString("outcome"), rs.getString("satisfaction"),
            (Boolean) rs.getObject("problem_recurred"), rs.getString("comment"), rs.getString("called_by"),
            rs.getObject("called_at", OffsetDateTime.class)))
        .list();
  }

  /** Requests other than this one that the resident raised in the given period. */
  boolean otherRequestsBetween(String residentId, String requestNo, OffsetDateTime from, OffsetDateTime to) {
    Integer n = jdbc.sql("""
            select count(*) from service_request
             where resident_id = ? and request_no <> ? and registered_at >= ? and registered_at <= ?""")
        .params(residentId, requestNo, from, to).query(Integer.class).single();
    return n != null && n > 0;
  }
}
