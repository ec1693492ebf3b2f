package com.guanjia.archive;

import com.guanjia.GuanjiaProperties;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The duty roster (值班表): one shift per row: 日期, 开始, 结束 (a time not after the start is the next day), 岗位,
 * 值班人 (an account in the directory), 值班电话 (else their work phone). A shift is its trade, start and person;
 * the same file twice changes nothing.
 */
@Service
class DutyImport implements Importer {
  private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
      DateTimeFormatter.ofPattern("uuuu/M/d"), DateTimeFormatter.ofPattern("uuuu-M-d"),
      DateTimeFormatter.ofPattern("uuuu年M月d日"));

  private enum Column implements SheetColumn {
    DATE("date", "日期"), START("startsAt", "开始", "开始时间"), END("endsAt", "结束", "结束时间"),
    TRADE("trade", "岗位"), USER("userId", "值班人", "账号"), PHONE("phone", "值班电话", "电话");

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

  private final JdbcClient jdbc;
  private final ZoneId zone;

  DutyImport(JdbcClient jdbc, GuanjiaProperties properties) {
    this.jdbc = jdbc;
    this.zone = properties.timeZone();
  }

  @Override
  public String kind() {
    return "DUTY";
  }

  record Shift(String trade, OffsetDateTime startsAt, OffsetDateTime endsAt, String userId, String phone) {}

  record Plan(int rows, List<RowProblem> problems, List<Shift> toCreate, List<Shift> toUpdate, int unchanged,
      JdbcClient jdbc) implements Checked {
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
      for (Shift s : toCreate) {
        jdbc.sql("""
                insert into duty_shift (trade, starts_at, ends_at, user_id, phone, source) values (?, ?, ?, ?, ?, ?)""")
            .params(s.trade(), s.startsAt(), s.endsAt(), s.userId(), s.phone(), source).update();
        rowsWritten.accept(++written);
      }
      for (Shift s : toUpdate) {
        jdbc.sql("update duty_shift set ends_at = ?, phone = ?, source = ? where trade = ? and starts_at = ? and user_id = ?")
            .params(s.endsAt(), s.phone(), source, s.trade(), s.startsAt(), s.userId()).update();
        rowsWritten.accept(++written);
      }
    }
  }

  @Override
  public Plan check(Spreadsheet.Table table, IntConsumer rowChecked) {
    Map<Column, String> columns = SheetColumn.find(table.headers(), Column.class);
    List<RowProblem> problems = new ArrayList<>(SheetColumn.missing(columns, List.of(Column.DATE, Column.START, Column.END, Column.TRADE, Column.USER)));
    if (!problems.isEmpty()) {
      return new Plan(table.rows().size(), problems, List.of(), List.of(), 0, jdbc);
    }
    Map<String, Boolean> staff = new HashMap<>();
    jdbc.sql("select user_id, active from staff_member").query(rs -> {
      staff.put(rs.getString(1), rs.getBoolean(2));
    });
    Map<String, Shift> existing = new HashMap<>();
    jdbc.sql("select trade, starts_at, ends_at, user_id, phone from duty_shift").query(rs -> {
      Shift s = new Shift(rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getObject(3, OffsetDateTime.class),
          rs.getString(4), rs.getString(5));
      existing.put(key(s), s);
    });
    Map<String, Integer> seen = new HashMap<>();
    List<Shift> toCreate = new ArrayList<>();
    List<Shift> toUpdate = new ArrayList<>();
    int unchanged = 0;
    int checked = 0;
    for (Spreadsheet.Row row : table.rows()) {
      rowChecked.accept(++checked);
      int before = problems.size();
      java.util.function.BiConsumer<Column, String> problem = (column, message) -> problems.add(
          new RowProblem(row.number(), column.field, columns.getOrDefault(column, column.header), message));
      LocalDate day = date(cell(row, columns, Column.DATE));
      if (day == null) {
        problem.accept(Column.DATE, "日期必填，如 2026-12-05");
      }
      LocalTime start = time(cell(row, columns, Column.START));
      if (start == null) {
        problem.accept(Column.START, "开始时间必填，如 20:00");
      }
      LocalTime end = time(cell(row, columns, Column.END));
      if (end == null) {
        problem.accept(Column.END, "结束时间必填，如 08:00（不晚于开始时间的算第二天）");
      }
      String tradeCell = cell(row, columns, Column.TRADE);
      String trade = tradeCell == null ? null : StaffImport.TRADES.getOrDefault(tradeCell,
          StaffMaintenance.TRADES.contains(tradeCell) ? tradeCell : null);
      if (trade == null) {
        problem.accept(Column.TRADE, tradeCell == null ? "岗位必填" : "“" + tradeCell + "”不是岗位");
      }
      String userId = cell(row, columns, Column.USER);
      if (userId == null || !staff.containsKey(userId)) {
        problem.accept(Column.USER, userId == null ? "值班人必填（账号）" : "员工名录中没有账号 " + userId);
      } else if (!staff.get(userId)) {
        problem.accept(Column.USER, userId + " 已离职");
      }
      String phone = cell(row, columns, Column.PHONE);
      if (phone != null && !phone.matches("[0-9+\\- ]{5,32}")) {
        problem.accept(Column.PHONE, "电话只能有数字、“-”、“+”和空格");
      }
      if (problems.size() > before) {
        continue;
      }
      var startsAt = day.atTime(start).atZone(zone).toOffsetDateTime();
      var endsAt = (end.isAfter(start) ? day : day.plusDays(1)).atTime(end).atZone(zone).toOffsetDateTime();
      Shift shift = new Shift(trade, startsAt, endsAt, userId, phone);
      Integer first = seen.putIfAbsent(key(shift), row.number());
      if (first != null) {
        problem.accept(Column.USER, "与第 " + first + " 行是同一个班（重复）");
        continue;
      }
      Shift had = existing.get(key(shift));
      if (had == null) {
        toCreate.add(shift);
      } else if (had.endsAt().toInstant().equals(endsAt.toInstant()) && Objects.equals(had.phone(), phone)) {
        unchanged++;
      } else {
        toUpdate.add(shift);
      }
    }
    return new Plan(table.rows().size(), problems, toCreate, toUpdate, unchanged, jdbc);
  }

  private static String key(Shift s) {
    return s.trade() + "|" + s.startsAt().toInstant() + "|" + s.userId();
  }

  private static LocalDate date(String cell) {
    if (cell == null) {
      return null;
    }
    for (DateTimeFormatter format : DATES) {
      try {
        return LocalDate.parse(cell, format);
      } catch (DateTimeParseException next) {
        // the next format
      }
    }
    return null;
  }

  private static LocalTime time(String cell) {
    if (cell == null) {
      return null;
    }
    try {
      return LocalTime.parse(cell.length() == 4 ? "0" + cell : cell.length() > 5 ? cell.substring(0, 5) : cell);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String cell(Spreadsheet.Row row, Map<Column, String> columns, Column column) {
    return SheetColumn.cell(row, columns, column);
  }
}
