package com.guanjia.resident;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * R10: a staff note stored with the phone and ID-card numbers in it masked ({@link Masking#freeText}) is kept here as
 * it was written, encrypted ({@link PersonalDataCipher}), by the case it belongs to. Read back only for those who may
 * see the resident's details (the case card), each reading written as a reveal.
 */
@Repository
public class NotesAsWritten {
  private final JdbcClient jdbc;
  private final PersonalDataCipher cipher;
  private final Clock clock;

  NotesAsWritten(JdbcClient jdbc, PersonalDataCipher cipher, Clock clock) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.clock = clock;
  }

  /** A note as written: which variable of which case, and when. */
  public record Note(String variable, OffsetDateTime writtenAt, String text) {}

  /** Keeps {@code text} (whose stored value was masked) as written, in the caller's transaction. */
  public void keep(String caseInstanceId, String processInstanceId, String variable, String text) {
    jdbc.sql("""
            insert into note_as_written (case_instance_id, process_instance_id, variable_name, written_at, text_enc)
            values (?, ?, ?, ?, ?)""")
        .params(caseInstanceId, processInstanceId, variable, OffsetDateTime.now(clock), cipher.encrypt(text))
        .update();
  }

  /** The case's notes as written, oldest first. */
  public List<Note> of(String caseInstanceId, ZoneId zone) {
    return jdbc.sql("""
            select variable_name, written_at, text_enc from note_as_written
             where case_instance_id = ? order by written_at, id""")
        .param(caseInstanceId)
        .query((rs, n) -> new Note(rs.getString("variable_name"),
            rs.getObject("written_at", OffsetDateTime.class).atZoneSameInstant(zone).toOffsetDateTime(),
            cipher.decrypt(rs.getString("text_enc"))))
        .list();
  }
}
