package com.guanjia.resident;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * R10: each time a resident's details are shown in clear (name, phone, address, the description as told) to a member
 * of staff, who saw them, for which request, and where; read back as the case's audit trail.
 */
@Repository
public class PersonalDataReveals {
  private final JdbcClient jdbc;
  private final Clock clock;

  PersonalDataReveals(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void revealed(String requestNo, String residentId, String to, String place) {
    jdbc.sql("""
            insert into personal_data_reveal (request_no, resident_id, revealed_to, place, revealed_at)
            values (?, ?, ?, ?, ?)""")
        .params(requestNo, residentId, to, place.length() > 200 ? place.substring(0, 200) : place,
            OffsetDateTime.now(clock))
        .update();
  }
}
