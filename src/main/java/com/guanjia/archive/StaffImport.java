package com.guanjia.archive;

import com.guanjia.web.InvalidFieldException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The company's staff list: one member of staff per row, by their sign-in name (账号). Each becomes a Camunda user
 * in the group of their 岗位 and serves the 责任区 named; the same file twice changes nothing.
 */
@Service
class StaffImport implements Importer {
  /** Trades as companies write them in their lists, to Camunda groups. */
  static final Map<String, String> TRADES = Map.ofEntries(Map.entry("管家", "butler"),
      Map.entry("维修", "maintenance"), Map.entry("工程", "maintenance"), Map.entry("工程维修", "maintenance"),
      Map.entry("保洁", "cleaning"), Map.entry("保安", "security"), Map.entry("秩序维护", "security"),
      Map.entry("绿化", "landscaping"), Map.entry("客服", "customer-service"), Map.entry("前台", "customer-service"),
      Map.entry("主管", "supervisor"), Map.entry("项目经理", "project-manager"), Map.entry("品质", "quality"),
      Map.entry("品质部", "quality"));

  private enum Column implements SheetColumn {
    USER_ID("userId", "账号", "工号", "用户名", "登录名"),
    NAME("displayName", "姓名"),
    TRADE("trade", "岗位", "工种", "专业"),
    PHONE("workPhone", "工作电话", "电话"),
    SUPERVISOR("supervisorId", "上级", "上级账号", "主管账号"),
    ZONES("zones", "责任区"),
    ACTIVE("active", "在职"),
    EMAIL("email", "邮箱"),
    PROJECT("projectId", "管理处", "项目", "所属管理处");

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
  private final Validator validator;
  private final JdbcClient jdbc;

  StaffImport(StaffMaintenance maintenance, Validator validator, JdbcClient jdbc) {
    this.maintenance = maintenance;
    this.validator = validator;
    this.jdbc = jdbc;
  }

  @Override
  public String kind() {
    return "STAFF";
  }

  record Plan(int rows, List<RowProblem> problems, Map<String, StaffForm> toCreate, Map<String, StaffForm> toUpdate,
      int unchanged, StaffMaintenance maintenance) implements Checked {
    @Override
    public int created() {
      return toCreate.size();
    }

    @Override
    public int updated() {
      return toUpdate.size();
    }

    @Override
    public int alsoCreated() {
      return 0;
    }

    @Override
    public void write(String by, String source, IntConsumer rowsWritten) {
      int written = 0;
      for (var entry : toCreate.entrySet()) {
        maintenance.keepChecked(entry.getKey(), entry.getValue(), by);
        rowsWritten.accept(++written);
      }
      for (var entry : toUpdate.entrySet()) {
        maintenance.keepChecked(entry.getKey(), entry.getValue(), by);
        rowsWritten.accept(++written);
      }
    }
  }

