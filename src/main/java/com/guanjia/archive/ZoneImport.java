package com.guanjia.archive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The company's zones and buildings: one building per row, 责任区编号, 责任区名称, 楼栋编号, 楼栋名称. A zone is
 * added or renamed, a building added or moved into its zone; the same file twice changes nothing. Who serves the
 * zones comes with the staff list (责任区).
 */
@Service
class ZoneImport implements Importer {
  private enum Column implements SheetColumn {
    ZONE_ID("zoneId", "责任区编号"), ZONE_NAME("zoneName", "责任区名称", "责任区"), BUILDING_ID("buildingId", "楼栋编号"),
    BUILDING_NAME("buildingName", "楼栋名称", "楼栋");

    final String field;
    final String header;
    final List<String> names;

    Column(String field, String header, String... aliases) {
      this.field = field;
      this.header = header;
      this.names = SheetColumn.names(field, header, aliases);
    }

    @Override
    public String field() {
      return field;
    }

    @Override
    public String header() {
      return header;
    }

    @Override
    public List<String> names() {
      return names;
    }
  }

  private final StaffMaintenance maintenance;
  private final JdbcClient jdbc;

  ZoneImport(StaffMaintenance maintenance, JdbcClient jdbc) {
    this.maintenance = maintenance;
    this.jdbc = jdbc;
  }

  @Override
  public String kind() {
    return "ZONES";
  }

  record Plan(int rows, List<RowProblem> problems, Map<String, StaffMaintenance.ZoneForm> zones, int created,
      int updated, int unchanged, StaffMaintenance maintenance) implements Checked {
    @Override
    public int alsoCreated() {
      return 0;
    }

    @Override
    public void write(String by, String source, IntConsumer rowsWritten) {
      int written = 0;
      for (var zone : zones.entrySet()) {
        maintenance.keepZone(zone.getKey(), zone.getValue(), by);
        rowsWritten.accept(written += zone.getValue().buildings().size());
      }
    }
  }

  @Override
  public Plan check(Spreadsheet.Table table, IntConsumer rowChecked) {
    Map<Column, String> columns = SheetColumn.find(table.headers(), Column.class);
    List<RowProblem> problems = new ArrayList<>(SheetColumn.missing(columns, List.of(Column.values())));
    if (!problems.isEmpty()) {
      return new Plan(table.rows().size(), problems, Map.of(), 0, 0, 0, maintenance);
    }
    Map<String, String> zoneNames = new HashMap<>();
    jdbc.sql("select zone_id, name from zone").query(rs -> {
      zoneNames.put(rs.getString(1), rs.getString(2));
    });
    Map<String, String[]> buildings = new HashMap<>();
    jdbc.sql("select building_id, zone_id, name from building").query(rs -> {
      buildings.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
    });
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, List<StaffMaintenance.BuildingForm>> listed = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    int checked = 0;
    for (Spreadsheet.Row row : table.rows()) {
      rowChecked.accept(++checked);
      int before = problems.size();
      java.util.function.BiConsumer<Column, String> problem = (column, message) -> problems.add(
          new RowProblem(row.number(), column.field, columns.get(column), message));
      String zoneId = row.get(columns.get(Column.ZONE_ID));
      String zoneName = row.get(columns.get(Column.ZONE_NAME));
      String buildingId = row.get(columns.get(Column.BUILDING_ID));
      String buildingName = row.get(columns.get(Column.BUILDING_NAME));
      if (zoneId == null || !zoneId.matches("[A-Za-z0-9-]{1,32}")) {
        problem.accept(Column.ZONE_ID, "责任区编号必填：字母、数字和“-”，如 Z03");
      }
      if (zoneName == null || zoneName.length() > 100) {
        problem.accept(Column.ZONE_NAME, "责任区名称必填，最多100字");
      }
      if (buildingId == null || !buildingId.matches("[A-Za-z0-9-]{1,32}")) {
        problem.accept(Column.BUILDING_ID, "楼栋编号必填：字母、数字和“-”，如 B07");
      }
      if (buildingName == null || buildingName.length() > 100) {
        problem.accept(Column.BUILDING_NAME, "楼栋名称必填，最多100字");
      }
      if (problems.size() > before) {
        continue;
      }
      String otherName = names.putIfAbsent(zoneId, zoneName);
      if (otherName != null && !otherName.equals(zoneName)) {
        problem.accept(Column.ZONE_NAME, "同一个责任区 " + zoneId + " 在前面叫“" + otherName + "”");
        continue;
      }
      Integer first = seen.putIfAbsent(buildingId, row.number());
      if (first != null) {
        problem.accept(Column.BUILDING_ID, "楼栋 " + buildingId + " 在第 " + first + " 行已经有了（重复）");
        continue;
      }
      listed.computeIfAbsent(zoneId, z -> new ArrayList<>()).add(new StaffMaintenance.BuildingForm(buildingId,
          buildingName));
      String[] had = buildings.get(buildingId);
      if (had == null) {
        created++;
      } else if (had[0].equals(zoneId) && had[1].equals(buildingName) && zoneName.equals(zoneNames.get(zoneId))) {
        unchanged++;
      } else {
        updated++;
      }
    }
    Map<String, StaffMaintenance.ZoneForm> zones = new LinkedHashMap<>();
    listed.forEach((zoneId, list) -> zones.put(zoneId, new StaffMaintenance.ZoneForm(names.get(zoneId), list)));
    return new Plan(table.rows().size(), problems, created + updated == 0 ? Map.of() : zones, created, updated,
        unchanged, maintenance);
  }
}
