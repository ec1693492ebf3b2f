package com.guanjia.resident;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Who is on duty (值班) in a trade at a moment, and the phone they are reached on. */
@Service
public class DutyRoster {
  private final JdbcClient jdbc;

  DutyRoster(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A shift: a member of staff on duty in a trade from {@code startsAt} until {@code endsAt}. */
  public record Shift(String trade, OffsetDateTime startsAt, OffsetDateTime endsAt, String userId, String displayName,
      String phone) {}

  /**
   * The shifts of a trade running at {@code at} for a project (管理处): its own staff's and company-wide staff's
   * (all shifts when {@code projectId} is null), the one that started last first.
   */
  public List<Shift> onDuty(String trade, Instant at, String projectId) {
    OffsetDateTime moment = at.atOffset(ZoneOffset.UTC);
    return jdbc.sql("""
            select d.trade, d.starts_at, d.ends_at, d.user_id, s.display_name, coalesce(d.phone, s.work_phone) as phone
              from duty_shift d join staff_member s on s.user_id = d.user_id
             where d.trade = ? and d.starts_at <= ? and d.ends_at > ? and s.active
               and (s.project_id is null or s.project_id = ? or cast(? as varchar(32)) is null)
             order by d.starts_at desc, d.user_id""")
        .params(trade, moment, moment, projectId, projectId)
        .query((rs, row) -> new Shift(rs.getString("trade"), rs.getObject("starts_at", OffsetDateTime.class),
            rs.getObject("ends_at", OffsetDateTime.class), rs.getString("user_id"), rs.getString("display_name"),
            rs.getString("phone")))
        .list();
  }

  /** The phone of whoever is on duty in a trade at {@code at} for a project, if anyone is. */
  public Optional<String> phone(String trade, Instant at, String projectId) {
    return onDuty(trade, at, projectId).stream().map(Shift::phone).filter(p -> p != null && !p.isBlank()).findFirst();
  }

  /** The project (管理处) a resident's building belongs to, if any. */
  public Optional<String> projectOf(String residentId) {
    return residentId == null ? Optional.empty() : jdbc.sql("""
            select z.project_id from resident r join building b on b.building_id = r.building_id
              join zone z on z.zone_id = b.zone_id where r.resident_id = ? and z.project_id is not null""")
        .param(residentId).query(String.class).optional();
  }

  /** The 24-hour duty phone of a project (管理处), if it has one. */
  public Optional<String> projectDutyPhone(String projectId) {
    return jdbc.sql("select duty_phone from project where project_id = ? and duty_phone is not null")
        .param(projectId).query(String.class).optional();
  }

  /** The shifts that touch a period, for the roster page and API. */
  public List<Shift> between(Instant from, Instant to) {
    return jdbc.sql("""
            select d.trade, d.starts_at, d.ends_at, d.user_id, s.display_name, coalesce(d.phone, s.work_phone) as phone
              from duty_shift d join staff_member s on s.user_id = d.user_id
             where d.ends_at > ? and d.starts_at < ? order by d.starts_at, d.trade, d.user_id""")
        .params(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC))
        .query((rs, row) -> new Shift(rs.getString("trade"), rs.getObject("starts_at", OffsetDateTime.class),
            rs.getObject("ends_at", OffsetDateTime.class), rs.getString("user_id"), rs.getString("display_name"),
            rs.getString("phone")))
        .list();
  }
}
