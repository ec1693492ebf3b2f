package com.guanjia.archive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A zone's service card (seed 004 §2.4): who serves the zone in each trade with their work phone, what each trade
 * is responsible for and the standard it keeps, the supervisors, the service center's 24-hour duty phone. Read
 * from the staff directory as it is today; nothing about residents is on it.
 */
@Service
class ZoneCards {
  private final JdbcClient jdbc;
  private final ServiceCenter center;

  ZoneCards(JdbcClient jdbc, ServiceCenter center, Projects projects) {
    this.projects = projects;
    this.jdbc = jdbc;
    this.center = center;
  }

  /** A member of staff as the card shows them: name and work phone (never a private number). */
  record Person(String name, String workPhone) {}

  /** One trade on the card: who serves the zone in it, their duties and standard, the help one may ask for. */
  record Trade(String trade, String title, List<Person> staff, String duties, String standards, String care) {}

  record Card(String zoneId, String zoneName, List<String> buildings, List<Trade> trades, List<Person> supervisors,
      String serviceCenter, String dutyPhone, String url) {}

  private final Projects projects;

  Optional<Card> card(String zoneId) {
    Optional<String> zoneName = jdbc.sql("select name from zone where zone_id = ?").param(zoneId).query(String.class)
        .optional();
    if (zoneName.isEmpty()) {
      return Optional.empty();
    }
    List<String> buildings = jdbc.sql("select name from building where zone_id = ? order by building_id").param(zoneId)
        .query(String.class).list();
    Map<String, List<Person>> staffByTrade = new LinkedHashMap<>();
    List<String> supervisorIds = new ArrayList<>();
    jdbc.sql("""
            select z.trade, s.display_name, s.work_phone, s.supervisor_id from zone_staff z
              join staff_member s on s.user_id = z.user_id
             where z.zone_id = ? and s.active order by z.trade, s.display_name""")
        .param(zoneId).query(rs -> {
          staffByTrade.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
              .add(new Person(rs.getString(2), rs.getString(3)));
          String supervisor = rs.getString(4);
          if (supervisor != null && !supervisorIds.contains(supervisor)) {
            supervisorIds.add(supervisor);
          }
        });
    List<Trade> trades = jdbc.sql("select * from trade_card order by sort_order, trade")
        .query((rs, row) -> new Trade(rs.getString("trade"), rs.getString("title"),
            staffByTrade.getOrDefault(rs.getString("trade"), List.of()), rs.getString("duties"),
            rs.getString("standards"), rs.getString("care")))
        .list().stream().filter(t -> !t.staff().isEmpty()).toList();
    List<Person> supervisors = supervisorIds.isEmpty() ? List.of()
        : jdbc.sql("select display_name, work_phone from staff_member where user_id in (:ids) and active order by display_name")
            .param("ids", supervisorIds).query((rs, row) -> new Person(rs.getString(1), rs.getString(2))).list();
    // the zone's project (管理处) answers with its own name and duty phone, else the service center's
    var project = projects.ofZone(zoneId);
    String dutyPhone = project.map(Projects.Project::dutyPhone).filter(p -> !p.isBlank())
        .orElse(center.dutyPhone().isBlank() ? null : center.dutyPhone());
    return Optional.of(new Card(zoneId, zoneName.get(), buildings, trades, supervisors,
        project.map(Projects.Project::name).orElse(center.name()), dutyPhone, center.url("/zones/" + zoneId + "/card")));
  }
}
