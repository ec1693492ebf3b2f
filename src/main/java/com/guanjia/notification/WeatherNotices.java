package com.guanjia.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Severe-weather notices (R8): while one is active, residents' messages carry its safety reminder. */
@Repository
public class WeatherNotices {
  private final JdbcClient jdbc;
  private final Clock clock;

  WeatherNotices(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public record WeatherNotice(long id, String text, OffsetDateTime startsAt, OffsetDateTime endsAt, String postedBy,
      OffsetDateTime postedAt) {}

  WeatherNotice post(String text, OffsetDateTime startsAt, OffsetDateTime endsAt, String by) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql("""
            insert into weather_notice (text, starts_at, ends_at, posted_by, posted_at) values (?, ?, ?, ?, ?)""")
        .params(text, startsAt, endsAt, by, now)
        .update(keys, "id");
    return new WeatherNotice(keys.getKey().longValue(), text, startsAt, endsAt, by, now);
  }

  /** Withdraws a notice before its end (the storm passed); false when there is none such. */
  boolean withdraw(long id, String by) {
    return jdbc.sql("update weather_notice set withdrawn_at = ?, withdrawn_by = ? where id = ? and withdrawn_at is null")
        .params(OffsetDateTime.now(clock), by, id).update() > 0;
  }

  /** The notice in force at that time (the latest posted, if several overlap). */
  public Optional<WeatherNotice> activeAt(Instant at) {
    OffsetDateTime t = at.atOffset(ZoneOffset.UTC);
    return jdbc.sql("""
            select * from weather_notice where withdrawn_at is null and starts_at <= ? and ends_at > ?
             order by posted_at desc, id desc""")
        .params(t, t).query(WeatherNotices::row).list().stream().findFirst();
  }

  /** Notices in force now or still to come. */
  List<WeatherNotice> current() {
    return jdbc.sql("select * from weather_notice where withdrawn_at is null and ends_at > ? order by starts_at, id")
        .param(OffsetDateTime.now(clock)).query(WeatherNotices::row).list();
  }

  private static WeatherNotice row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new WeatherNotice(rs.getLong("id"), rs.getString("text"), rs.getObject("starts_at", OffsetDateTime.class),
        rs.getObject("ends_at", OffsetDateTime.class), rs.getString("posted_by"),
        rs.getObject("posted_at", OffsetDateTime.class));
  }
}
