package com.guanjia.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The first sheet of an {@code .xlsx} workbook, or a {@code .csv} file in UTF-8 (with or without BOM) or GBK,
 * as a company's staff export them: a header row, then one row per record. Workbooks are streamed (POI's
 * SAX reader), so a 20,000-row sheet never becomes a tree in memory; dates come out as {@code yyyy-MM-dd}
 * whatever the cell's display format, numbers as written (a phone stored as a number keeps its 11 digits).
 */
final class Spreadsheet {
  /** One data row: its number as the spreadsheet shows it (the header is row 1) and its cells by header. */
  record Row(int number, Map<String, String> cells) {
    String get(String header) {
      String value = cells.get(header);
      return value == null || value.isBlank() ? null : value.strip();
    }
  }

  /** The header row's names, in order, and the data rows (blank rows left out). */
  record Table(List<String> headers, List<Row> rows) {}

  /** A file that is not a spreadsheet we can read, said in words for the person who uploaded it. */
  static final class Unreadable extends RuntimeException {
    Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private Spreadsheet() {}

  /** Reads {@code content}, an {@code .xlsx} or {@code .csv} by its name; {@code rowRead} hears each row. */
  static Table read(String fileName, byte[] content, IntConsumer rowRead) {
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".xlsx")) {
      return xlsx(content, rowRead);
    }
    if (name.endsWith(".csv") || name.endsWith(".txt")) {
      return csv(content, rowRead);
    }
    throw new Unreadable("只能导入 .xlsx 或 .csv 文件（" + fileName + "）", null);
  }

  // ---- CSV: UTF-8 unless the bytes are not UTF-8, then GBK (what Excel on a Chinese Windows writes) -----------

  static Charset charsetOf(byte[] content) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content));
      return StandardCharsets.UTF_8;
    } catch (CharacterCodingException notUtf8) {
      return Charset.forName("GBK");
    }
  }

  private static Table csv(byte[] content, IntConsumer rowRead) {
    Charset charset = charsetOf(content);
    int offset = content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB
        && (content[2] & 0xff) == 0xBF ? 3 : 0;
    try (Reader reader = new InputStreamReader(new ByteArrayInputStream(content, offset, content.length - offset),
        charset)) {
      List<String> headers = null;
      List<Row> rows = new ArrayList<>();
      for (CSVRecord record : CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).get().parse(reader)) {
        List<String> values = record.toList();
        if (headers == null) {
          headers = values.stream().map(String::strip).toList();
          continue;
        }
        add(rows, headers, (int) record.getRecordNumber(), values, rowRead);
      }
      return new Table(headers == null ? List.of() : headers, rows);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new Unreadable("CSV 文件读不出来：" + e.getMessage(), e);
    }
  }

  // ---- xlsx: the first sheet, streamed --------------------------------------------------------------------------

  private static Table xlsx(byte[] content, IntConsumer rowRead) {
    try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(content))) {
      XSSFReader reader = new XSSFReader(pkg);
      var strings = new ReadOnlySharedStringsTable(pkg, false);
      var sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
      if (!sheets.hasNext()) {
        return new Table(List.of(), List.of());
      }
      var collector = new Collector(rowRead);
      try (InputStream sheet = sheets.next()) {
        var parser = XMLHelper.newXMLReader();
        parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings, collector,
            new IsoDates(), false));
        parser.parse(new InputSource(sheet));
      }
      return new Table(collector.headers == null ? List.of() : collector.headers, collector.rows);
    } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException
        | org.apache.poi.ooxml.POIXMLException | org.apache.poi.openxml4j.exceptions.InvalidOperationException
        | org.apache.poi.UnsupportedFileFormatException | org.apache.poi.EmptyFileException e) {
      throw new Unreadable("这个文件不是可以读取的 Excel 工作簿（.xlsx）", e);
    }
  }

  /** Dates as {@code yyyy-MM-dd} whatever the cell shows ("2020/6/1", "6/1/20"); everything else as displayed. */
  private static final class IsoDates extends DataFormatter {
    IsoDates() {
      super(Locale.ROOT);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
      if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
        LocalDate day = DateUtil.getLocalDateTime(value, use1904).toLocalDate();
        return day.toString();
      }
      if (formatIndex == 0 && value == Math.rint(value) && Math.abs(value) < 1e15) {
        // "General" would show a long number (a phone typed as a number) in scientific notation
        return Long.toString((long) value);
      }
      return super.formatRawCellContents(value, formatIndex, formatString, use1904);
    }
  }

  private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final IntConsumer rowRead;
    private List<String> headers;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    Collector(IntConsumer rowRead) {
      this.rowRead = rowRead;
    }

    @Override
    public void startRow(int rowNum) {
      values.clear();
    }

    @Override
    public void endRow(int rowNum) {
      if (headers == null) {
        headers = values.stream().map(v -> v == null ? "" : v.strip()).toList();
        return;
      }
      add(rows, headers, rowNum + 1, values, rowRead);
    }

    @Override
    public void cell(String reference, String formattedValue, XSSFComment comment) {
      int column = new org.apache.poi.ss.util.CellReference(reference).getCol();
      while (values.size() < column) {
        values.add(null);
      }
      values.add(formattedValue);
    }
  }

  private static void add(List<Row> rows, List<String> headers, int number, List<String> values, IntConsumer rowRead) {
    Map<String, String> cells = new LinkedHashMap<>();
    boolean blank = true;
    for (int i = 0; i < headers.size(); i++) {
      String value = i < values.size() ? values.get(i) : null;
      if (value != null && !value.isBlank()) {
        blank = false;
      }
      if (!headers.get(i).isEmpty()) {
        cells.put(headers.get(i), value);
      }
    }
    if (!blank) {
      rows.add(new Row(number, cells));
      rowRead.accept(rows.size());
    }
  }
}
