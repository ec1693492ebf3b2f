package com.guanjia.notification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox: messages are written in the transaction of the process step that causes them, so a
 * step that rolls back sends nothing and a step that commits is never without its message. A repeat
 * with the same dedupe key (a listener firing again) is ignored.
 */
@Repository
public class Outbox {
  private final JdbcClient jdbc;
  private final Clock clock;

  Outbox(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public record Message(long id, String requestNo, String residentId, String audience, String event, String text,
      String status, OffsetDateTime createdAt) {}

  boolean add(String dedupeKey, String requestNo, String residentId, String audience, String event, String text) {
    int added = jdbc.sql("""
            insert into outbox_message (dedupe_key, request_no, resident_id, audience, event, text, status, created_at)
            select ?, ?, ?, ?, ?, ?, 'PENDING', ? from (values (1)) as one (x)
             where not exists (select 1 from outbox_message where dedupe_key = ?)""")
        .params(dedupeKey, requestNo, residentId, audience, event, text, OffsetDateTime.now(clock), dedupeKey)
        .update();
    return added > 0;
  }

  /** A message to a member of staff (escalations, closed escalations): {@code audience} STAFF. */
  public boolean addForStaff(String dedupeKey, String requestNo, String staffUserId, String event, String text) {
    int added = jdbc.sql("""
            insert into outbox_message (dedupe_key, request_no, staff_user_id, audience, event, text, status, created_at)
            select ?, ?, ?, 'STAFF', ?, ?, 'PENDING', ? from (values (1)) as one (x)
             where not exists (select 1 from outbox_message where dedupe_key = ?)""")
        .params(dedupeKey, requestNo, staffUserId, event, text, OffsetDateTime.now(clock), dedupeKey)
        .update();
    return added > 0;
  }

  public List<Message> forRequest(String requestNo) {
    return jdbc.sql("select * from outbox_message where request_no = ? order by id").param(requestNo)
        .query((rs, n) -> new Message(rs.getLong("id"), rs.getString("request_no"), rs.getString("resident_id"),
            rs.getString("audience"), rs.getString("event"), rs.getString("text"), rs.getString("status"),
            rs.getObject("created_at", OffsetDateTime.class)))
        .list();
  }
}
