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
  private final org.springframework.jdbc.core.JdbcTemplate batches;
  private final PersonalDataCipher cipher;
  private final Clock clock;

  ResidentArchive(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batches, PersonalDataCipher cipher,
      Clock clock) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.cipher = cipher;
    this.clock = clock;
  }

  public boolean exists(String residentId) {
    return jdbc.sql("select count(*) from resident where resident_id = ?").param(residentId)
        .query(Integer.class).single() > 0;
  }

  public Optional<Resident> find(String residentId) {
    return jdbc.sql("""
            select r.*, b.name as building_name, b.zone_id
              from resident r join building b on b.building_id = r.building_id
             where r.resident_id = ?""")
        .param(residentId).query(this::map).optional();
  }

  /** The zone a resident lives in, for routing; empty when there is no such resident. */
  public Optional<String> zoneOf(String residentId) {
    return jdbc.sql("""
            select b.zone_id from resident r join building b on b.building_id = r.building_id
             where r.resident_id = ?""")
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
            insert into resident (resident_id, unit_enc, building_id, name_enc, phone_enc, gender, needs_assistance,
                                  elderly, special_needs_enc, vip, created_at)
            values (?, ?, (select building_id from unit where unit_id = ?), ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(r.residentId(), cipher.encrypt(r.unitId()), r.unitId(), cipher.encrypt(r.name()), cipher.encrypt(r.phone()), r.gender(),
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

  /** Every resident's e-mail address, by resident id (those who gave one). */
  public java.util.Map<String, String> emails() {
    java.util.Map<String, String> emails = new java.util.HashMap<>();
    jdbc.sql("select resident_id, email_enc from resident_preference where email_enc is not null").query(rs -> {
      emails.put(rs.getString(1), cipher.decrypt(rs.getString(2)));
    });
    return emails;
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

  /**
   * What a new request for a resident needs to know, in one read: their {@link Residency}, their special
   * needs ({@code ELDERLY}, {@code DISABLED}, {@code HARD_OF_HEARING}; flags, not the notes) and the project
   * (管理处) their zone belongs to, if any.
   */
  public record Standing(Residency residency, List<String> needs, String projectId) {}

  public Standing standing(String residentId) {
    return jdbc.sql("""
            select r.moved_out_on, r.elderly, r.disabled, r.hard_of_hearing, z.project_id from resident r
              left join building b on b.building_id = r.building_id left join zone z on z.zone_id = b.zone_id
             where r.resident_id = ?""")
        .param(residentId)
        .query((rs, row) -> {
          java.sql.Date out = rs.getDate("moved_out_on");
          return new Standing(out == null || out.toLocalDate().isAfter(java.time.LocalDate.now(clock))
              ? Residency.LIVES_HERE : Residency.MOVED_OUT, needs(rs), rs.getString("project_id"));
        })
        .optional().orElse(new Standing(Residency.NOT_IN_ARCHIVE, List.of(), null));
  }

  public Optional<ResidentDetails> details(String residentId) {
    return jdbc.sql("select * from resident where resident_id = ?").param(residentId)
        .query((rs, row) -> details(rs)).optional();
  }

  private ResidentDetails details(ResultSet rs) throws SQLException {
    return new ResidentDetails(rs.getString("resident_id"), unit(rs),
        cipher.decrypt(rs.getString("name_enc")), cipher.decrypt(rs.getString("phone_enc")),
        lines(cipher.decrypt(rs.getString("other_phones_enc"))), rs.getString("gender"), rs.getString("occupancy"),
        lines(cipher.decrypt(rs.getString("household_enc"))), rs.getBoolean("vip"), rs.getBoolean("elderly"),
        rs.getBoolean("disabled"), rs.getBoolean("hard_of_hearing"), cipher.decrypt(rs.getString("special_needs_enc")),
        date(rs.getDate("moved_in_on")), date(rs.getDate("moved_out_on")));
  }

  /** Adds a resident to the archive, recorded as created by {@code by}. */
  @Transactional
  public void create(ResidentDetails r, String by) {
    createAll(List.of(r), by, null);
  }

  private static final String INSERT = """
      insert into resident (resident_id, unit_enc, building_id, name_enc, phone_enc, other_phones_enc, gender,
                            occupancy, household_enc, vip, elderly, disabled, hard_of_hearing, needs_assistance,
                            special_needs_enc, moved_in_on, moved_out_on, created_at, updated_at)
      values (?, ?, (select building_id from unit where unit_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

  private static final String UPDATE = """
      update resident set unit_enc = ?, building_id = (select building_id from unit where unit_id = ?), unit_id = null,
             name_enc = ?, phone_enc = ?, other_phones_enc = ?, gender = ?,
             occupancy = ?, household_enc = ?, vip = ?, elderly = ?, disabled = ?, hard_of_hearing = ?,
             needs_assistance = ?, special_needs_enc = ?, moved_in_on = ?, moved_out_on = ?, updated_at = ?
       where resident_id = ?""";

  /**
   * Adds residents in batches (an import of thousands), each recorded as created by {@code by}; {@code source}
   * names where the change came from when it was not typed in (an import), else null.
   */
  @Transactional
  public void createAll(List<ResidentDetails> created, String by, String source) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    batches.batchUpdate(INSERT, created, 500, (ps, r) -> set(ps, r.residentId(), cipher.encrypt(r.unitId()), r.unitId(),
        cipher.encrypt(r.name()),
        cipher.encrypt(r.phone()), cipher.encrypt(joined(r.otherPhones())), r.gender(), r.occupancy(),
        cipher.encrypt(joined(r.household())), r.vip(), r.elderly(), r.disabled(), r.hardOfHearing(),
        r.needsAssistance(), cipher.encrypt(r.specialNeedsNote()), r.movedInOn(), r.movedOutOn(), now, now));
    recordAll(created.stream().map(r -> new Recorded(r.residentId(), List.of())).toList(), by, now, "CREATED", source);
  }

  /** A resident as the archive keeps them and as they are to be. */
  public record Replacement(ResidentDetails before, ResidentDetails after) {}

  /** Replaces residents in batches, recording for each the fields that changed (none changed: nothing written). */
  @Transactional
  public void updateAll(List<Replacement> replacements, String by, String source) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<Recorded> changed = new java.util.ArrayList<>();
    List<ResidentDetails> rows = new java.util.ArrayList<>();
    for (Replacement replacement : replacements) {
      List<String> fields = replacement.after().changedFrom(replacement.before());
      if (!fields.isEmpty()) {
        changed.add(new Recorded(replacement.after().residentId(), fields));
        rows.add(replacement.after());
      }
    }
    batches.batchUpdate(UPDATE, rows, 500, (ps, r) -> set(ps, cipher.encrypt(r.unitId()), r.unitId(),
        cipher.encrypt(r.name()),
        cipher.encrypt(r.phone()), cipher.encrypt(joined(r.otherPhones())), r.gender(), r.occupancy(),
        cipher.encrypt(joined(r.household())), r.vip(), r.elderly(), r.disabled(), r.hardOfHearing(),
        r.needsAssistance(), cipher.encrypt(r.specialNeedsNote()), r.movedInOn(), r.movedOutOn(), now,
        r.residentId()));
    recordAll(changed, by, now, "UPDATED", source);
  }

  private static void set(java.sql.PreparedStatement ps, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      ps.setObject(i + 1, values[i]);
    }
  }

  /**
   * Residents the front desk looks up: the one with this id, else those whose unit starts with {@code text}
   * ("1-1-0101" a unit, "1-1-" an entrance), moved-out ones last; at most {@code limit}.
   */
  public List<ResidentDetails> lookUp(String text, int limit) {
    String q = text.strip();
    if (q.isEmpty()) {
      return List.of();
    }
    var byId = details(q);
    if (byId.isPresent()) {
      return List.of(byId.get());
    }
    // the unit is encrypted (R10): read the units, decrypt, keep those that start with the text
    List<String> ids = new java.util.ArrayList<>();
    jdbc.sql("select resident_id, unit_enc, unit_id from resident").query(rs -> {
      String unit = unit(rs);
      if (unit != null && unit.startsWith(q)) {
        ids.add(rs.getString("resident_id"));
      }
    });
    return ids.stream().map(id -> details(id).orElseThrow())
        .sorted(java.util.Comparator.comparing((ResidentDetails r) -> r.movedOutOn() != null)
            .thenComparing(ResidentDetails::unitId).thenComparing(ResidentDetails::residentId))
        .limit(limit).toList();
  }

  /** A resident's unit: decrypted, or (a row written before the unit was encrypted) as it was. */
  private String unit(ResultSet rs) throws SQLException {
    String encrypted = rs.getString("unit_enc");
    return encrypted != null ? cipher.decrypt(encrypted) : rs.getString("unit_id");
  }

  /**
   * Encrypts the units of residents written before units were (V13), clearing the clear text; returns how many.
   * Run on start-up; a second run finds none.
   */
  @Transactional
  public int encryptLegacyUnits() {
    List<String[]> legacy = jdbc.sql("select resident_id, unit_id from resident where unit_enc is null and unit_id is not null")
        .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    for (String[] row : legacy) {
      jdbc.sql("""
              update resident set unit_enc = ?, building_id = coalesce(building_id,
                     (select building_id from unit where unit_id = ?)), unit_id = null where resident_id = ?""")
          .params(cipher.encrypt(row[1]), row[1], row[0]).update();
    }
    return legacy.size();
  }

  /**
   * {@code count} resident ids the archive has not given: R-nnnn from a counter that only goes up (in the
   * caller's transaction; a rolled-back import gives its numbers back), skipping ids already taken.
   */
  @Transactional
  public List<String> newResidentIds(int count) {
    List<String> ids = new java.util.ArrayList<>(count);
    while (ids.size() < count) {
      int wanted = count - ids.size();
      long last = jdbc.sql("update resident_counter set last_no = last_no + ? where counter_id = 1").param(wanted)
          .update() == 1 ? jdbc.sql("select last_no from resident_counter where counter_id = 1").query(Long.class).single()
          : 0;
      List<String> candidates = java.util.stream.LongStream.rangeClosed(last - wanted + 1, last)
          .mapToObj(n -> String.format("R-%04d", n)).toList();
      java.util.Set<String> taken = new java.util.HashSet<>(jdbc.sql("select resident_id from resident where resident_id in (:ids)")
          .param("ids", candidates).query(String.class).list());
      candidates.stream().filter(id -> !taken.contains(id)).forEach(ids::add);
    }
    return ids;
  }

  /** Every resident in the archive, decrypted (an import compares its file with them). */
  public List<ResidentDetails> all() {
    return jdbc.sql("select * from resident order by resident_id").query((rs, row) -> details(rs)).list();
  }

  /** A building as the archive knows it. */
  public record Building(String buildingId, String zoneId, String name) {}

  public List<Building> buildings() {
    return jdbc.sql("select building_id, zone_id, name from building order by building_id")
        .query((rs, row) -> new Building(rs.getString(1), rs.getString(2), rs.getString(3))).list();
  }

  private static final java.util.regex.Pattern BUILDING_NUMBER =
      java.util.regex.Pattern.compile("(\\d+)\\s*(号楼|栋|幢|座|号)?");

  /**
   * The building {@code text} names among {@code buildings}: its id ("B03"), its name ("3号楼") or its number as
   * companies write it ("3", "3栋", "3幢" for 3号楼).
   */
  public static Optional<String> buildingNamed(String text, List<Building> buildings) {
    String t = text.strip();
    var number = BUILDING_NUMBER.matcher(t);
    String wanted = number.matches() ? number.group(1) : null;
    for (Building b : buildings) {
      if (b.buildingId().equalsIgnoreCase(t) || b.name().equals(t)) {
        return Optional.of(b.buildingId());
      }
    }
    for (Building b : buildings) {
      var theirs = BUILDING_NUMBER.matcher(b.name());
      if (wanted != null && theirs.matches() && theirs.group(1).equals(wanted)) {
        return Optional.of(b.buildingId());
      }
    }
    return Optional.empty();
  }

  /** Every unit and the building it is in. */
  public java.util.Map<String, String> unitBuildings() {
    java.util.Map<String, String> units = new java.util.HashMap<>();
    jdbc.sql("select unit_id, building_id from unit").query(rs -> {
      units.put(rs.getString(1), rs.getString(2));
    });
    return units;
  }

  /** Adds units (unit id → building id) in batches. */
  public void addUnits(java.util.Map<String, String> units) {
    batches.batchUpdate("insert into unit (unit_id, building_id) values (?, ?)", List.copyOf(units.entrySet()), 500,
        (ps, unit) -> {
          ps.setString(1, unit.getKey());
          ps.setString(2, unit.getValue());
        });
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
    updateAll(List.of(new Replacement(before, r)), by, null);
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
    recordAll(List.of(new Recorded(residentId, fields)), by, at, action, null);
  }

  private record Recorded(String residentId, List<String> fields) {}

  private void recordAll(List<Recorded> changes, String by, OffsetDateTime at, String action, String source) {
    batches.batchUpdate("""
            insert into resident_change (resident_id, changed_by, changed_at, action, fields, source)
            values (?, ?, ?, ?, ?, ?)""", changes, 500, (ps, change) -> {
          ps.setString(1, change.residentId());
          ps.setString(2, by);
          ps.setObject(3, at);
          ps.setString(4, action);
          ps.setString(5, String.join(",", change.fields()));
          ps.setString(6, source);
        });
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
        unit(rs), cipher.decrypt(rs.getString("name_enc")), cipher.decrypt(rs.getString("phone_enc")),
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
