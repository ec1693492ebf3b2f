package com.guanjia.notification;

import static com.guanjia.process.ProcessContract.PROCESS_MESSAGE_DELIVERY;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The outbox: messages are written in the transaction of the process step that causes them, so a
 * step that rolls back sends nothing and a step that commits is never without its message. A repeat
 * with the same dedupe key (a listener firing again) is ignored. Each message written starts its
 * {@code message-delivery} instance in the same transaction: the engine's job executor delivers it
 * after the commit, retries, and raises an incident when it cannot (business key
 * {@code <requestNo>/M<id>}, so Cockpit finds it by the request number).
 */
@Repository
public class Outbox {
  public static final String PENDING = "PENDING";
  public static final String SENT = "SENT";

  private final JdbcClient jdbc;
  private final Clock clock;
  private final RuntimeService runtime;
  private final IdentityService identity;

  Outbox(JdbcClient jdbc, Clock clock, @Lazy RuntimeService runtime, @Lazy IdentityService identity) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.runtime = runtime;
    this.identity = identity;
  }

  public record Message(long id, String dedupeKey, String requestNo, String residentId, String staffUserId,
      String audience, String event, String text, String status, String channel, boolean urgent,
      OffsetDateTime deliverAfter, int attempts, String lastError, String providerRef, OffsetDateTime createdAt,
      OffsetDateTime sentAt) {}

  /** A message to be written: to a resident (with their channel) or to a member of staff. */
  record Draft(String dedupeKey, String requestNo, String residentId, String staffUserId, String audience,
      String event, String text, String channel, boolean urgent, Instant deliverAfter) {}

  /** A message to a member of staff (escalations, closed escalations): {@code audience} STAFF, in-app. */
  public boolean addForStaff(String dedupeKey, String requestNo, String staffUserId, String event, String text) {
    return add(new Draft(dedupeKey, requestNo, null, staffUserId, "STAFF", event, text, "APP", true, null));
  }

  boolean add(Draft d) {
    var keys = new GeneratedKeyHolder();
    int added = jdbc.sql("""
            insert into outbox_message (dedupe_key, request_no, resident_id, staff_user_id, audience, event, text,
                                        status, channel, urgent, deliver_after, created_at)
            select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from (values (1)) as one (x)
             where not exists (select 1 from outbox_message where dedupe_key = ?)""")
        .params(d.dedupeKey(), d.requestNo(), d.residentId(), d.staffUserId(), d.audience(), d.event(), d.text(),
            PENDING, d.channel(), d.urgent(), d.deliverAfter() == null ? null : d.deliverAfter().atOffset(
                java.time.ZoneOffset.UTC), OffsetDateTime.now(clock), d.dedupeKey())
        .update(keys, "id");
    if (added == 0) {
      return false;
    }
    startDelivery(keys.getKey().longValue(), d);
    return true;
  }

  private void startDelivery(long id, Draft d) {
    var variables = Variables.createVariables().putValue(MessageDelivery.VAR_OUTBOX_ID, id)
        .putValue(MessageDelivery.VAR_DELIVER_AT, d.deliverAfter() == null ? null : Date.from(d.deliverAfter()));
    // inside a process step the engine runs our code unchecked; outside one (a REST call) the message is
    // sent on the system's behalf, not the caller's, who may not start deliveries
    var caller = Context.getCommandContext() == null ? identity.getCurrentAuthentication() : null;
    if (caller != null) {
      identity.clearAuthentication();
    }
    try {
      runtime.startProcessInstanceByKey(PROCESS_MESSAGE_DELIVERY, d.requestNo() + "/M" + id, variables);
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
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
            update outbox_message set status = ?, channel = ?, provider_ref = ?, sent_at = ?, attempts = attempts + 1
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
