package com.guanjia.archive;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A column an imported file may have: the API field it fills, the header Guanjia's template uses, and the other
 * names companies give it. A header names a column whatever its spaces, asterisks and case ("手机号码", "phone"
 * and " 手机 *" all name the phone column).
 */
interface SheetColumn {
  String field();

  String header();

  /** Every name of the column, {@link #normalized}. */
  List<String> names();

  static String normalized(String header) {
    return header == null ? "" : header.replaceAll("[\\s*＊]", "").toLowerCase(Locale.ROOT);
  }

  /** The names of a column: its field, its header and its aliases, normalized. */
  static List<String> names(String field, String header, String... aliases) {
    return Stream.concat(Stream.of(field, header), Stream.of(aliases)).map(SheetColumn::normalized).toList();
  }

  /** The file's header of each column it has (the first header that names it). */
  static <C extends Enum<C> & SheetColumn> Map<C, String> find(List<String> headers, Class<C> type) {
    Map<C, String> found = new EnumMap<>(type);
    for (String header : headers) {
      String name = normalized(header);
      for (C column : type.getEnumConstants()) {
        if (column.names().contains(name)) {
          found.putIfAbsent(column, header);
        }
      }
    }
    return found;
  }

  /** A problem (row 1, the header row) for each required column the file lacks. */
  static <C extends SheetColumn> List<RowProblem> missing(Map<C, String> found, List<C> required) {
    List<RowProblem> problems = new ArrayList<>();
    for (C column : required) {
      if (!found.containsKey(column)) {
        problems.add(new RowProblem(1, column.field(), column.header(), "缺少“" + column.header() + "”列"));
      }
    }
    return problems;
  }

  /** The cell of a row in a column, blank as null; null too when the file has no such column. */
  static <C extends SheetColumn> String cell(Spreadsheet.Row row, Map<C, String> found, C column) {
    return found.containsKey(column) ? row.get(found.get(column)) : null;
  }
}
