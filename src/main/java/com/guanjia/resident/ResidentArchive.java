package com.guanjia.resident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The resident archive: residents, their units, buildings and zones. */
@Service
public class ResidentArchive {
  private final JdbcClient jdbc;
  private final PersonalDataCipher cipher;
  private final Clock clock;

  ResidentArchive(JdbcClient jdbc, PersonalDataCipher cipher, Clock clock) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.clock = clock;
  }

  public boolean exists(String residentId) {
    return jdbc.sql("select count(*) from resident where resident_id = ?").param(residentId)
        .query(Integer.class).single() > 0;
  }

  public Optional<Resident> find(String residentId) {
    return jdbc.sql("""
            select r.*, u.unit_id, b.name as building_name, b.zone_id
              from resident r join unit u on u.unit_id = r.unit_id
              join building b on b.building_id = u.building_id
             where r.resident_id = ?""")
        .param(residentId).query(this::map).optional();
  }

  /** The zone a resident lives in, for routing; empty when there is no such resident. */
  public Optional<String> zoneOf(String residentId) {
    return jdbc.sql("""
            select b.zone_id from resident r join unit u on u.unit_id = r.unit_id
              join building b on b.building_id = u.building_id where r.resident_id = ?""")
        .param(residentId).query(String.class).optional();
  }

  public void addZone(String zoneId, String name) {
    jdbc.sql("insert into zone (zone_id, name) values (?, ?)").params(zoneId, name).update();
  }

  public void addBuilding(String buildingId, String zoneId, String name) {
    jdbc.sql("insert into building (building_id, zone_id, name) values (?, ?, ?)")
        .params(buildingId, zoneId, name).update();
  }

  public void addUnit(String unitId, String buildingId) {
    jdbc.sql("insert into unit (unit_id, building_id) values (?, ?)").params(unitId, buildingId).update();
  }

  @Transactional
  public void register(Resident r) {
    jdbc.sql("""
            insert into resident (resident_id, unit_id, name_enc, phone_enc, gender, needs_assistance, elderly,
                                  special_needs_enc, vip, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(r.residentId(), r.unitId(), cipher.encrypt(r.name()), cipher.encrypt(r.phone()), r.gender(),
            r.needsAssistance(), r.needsAssistance(), cipher.encrypt(r.specialNeeds()), r.vip(), OffsetDateTime.now(clock))
        .update();
  }

  /** A resident's e-mail address for messages (personal data: stored encrypted, R10). */
  public void setEmail(String residentId, String email) {
    String encrypted = cipher.encrypt(email);
    int updated = jdbc.sql("update resident_preference set email_enc = ? where resident_id = ?")
        .params(encrypted, residentId).update();
    if (updated == 0) {
      jdbc.sql("insert into resident_preference (resident_id, email_enc) values (?, ?)").params(residentId, encrypted)
          .update();
    }
  }

  public Optional<String> email(String residentId) {
    return jdbc.sql("select email_enc from resident_preference where resident_id = ?").param(residentId)
        .query(String.class).optional().map(cipher::decrypt);
  }

  public int count() {
    return jdbc.sql("select count(*) from resident").query(Integer.class).single();
  }

  // ---- maintained by the front desk and supervisors (/api/residents) ----------------------------------------

  /** One change to a resident as the archive records it: who, when, what kind, which fields. */
  public record Change(OffsetDateTime at, String by, String action, List<String> fields) {}

  public boolean unitExists(String unitId) {
    return jdbc.sql("select count(*) from unit where unit_id = ?").param(unitId).query(Integer.class).single() > 0;
  }

  /** Whether a resident is in the archive and still lives here (has not moved out by today). */
  public enum Residency { NOT_IN_ARCHIVE, LIVES_HERE, MOVED_OUT }

  /** The resident's {@link Residency}, in one read: what a new request for them needs to know. */
  public Residency residency(String residentId) {
    return jdbc.sql("select moved_out_on from resident where resident_id = ?").param(residentId)
        .query((rs, row) -> {
          java.sql.Date out = rs.getDate("moved_out_on");
          return out == null || out.toLocalDate().isAfter(java.time.LocalDate.now(clock)) ? Residency.LIVES_HERE
              : Residency.MOVED_OUT;
        })
        .optional().orElse(Residency.NOT_IN_ARCHIVE);
  }

  public Optional<ResidentDetails> details(String residentId) {
    return jdbc.sql("select * from resident where resident_id = ?").param(residentId)
        .query((rs, row) -> new ResidentDetails(rs.getString("resident_id"), rs.getString("unit_id"),
            cipher.decrypt(rs.getString("name_enc")), cipher.decrypt(rs.getString("phone_enc")),
            lines(cipher.decrypt(rs.getString("other_phones_enc"))), rs.getString("gender"), rs.getString("occupancy"),
            lines(cipher.decrypt(rs.getString("household_enc"))), rs.getBoolean("vip"), rs.getBoolean("elderly"),
            rs.getBoolean("disabled"), rs.getBoolean("hard_of_hearing"), cipher.decrypt(rs.getString("special_needs_enc")),
            date(rs.getDate("moved_in_on")), date(rs.getDate("moved_out_on"))))
        .optional();
  }

  /** Adds a resident to the archive, recorded as created by {@code by}. */
  @Transactional
  public void create(ResidentDetails r, String by) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    jdbc.sql("""
            insert into resident (resident_id, unit_id, name_enc, phone_enc, other_phones_enc, gender, occupancy,
                                  household_enc, vip, elderly, disabled, hard_of_hearing, needs_assistance,
                                  special_needs_enc, moved_in_on, moved_out_on, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(r.residentId(), r.unitId(), cipher.encrypt(r.name()), cipher.encrypt(r.phone()),
            cipher.encrypt(joined(r.otherPhones())), r.gender(), r.occupancy(), cipher.encrypt(joined(r.household())),
            r.vip(), r.elderly(), r.disabled(), r.hardOfHearing(), r.needsAssistance(), cipher.encrypt(r.specialNeedsNote()),
            r.movedInOn(), r.movedOutOn(), now, now)
        .update();
    record(r.residentId(), by, now, "CREATED", List.of());
  }

  /**
   * Replaces what the archive keeps of a resident, {@code before}, with {@code r}; records which fields
   * changed (nothing is recorded, or written, when none did). Returns the changed fields.
   */
  @Transactional
  public List<String> update(ResidentDetails before, ResidentDetails r, String by) {
    List<String> changed = r.changedFrom(before);
    if (changed.isEmpty()) {
      return changed;
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    jdbc.sql("""
            update resident set unit_id = ?, name_enc = ?, phone_enc = ?, other_phones_enc = ?, gender = ?,
                   occupancy = ?, household_enc = ?, vip = ?, elderly = ?, disabled = ?, hard_of_hearing = ?,
                   needs_assistance = ?, special_needs_enc = ?, moved_in_on = ?, moved_out_on = ?, updated_at = ?
             where resident_id = ?""")
        .params(r.unitId(), cipher.encrypt(r.name()), cipher.encrypt(r.phone()), cipher.encrypt(joined(r.otherPhones())),
            r.gender(), r.occupancy(), cipher.encrypt(joined(r.household())), r.vip(), r.elderly(), r.disabled(),
            r.hardOfHearing(), r.needsAssistance(), cipher.encrypt(r.specialNeedsNote()), r.movedInOn(), r.movedOutOn(),
            now, r.residentId())
        .update();
    record(r.residentId(), by, now, "UPDATED", changed);
    return changed;
  }

  /** The resident moves out on {@code on}: kept in the archive (their cases refer to them), no new requests. */
  @Transactional
  public void moveOut(String residentId, java.time.LocalDate on, String by) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    jdbc.sql("update resident set moved_out_on = ?, updated_at = ? where resident_id = ?").params(on, now, residentId)
        .update();
    record(residentId, by, now, "MOVED_OUT", List.of("movedOutOn"));
  }

  /** The resident's changes, oldest first. */
  public List<Change> changes(String residentId) {
    return jdbc.sql("select * from resident_change where resident_id = ? order by changed_at, change_id")
        .param(residentId)
        .query((rs, row) -> new Change(rs.getObject("changed_at", OffsetDateTime.class), rs.getString("changed_by"),
            rs.getString("action"), rs.getString("fields").isEmpty() ? List.of()
                : List.of(rs.getString("fields").split(","))))
        .list();
  }

  private void record(String residentId, String by, OffsetDateTime at, String action, List<String> fields) {
    jdbc.sql("insert into resident_change (resident_id, changed_by, changed_at, action, fields) values (?, ?, ?, ?, ?)")
        .params(residentId, by, at, action, String.join(",", fields)).update();
  }

  private static String joined(List<String> values) {
    return values == null || values.isEmpty() ? null : String.join("\n", values);
  }

  private static List<String> lines(String text) {
    return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  private static java.time.LocalDate date(java.sql.Date date) {
    return date == null ? null : date.toLocalDate();
  }

  private Resident map(ResultSet rs, int row) throws SQLException {
    return new Resident(rs.getString("resident_id"), rs.getString("zone_id"), rs.getString("building_name"),
        rs.getString("unit_id"), cipher.decrypt(rs.getString("name_enc")), cipher.decrypt(rs.getString("phone_enc")),
        rs.getString("gender"), rs.getBoolean("needs_assistance"), cipher.decrypt(rs.getString("special_needs_enc")),
        rs.getBoolean("vip"), needs(rs));
  }

  private static List<String> needs(ResultSet rs) throws SQLException {
    List<String> needs = new java.util.ArrayList<>();
    if (rs.getBoolean("elderly")) {
      needs.add("ELDERLY");
    }
    if (rs.getBoolean("disabled")) {
      needs.add("DISABLED");
    }
    if (rs.getBoolean("hard_of_hearing")) {
      needs.add("HARD_OF_HEARING");
    }
    return List.copyOf(needs);
  }
}
