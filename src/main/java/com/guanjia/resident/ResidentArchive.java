package com.guanjia.resident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
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
            insert into resident (resident_id, unit_id, name_enc, phone_enc, gender, needs_assistance,
                                  special_needs_enc, vip, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(r.residentId(), r.unitId(), cipher.encrypt(r.name()), cipher.encrypt(r.phone()), r.gender(),
            r.needsAssistance(), cipher.encrypt(r.specialNeeds()), r.vip(), OffsetDateTime.now(clock))
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

  private Resident map(ResultSet rs, int row) throws SQLException {
    return new Resident(rs.getString("resident_id"), rs.getString("zone_id"), rs.getString("building_name"),
        rs.getString("unit_id"), cipher.decrypt(rs.getString("name_enc")), cipher.decrypt(rs.getString("phone_enc")),
        rs.getString("gender"), rs.getBoolean("needs_assistance"), cipher.decrypt(rs.getString("special_needs_enc")),
        rs.getBoolean("vip"));
  }
}