  @Override
  public Plan check(Spreadsheet.Table table, IntConsumer rowChecked) {
    Map<Column, String> columns = SheetColumn.find(table.headers(), Column.class);
    List<RowProblem> problems = new ArrayList<>(SheetColumn.missing(columns, List.of(Column.USER_ID, Column.NAME, Column.TRADE)));
    if (!problems.isEmpty()) {
      return new Plan(table.rows().size(), problems, Map.of(), Map.of(), 0, maintenance);
    }
    Map<String, String> zoneNames = new HashMap<>();
    jdbc.sql("select zone_id, name from zone").query(rs -> {
      zoneNames.put(rs.getString(1), rs.getString(1));
      zoneNames.put(rs.getString(2), rs.getString(1));
    });
    Map<String, StaffMaintenance.Staff> directory = new HashMap<>();
    maintenance.staff().forEach(member -> directory.put(member.userId(), member));
    Set<String> staff = new HashSet<>(directory.keySet());
    for (Spreadsheet.Row row : table.rows()) {
      String id = cell(row, columns, Column.USER_ID);
      if (id != null) {
        staff.add(id);
      }
    }
    Map<String, Integer> seen = new HashMap<>();
    Map<String, StaffForm> toCreate = new LinkedHashMap<>();
    Map<String, StaffForm> toUpdate = new LinkedHashMap<>();
    int unchanged = 0;
    int checked = 0;
    for (Spreadsheet.Row row : table.rows()) {
      rowChecked.accept(++checked);
      int before = problems.size();
      java.util.function.BiConsumer<Column, String> problem = (column, message) -> problems.add(
          new RowProblem(row.number(), column.field, columns.getOrDefault(column, column.header), message));
      String userId = cell(row, columns, Column.USER_ID);
      String tradeCell = cell(row, columns, Column.TRADE);
      String trade = tradeCell == null ? null : TRADES.getOrDefault(tradeCell, StaffMaintenance.TRADES.contains(tradeCell)
          ? tradeCell : null);
      if (tradeCell != null && trade == null) {
        problem.accept(Column.TRADE, "“" + tradeCell + "”不是岗位：填管家、维修、保洁、保安、绿化、客服、主管、项目经理或品质");
      }
      List<String> zones = new ArrayList<>();
      String zonesCell = cell(row, columns, Column.ZONES);
      if (zonesCell != null) {
        for (String zone : zonesCell.split("[;；、,，\\s]+")) {
          if (zone.isBlank()) {
            continue;
          }
          String zoneId = zoneNames.get(zone.strip());
          if (zoneId == null) {
            problem.accept(Column.ZONES, "没有这个责任区：" + zone);
          } else {
            zones.add(zoneId);
          }
        }
      }
      String activeCell = cell(row, columns, Column.ACTIVE);
      Boolean active = activeCell == null ? Boolean.TRUE : switch (activeCell.toLowerCase(Locale.ROOT)) {
        case "是", "在职", "y", "yes", "1", "true" -> Boolean.TRUE;
        case "否", "离职", "n", "no", "0", "false" -> Boolean.FALSE;
        default -> {
          problem.accept(Column.ACTIVE, "“" + activeCell + "”看不懂：填“是”或“否”");
          yield Boolean.TRUE;
        }
      };
      if (problems.size() > before) {
        continue;
      }
      StaffForm form = new StaffForm(cell(row, columns, Column.NAME), trade, cell(row, columns, Column.PHONE),
          cell(row, columns, Column.SUPERVISOR), active, zones, cell(row, columns, Column.EMAIL), null,
          cell(row, columns, Column.PROJECT));
      for (ConstraintViolation<StaffForm> violation : validator.validate(form)) {
        String field = violation.getPropertyPath().iterator().next().getName();
        Column column = Arrays.stream(Column.values()).filter(c -> c.field.equals(field)).findFirst().orElse(Column.NAME);
        problem.accept(column, switch (field) {
          case "displayName" -> "姓名必填，一行，最多50字";
          case "trade" -> "岗位必填";
          case "workPhone" -> "电话只能有数字、“-”、“+”和空格";
          case "email" -> "不是有效的邮箱地址";
          default -> violation.getMessage();
        });
      }
      if (userId == null) {
        problem.accept(Column.USER_ID, "账号必填（登录任务列表用的名字）");
      }
      if (problems.size() > before) {
        continue;
      }
      try {
        maintenance.check(userId, form, new HashSet<>(zoneNames.values()), staff);
      } catch (InvalidFieldException e) {
        Column column = Arrays.stream(Column.values()).filter(c -> c.field.equals(e.field())).findFirst()
            .orElse(Column.USER_ID);
        problem.accept(column, switch (e.field()) {
          case "userId" -> "账号只能有字母、数字和“.”“_”“-”";
          case "zones" -> "只有管家、维修、保洁、保安和绿化负责责任区";
          case "supervisorId" -> "上级不能是自己，也须是名录中或本文件中的员工：" + form.supervisorId();
          case "projectId" -> "没有这个管理处：" + form.projectId();
          default -> e.getMessage();
        });
        continue;
      }
      Integer first = seen.putIfAbsent(userId, row.number());
      if (first != null) {
        problem.accept(Column.USER_ID, "与第 " + first + " 行是同一个账号（重复）");
        continue;
      }
      var existing = Optional.ofNullable(directory.get(userId));
      if (existing.isEmpty()) {
        toCreate.put(userId, form);
      } else if (same(existing.get(), form, columns)) {
        unchanged++;
      } else {
        toUpdate.put(userId, withKept(existing.get(), form, columns));
      }
    }
    return new Plan(table.rows().size(), problems, toCreate, toUpdate, unchanged, maintenance);
  }

  /** The form with what the file has no column for kept as the directory has it. */
  private static StaffForm withKept(StaffMaintenance.Staff s, StaffForm f, Map<Column, String> columns) {
    return new StaffForm(f.displayName(), f.trade(), columns.containsKey(Column.PHONE) ? f.workPhone() : s.workPhone(),
        columns.containsKey(Column.SUPERVISOR) ? f.supervisorId() : s.supervisorId(),
        columns.containsKey(Column.ACTIVE) ? f.active() : s.active(),
        columns.containsKey(Column.ZONES) ? f.zones() : s.zones(),
        columns.containsKey(Column.EMAIL) ? f.email() : s.email(), null,
        columns.containsKey(Column.PROJECT) ? f.projectId() : s.projectId());
  }

  private static boolean same(StaffMaintenance.Staff s, StaffForm f, Map<Column, String> columns) {
    StaffForm kept = withKept(s, f, columns);
    return s.displayName().equals(kept.displayName().strip()) && s.trade().equals(kept.trade())
        && java.util.Objects.equals(s.workPhone(), blank(kept.workPhone()))
        && java.util.Objects.equals(s.supervisorId(), blank(kept.supervisorId())) && s.active() == kept.isActive()
        && new HashSet<>(s.zones()).equals(new HashSet<>(kept.isActive() ? kept.zoneList() : List.of()))
        && s.groups().contains(kept.trade()) == kept.isActive()
        && (blank(kept.email()) == null || java.util.Objects.equals(s.email(), blank(kept.email())))
        && java.util.Objects.equals(s.projectId(), blank(kept.projectId()));
  }

  private static String cell(Spreadsheet.Row row, Map<Column, String> columns, Column column) {
    return SheetColumn.cell(row, columns, column);
  }

  private static String blank(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
