package com.guanjia.notification;

import com.guanjia.GuanjiaProperties;
import com.guanjia.resident.Masking;
import com.guanjia.resident.ResidentArchive;
import com.guanjia.security.ResidentReaders;
import com.guanjia.web.ForbiddenException;
import com.guanjia.web.NotFoundException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/residents/{residentId}/messages} (DOMAIN.md): what was sent to a resident, newest first —
 * {@code [{time, channel, event, requestNo, text, status}]}, including what is still waiting (quiet hours) or being
 * retried; {@code time} is when it was sent, else when it was written. Read by those who work on one of the
 * resident's cases and by those who read every case ({@link ResidentReaders}); phone numbers in the text masked.
 */
@RestController
class ResidentMessagesController {
  private final JdbcClient jdbc;
  private final ResidentArchive residents;
  private final ResidentReaders readers;
  private final ZoneId zone;

  ResidentMessagesController(JdbcClient jdbc, ResidentArchive residents, ResidentReaders readers,
      GuanjiaProperties properties) {
    this.jdbc = jdbc;
    this.residents = residents;
    this.readers = readers;
    this.zone = properties.timeZone();
  }

  record Message(OffsetDateTime time, String channel, String event, String requestNo, String text, String status) {}

  @GetMapping(path = "/api/residents/{residentId}/messages", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Message> messages(@PathVariable String residentId) {
    if (!residents.exists(residentId)) {
      throw new NotFoundException("No resident " + residentId);
    }
    if (!readers.mayReadMessagesOf(residentId)) {
      throw new ForbiddenException("a resident's messages are read by those who work on one of their cases");
    }
    return jdbc.sql("""
            select coalesce(sent_at, created_at) as shown_at, channel, event, request_no, text, status
              from outbox_message where resident_id = ? and audience = 'RESIDENT'
             order by coalesce(sent_at, created_at) desc, id desc""")
        .param(residentId)
        .query((rs, n) -> new Message(
            rs.getObject("shown_at", OffsetDateTime.class).atZoneSameInstant(zone).toOffsetDateTime(),
            rs.getString("channel"), rs.getString("event"), rs.getString("request_no"),
            Masking.freeText(rs.getString("text")), rs.getString("status")))
        .list();
  }
}
