package com.guanjia.notification;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The in-app message center: every delivered message, kept for the resident's or staff member's page. */
@Repository
public class MessageCenter {
  private final JdbcClient jdbc;

  MessageCenter(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Entry(long outboxId, String requestNo, String event, String text, OffsetDateTime deliveredAt) {}

  /** Puts a message in the center once, whatever the number of delivery attempts. */
  void put(Outbox.Message m, OffsetDateTime at) {
    jdbc.sql("""
            insert into message_center_entry (outbox_id, resident_id, staff_user_id, request_no, event, text, delivered_at)
            select ?, ?, ?, ?, ?, ?, ? from (values (1)) as one (x)
             where not exists (select 1 from message_center_entry where outbox_id = ?)""")
        .params(m.id(), m.residentId(), m.staffUserId(), m.requestNo(), m.event(), m.text(), at, m.id())
        .update();
  }

  public List<Entry> forResident(String residentId) {
    return jdbc.sql("select * from message_center_entry where resident_id = ? order by delivered_at desc, id desc")
        .param(residentId).query(MessageCenter::entry).list();
  }

  /** A member of staff's messages: their own and those to their groups ({@code group:supervisor}). */
  public List<Entry> forStaff(String userId, List<String> groups) {
    var recipients = new java.util.ArrayList<String>();
    recipients.add(userId);
    groups.forEach(g -> recipients.add("group:" + g));
    return jdbc.sql("select * from message_center_entry where staff_user_id in (:recipients)"
            + " order by delivered_at desc, id desc")
        .param("recipients", recipients).query(MessageCenter::entry).list();
  }

  private static Entry entry(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Entry(rs.getLong("outbox_id"), rs.getString("request_no"), rs.getString("event"), rs.getString("text"),
        rs.getObject("delivered_at", OffsetDateTime.class));
  }
}
