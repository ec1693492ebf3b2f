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

  /** The shifts of a trade running at {@code at}, the one that started last first. */
  public List<Shift> onDuty(String trade, Instant at) {
    OffsetDateTime moment = at.atOffset(ZoneOffset.UTC);
    return jdbc.sql("""
            select d.trade, d.starts_at, d.ends_at, d.user_id, s.display_name, coalesce(d.phone, s.work_phone) as phone
              from duty_shift d join staff_member s on s.user_id = d.user_id
             where d.trade = ? and d.starts_at <= ? and d.ends_at > ? and s.active
             order by d.starts_at desc, d.user_id""")
        .params(trade, moment, moment)
        .query((rs, row) -> new Shift(rs.getString("trade"), rs.getObject("starts_at", OffsetDateTime.class),
            rs.getObject("ends_at", OffsetDateTime.class), rs.getString("user_id"), rs.getString("display_name"),
            rs.getString("phone")))
        .list();
  }

  /** The phone of whoever is on duty in a trade at {@code at}, if anyone is. */
  public Optional<String> phone(String trade, Instant at) {
    return onDuty(trade, at).stream().map(Shift::phone).filter(p -> p != null && !p.isBlank()).findFirst();
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
