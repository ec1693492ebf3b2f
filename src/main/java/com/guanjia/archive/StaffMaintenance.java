package com.guanjia.archive;

import static com.guanjia.process.ProcessContract.GROUP_BUTLER;
import static com.guanjia.process.ProcessContract.GROUP_CLEANING;
import static com.guanjia.process.ProcessContract.GROUP_CUSTOMER_SERVICE;
import static com.guanjia.process.ProcessContract.GROUP_LANDSCAPING;
import static com.guanjia.process.ProcessContract.GROUP_MAINTENANCE;
import static com.guanjia.process.ProcessContract.GROUP_PROJECT_MANAGER;
import static com.guanjia.process.ProcessContract.GROUP_QUALITY;
import static com.guanjia.process.ProcessContract.GROUP_SECURITY;
import static com.guanjia.process.ProcessContract.GROUP_SUPERVISOR;

import com.guanjia.process.EngineQueries;
import com.guanjia.web.InvalidFieldException;
import com.guanjia.web.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Supervisors keep the staff directory and the responsibility zones. A member of staff is a Camunda user in the
 * group of their trade, so Tasklist offers them exactly the tasks the directory says they do; the zones they serve
 * route their trade's work in those zones to them (DOMAIN: the group is the fallback). One transaction each.
 */
@Service
class StaffMaintenance {
  private static final Logger LOG = LoggerFactory.getLogger(StaffMaintenance.class);

  /** The trades a member of staff works in, as Camunda groups; the first five serve zones. */
  static final List<String> TRADES = List.of(GROUP_BUTLER, GROUP_MAINTENANCE, GROUP_CLEANING, GROUP_SECURITY,
      GROUP_LANDSCAPING, GROUP_CUSTOMER_SERVICE, GROUP_SUPERVISOR, GROUP_PROJECT_MANAGER, GROUP_QUALITY);
  static final List<String> ZONE_TRADES = TRADES.subList(0, 5);
  static final String TRADE_PATTERN = "butler|maintenance|cleaning|security|landscaping|customer-service|supervisor"
      + "|project-manager|quality";
  static final String TRADE_LIST = "butler, maintenance, cleaning, security, landscaping, customer-service, supervisor, "
      + "project-manager, quality";

  private final JdbcClient jdbc;
  private final IdentityService identity;
  private final com.guanjia.security.ProjectTenants tenants;

  StaffMaintenance(JdbcClient jdbc, IdentityService identity, com.guanjia.security.ProjectTenants tenants) {
    this.tenants = tenants;
    this.jdbc = jdbc;
    this.identity = identity;
  }

  /** A member of staff as the directory and Camunda have them. */
  record Staff(String userId, String displayName, String trade, String workPhone, String supervisorId, boolean active,
      List<String> zones, List<String> groups, String email, String projectId) {}

  /** A zone with its buildings and who serves it in each trade. */
  record Zone(String zoneId, String name, List<BuildingForm> buildings, Map<String, List<String>> staff) {}

