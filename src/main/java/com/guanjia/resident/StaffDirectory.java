package com.guanjia.resident;

import com.guanjia.process.ProcessContract;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who serves which zone in which trade (seed 004 §2.4), and who supervises whom. Exposed to the models
 * as {@code ${staffDirectory}}: {@code ${staffDirectory.zoneStaff(residentId, 'maintenance')}}.
 */
@Service("staffDirectory")
public class StaffDirectory {
  private final JdbcClient jdbc;
  private final ResidentArchive residents;

  StaffDirectory(JdbcClient jdbc, ResidentArchive residents) {
    this.jdbc = jdbc;
    this.residents = residents;
  }

  public record StaffMember(String userId, String displayName, String trade, String workPhone, String supervisorId) {}

  /** The active staff of the resident's zone in a trade; empty when unknown (the group is the fallback). */
  public List<String> zoneStaff(String residentId, String trade) {
    if (residentId == null || trade == null) {
      return List.of();
    }
    return residents.zoneOf(residentId).map(zone -> jdbc.sql("""
            select z.user_id from zone_staff z join staff_member s on s.user_id = z.user_id
             where z.zone_id = ? and z.trade = ? and s.active order by z.user_id""")
        .params(zone, trade).query(String.class).list()).orElse(List.of());
  }

  /** The butler of the resident's zone, who owns self-service requests (R1). */
  public Optional<String> zoneButler(String residentId) {
    return zoneStaff(residentId, ProcessContract.GROUP_BUTLER).stream().findFirst();
  }

  /** The supervisor of a staff member, as a candidate list for a model (empty when unknown). */
  public List<String> supervisorOf(String userId) {
    if (userId == null) {
      return List.of();
    }
    return find(userId).map(StaffMember::supervisorId).filter(s -> s != null).map(List::of).orElse(List.of());
  }

  public Optional<StaffMember> find(String userId) {
    return jdbc.sql("select user_id, display_name, trade, work_phone, supervisor_id from staff_member where user_id = ?")
        .param(userId)
        .query((rs, n) -> new StaffMember(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5)))
        .optional();
  }

  /** How a member of staff is named in messages and forms: the display name, else the user id. */
  public String displayName(String userId) {
    return userId == null ? null : find(userId).map(StaffMember::displayName).orElse(userId);
  }

  public boolean isActive(String userId) {
    return jdbc.sql("select count(*) from staff_member where user_id = ? and active").param(userId)
        .query(Integer.class).single() > 0;
  }

  public void add(StaffMember m) {
    jdbc.sql("""
            insert into staff_member (user_id, display_name, trade, work_phone, supervisor_id, active)
            values (?, ?, ?, ?, ?, true)""")
        .params(m.userId(), m.displayName(), m.trade(), m.workPhone(), m.supervisorId()).update();
  }

  public void assign(String zoneId, String userId, String trade) {
    jdbc.sql("insert into zone_staff (zone_id, user_id, trade) values (?, ?, ?)").params(zoneId, userId, trade).update();
  }
}
