package com.guanjia.notification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox: messages are written in the transaction of the process step that causes them, so a
 * step that rolls back sends nothing and a step that commits is never without its message. A repeat
 * with the same dedupe key (a listener firing again) is ignored. The {@link OutboxDispatcher} sends a
 * message once the writing transaction has committed (it is woken then); a message whose first attempt
 * fails is handed over to a {@code message-delivery} instance (business key {@code <requestNo>/M<id>},
 * so Cockpit finds it by the request number), which retries and raises an incident when it cannot.
 */
@Repository
public class Outbox {
  /** Written, waiting for the dispatcher (or for the end of quiet hours). */
  public static final String PENDING = "PENDING";
  /** The first attempt failed: a {@code message-delivery} instance retries it. */
  public static final String RETRYING = "RETRYING";
  public static final String SENT = "SENT";

  private final JdbcClient jdbc;
  private final Clock clock;
  private final DeliverySignal signal;

  Outbox(JdbcClient jdbc, Clock clock, DeliverySignal signal) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.signal = signal;
  }

  public record Message(long id, String dedupeKey, String requestNo, String residentId, String staffUserId,
      String audience, String event, String text, String status, String channel, boolean urgent,
      OffsetDateTime deliverAfter, int attempts, String lastError, String providerRef, OffsetDateTime createdAt,
      OffsetDateTime sentAt) {}

  /** A message to be written: to a resident (with their channel) or to a member of staff. */
  record Draft(String dedupeKey, String requestNo, String residentId, String staffUserId, String audience,
      String event, String text, String channel, boolean urgent, java.time.Instant deliverAfter) {}

  /** A message to a member of staff (escalations, closed escalations): {@code audience} STAFF, in-app. */
  public boolean addForStaff(String dedupeKey, String requestNo, String staffUserId, String event, String text) {
    return add(new Draft(dedupeKey, requestNo, null, staffUserId, "STAFF", event, text, "APP", true, null));
  }

  boolean add(Draft d) {
    int added = jdbc.sql("""
            insert into outbox_message (dedupe_key, request_no, resident_id, staff_user_id, audience, event, text,
                                        status, channel, urgent, deliver_after, created_at)
            select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from (values (1)) as one (x)
             where not exists (select 1 from outbox_message where dedupe_key = ?)""")
        .params(d.dedupeKey(), d.requestNo(), d.residentId(), d.staffUserId(), d.audience(), d.event(), d.text(),
            PENDING, d.channel(), d.urgent(), d.deliverAfter() == null ? null : d.deliverAfter().atOffset(
                java.time.ZoneOffset.UTC), OffsetDateTime.now(clock), d.dedupeKey())
        .update();
    if (added == 0) {
      return false;
    }
    signal.wakeAfterCommit();
    return true;
  }

  /**
   * Claims up to {@code limit} messages that are due at {@code now} (written, past their quiet hours,
   * not claimed by a live dispatcher) until {@code until}; another node, or this one after a crash,
   * takes them over when the claim has run out. Returns the claimed messages, oldest first.
   */
  List<Message> claimDue(OffsetDateTime now, OffsetDateTime until, int limit) {
    List<Long> due = jdbc.sql("""
            select id from outbox_message
             where status = ? and (deliver_after is null or deliver_after <= ?)
               and (claimed_until is null or claimed_until < ?)
             order by id fetch first ? rows only""")
        .params(PENDING, now, now, limit).query(Long.class).list();
    if (due.isEmpty()) {
      return List.of();
    }
    String token = java.util.UUID.randomUUID().toString();
    // the condition again: a dispatcher on another node may have claimed some of them since
    jdbc.sql("""
            update outbox_message set claimed_until = :until, claim_token = :token
             where id in (:ids) and status = :pending and (claimed_until is null or claimed_until < :now)""")
        .param("until", until).param("token", token).param("ids", due).param("pending", PENDING)
        .param("now", now).update();
    return jdbc.sql("select * from outbox_message where id in (:ids) and claim_token = :token order by id")
        .param("ids", due).param("token", token).query(Outbox::row).list();
  }

  /** The first attempt failed: the message's retries are now the {@code message-delivery} instance's. */
  void handOver(long id) {
    jdbc.sql("update outbox_message set status = ?, claimed_until = null, claim_token = null where id = ?")
        .params(RETRYING, id).update();
  }

  public Optional<Message> find(long id) {
    return jdbc.sql("select * from outbox_message where id = ?").param(id).query(Outbox::row).optional();
  }

  public List<Message> forRequest(String requestNo) {
    return jdbc.sql("select * from outbox_message where request_no = ? order by id").param(requestNo)
        .query(Outbox::row).list();
  }

  void markSent(long id, String channel, String providerRef, OffsetDateTime at) {
    jdbc.sql("""
            update outbox_message set status = ?, channel = ?, provider_ref = ?, sent_at = ?, attempts = attempts + 1,
                   claimed_until = null, claim_token = null
             where id = ?""")
        .params(SENT, channel, providerRef, at, id).update();
  }

  void markFailedAttempt(long id, String error) {
    jdbc.sql("update outbox_message set attempts = attempts + 1, last_error = ? where id = ?")
        .params(error.length() > 1000 ? error.substring(0, 1000) : error, id).update();
  }

  private static Message row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Message(rs.getLong("id"), rs.getString("dedupe_key"), rs.getString("request_no"),
        rs.getString("resident_id"), rs.getString("staff_user_id"), rs.getString("audience"), rs.getString("event"),
        rs.getString("text"), rs.getString("status"), rs.getString("channel"), rs.getBoolean("urgent"),
        rs.getObject("deliver_after", OffsetDateTime.class), rs.getInt("attempts"), rs.getString("last_error"),
        rs.getString("provider_ref"), rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("sent_at", OffsetDateTime.class));
  }
}