  record BuildingForm(
      @jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 32)
      @jakarta.validation.constraints.Pattern(regexp = "[A-Za-z0-9-]+", message = "letters, digits and '-' only")
      String buildingId,
      @jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 100) String name) {}

  record ZoneForm(
      @jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 100) String name,
      @jakarta.validation.constraints.Size(max = 100) List<@jakarta.validation.Valid BuildingForm> buildings) {}

  // ---- staff ------------------------------------------------------------------------------------------------------

  /** The whole directory, read at once (the directory page, an import's comparison). */
  List<Staff> staff() {
    return read("select * from staff_member order by trade, user_id");
  }

  Optional<Staff> find(String userId) {
    return read("select * from staff_member where user_id = ?", userId).stream().findFirst();
  }

  /**
   * Members of staff with their zones (one query), Camunda groups (one query per group, or one for a single
   * member) and e-mail (one).
   */
  private List<Staff> read(String sql, Object... params) {
    record Row(String userId, String displayName, String trade, String workPhone, String supervisorId,
        boolean active, String projectId) {}
    List<Row> rows = jdbc.sql(sql).params(params).query((rs, n) -> new Row(rs.getString("user_id"),
        rs.getString("display_name"), rs.getString("trade"), rs.getString("work_phone"), rs.getString("supervisor_id"),
        rs.getBoolean("active"), rs.getString("project_id"))).list();
    if (rows.isEmpty()) {
      return List.of();
    }
    List<String> ids = rows.stream().map(Row::userId).toList();
    Map<String, List<String>> zones = new java.util.HashMap<>();
    jdbc.sql("select user_id, zone_id from zone_staff where user_id in (:ids) order by zone_id").param("ids", ids)
        .query(rs -> {
          zones.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(rs.getString(2));
        });
    Map<String, List<String>> groups = new java.util.HashMap<>();
    Map<String, String> emails = new java.util.HashMap<>();
    asSystem(() -> {
      if (ids.size() == 1) {
        groups.put(ids.get(0), EngineQueries.all(identity.createGroupQuery().groupMember(ids.get(0)).orderByGroupId().asc())
            .stream().map(org.camunda.bpm.engine.identity.Group::getId).toList());
      } else {
        for (var group : EngineQueries.all(identity.createGroupQuery().orderByGroupId().asc())) {
          for (var member : EngineQueries.all(identity.createUserQuery().memberOfGroup(group.getId()))) {
            groups.computeIfAbsent(member.getId(), id -> new ArrayList<>()).add(group.getId());
          }
        }
      }
      for (var account : EngineQueries.all(identity.createUserQuery().userIdIn(ids.toArray(String[]::new)))) {
        if (account.getEmail() != null) {
          emails.put(account.getId(), account.getEmail());
        }
      }
      return null;
    });
    return rows.stream().map(r -> new Staff(r.userId(), r.displayName(), r.trade(), r.workPhone(), r.supervisorId(),
        r.active(), zones.getOrDefault(r.userId(), List.of()), groups.getOrDefault(r.userId(), List.of()),
        emails.get(r.userId()), r.projectId())).toList();
  }

  Staff view(String userId) {
    return find(userId).orElseThrow(() -> new NotFoundException("no member of staff " + userId));
  }

  /** Adds or changes a member of staff, their Camunda account and group, and the zones they serve. */
  @Transactional
  Staff keep(String userId, StaffForm form, String by) {
    check(userId, form, zoneIds(), staffIds());
    return keepChecked(userId, form, by);
  }

  /** {@link #keep} for a form already checked (an import checks a whole file, supervisors in it included). */
  @Transactional
  Staff keepChecked(String userId, StaffForm form, String by) {
    asSystem(() -> {
      var user = identity.createUserQuery().userId(userId).singleResult();
      boolean created = user == null;
      if (created) {
        user = identity.newUser(userId);
      }
      user.setFirstName(form.displayName().strip());
      user.setLastName("");
      if (form.email() != null && !form.email().isBlank()) {
        user.setEmail(form.email().strip());
      }
      if (form.password() != null) {
        user.setPassword(form.password());
      }
      identity.saveUser(user);
      for (String trade : TRADES) {
        boolean member = identity.createUserQuery().userId(userId).memberOfGroup(trade).count() > 0;
        boolean wanted = form.isActive() && trade.equals(form.trade());
        if (member && !wanted) {
          identity.deleteMembership(userId, trade);
        } else if (!member && wanted) {
          if (identity.createGroupQuery().groupId(trade).count() == 0) {
            throw new IllegalStateException("group " + trade + " is missing: Guanjia creates it on start");
          }
          identity.createMembership(userId, trade);
        }
      }
      return created;
    });
    int updated = jdbc.sql("""
            update staff_member set display_name = ?, trade = ?, work_phone = ?, supervisor_id = ?, active = ?,
                   project_id = ?
             where user_id = ?""")
        .params(form.displayName().strip(), form.trade(), blank(form.workPhone()), blank(form.supervisorId()),
            form.isActive(), blank(form.projectId()), userId)
        .update();
    if (updated == 0) {
      jdbc.sql("""
              insert into staff_member (user_id, display_name, trade, work_phone, supervisor_id, active, project_id)
              values (?, ?, ?, ?, ?, ?, ?)""")
          .params(userId, form.displayName().strip(), form.trade(), blank(form.workPhone()), blank(form.supervisorId()),
              form.isActive(), blank(form.projectId()))
          .update();
    }
    jdbc.sql("delete from zone_staff where user_id = ?").param(userId).update();
    if (form.isActive()) {
      for (String zone : form.zoneList()) {
        jdbc.sql("insert into zone_staff (zone_id, user_id, trade) values (?, ?, ?)").params(zone, userId, form.trade())
            .update();
      }
    }
    tenants.keepAccount(userId);
    LOG.info("Staff {} kept by {}: {} in {}, zones {}, {}", userId, by, form.displayName(), form.trade(),
        form.zoneList(), form.isActive() ? "active" : "no longer active");
    return view(userId);
  }

  /** Refuses what would leave the directory wrong, naming the field. */
  void check(String userId, StaffForm form, java.util.Set<String> zones, java.util.Set<String> staff) {
    if (!userId.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new InvalidFieldException("userId", "is " + userId + ": letters, digits, '.', '_' and '-' only (the sign-in name)");
    }
    if (!form.zoneList().isEmpty() && !ZONE_TRADES.contains(form.trade())) {
      throw new InvalidFieldException("zones", form.trade() + " serves no zone (only " + ZONE_TRADES + " do)");
    }
    for (String zone : form.zoneList()) {
      if (!zones.contains(zone)) {
        throw new InvalidFieldException("zones", "no zone " + zone);
      }
    }
    String project = blank(form.projectId());
    if (project != null && jdbc.sql("select count(*) from project where project_id = ?").param(project)
        .query(Integer.class).single() == 0) {
      throw new InvalidFieldException("projectId", "no project " + project);
    }
    String supervisor = blank(form.supervisorId());
    if (supervisor != null && (supervisor.equals(userId) || !staff.contains(supervisor))) {
      throw new InvalidFieldException("supervisorId", supervisor.equals(userId) ? "is the member of staff themselves"
          : "no member of staff " + supervisor);
    }
  }

  java.util.Set<String> zoneIds() {
    return new java.util.HashSet<>(jdbc.sql("select zone_id from zone").query(String.class).list());
  }

  java.util.Set<String> staffIds() {
    return new java.util.HashSet<>(jdbc.sql("select user_id from staff_member").query(String.class).list());
  }

  // ---- zones ------------------------------------------------------------------------------------------------------

  List<Zone> zones() {
    return jdbc.sql("select zone_id from zone order by zone_id").query(String.class).list().stream()
        .map(id -> zone(id).orElseThrow()).toList();
  }

  Optional<Zone> zone(String zoneId) {
    return jdbc.sql("select name from zone where zone_id = ?").param(zoneId).query(String.class).optional()
        .map(name -> {
          List<BuildingForm> buildings = jdbc.sql("select building_id, name from building where zone_id = ? order by building_id")
              .param(zoneId).query((rs, row) -> new BuildingForm(rs.getString(1), rs.getString(2))).list();
          Map<String, List<String>> staff = new LinkedHashMap<>();
          jdbc.sql("""
                  select z.trade, z.user_id from zone_staff z join staff_member s on s.user_id = z.user_id
                   where z.zone_id = ? and s.active order by z.trade, z.user_id""")
              .param(zoneId).query(rs -> {
                staff.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
              });
          return new Zone(zoneId, name, buildings, staff);
        });
  }

  /** Adds or renames a zone; the buildings listed are in it from now on (new ones are added). */
  @Transactional
  Zone keepZone(String zoneId, ZoneForm form, String by) {
    if (!zoneId.matches("[A-Za-z0-9-]{1,32}")) {
      throw new InvalidFieldException("zoneId", "is " + zoneId + ": letters, digits and '-' only");
    }
    if (jdbc.sql("update zone set name = ? where zone_id = ?").params(form.name().strip(), zoneId).update() == 0) {
      jdbc.sql("insert into zone (zone_id, name) values (?, ?)").params(zoneId, form.name().strip()).update();
    }
    for (BuildingForm b : form.buildings() == null ? List.<BuildingForm>of() : form.buildings()) {
      if (jdbc.sql("update building set zone_id = ?, name = ? where building_id = ?")
          .params(zoneId, b.name().strip(), b.buildingId()).update() == 0) {
        jdbc.sql("insert into building (building_id, zone_id, name) values (?, ?, ?)")
            .params(b.buildingId(), zoneId, b.name().strip()).update();
      }
    }
    LOG.info("Zone {} kept by {}: {}", zoneId, by, form.name());
    return zone(zoneId).orElseThrow();
  }

  /** Identity work is Guanjia's on the supervisor's behalf: the controller checked who may. */
  private <T> T asSystem(Supplier<T> work) {
    var caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  private static String blank(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
