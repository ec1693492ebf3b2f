package com.guanjia.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.guanjia.test.Api;
import com.guanjia.test.BenchmarkDatabase;
import com.guanjia.test.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * A company moving in with {@code benchmark.households} households (20,000 unless told otherwise) in one
 * workbook; a benchmark that prints figures, not a test ({@code mvn -Pbenchmark test -Dtest=ResidentImportBenchmark}).
 * Over the HTTP API as the front desk would: a dry run, the import (every household new, its unit added to its
 * building), the same workbook again (nothing changes), and the same rows as a GBK CSV dry run. Each figure is the
 * time from upload to the finished report, with the progress the page would have shown along the way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"guanjia.data-dir=target/benchmark-data", "guanjia.demo.mail-catcher=false",
        "logging.level.org.camunda.bpm.engine.context=off"})
@ContextConfiguration(initializers = BenchmarkDatabase.class)
// the engine named "default" (the API's sign-in addresses it) is closed after this class, for the next benchmark
@org.springframework.test.annotation.DirtiesContext
class ResidentImportBenchmark {
  private static final int HOUSEHOLDS = Integer.getInteger("benchmark.households", 20_000);
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
      "胡", "郭", "何", "林", "高", "罗"};
  private static final String[] GIVEN = {"建国", "秀英", "伟", "芳", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
      "娟", "涛", "明", "超", "秀兰", "霞"};
  private static final String[] HEADER = {"楼栋", "房号", "姓名", "性别", "手机", "其他电话", "身份", "家庭成员", "VIP", "高龄",
      "行动不便", "听力不好", "特殊需要说明", "通知渠道", "邮箱", "入住日期"};

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private static List<String[]> rows() {
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < HOUSEHOLDS; i++) {
      int building = i % 6 + 1;
      int n = i / 6;
      String unit = building + "-" + (5 + n / 560) + "-" + String.format("%02d%02d", n / 20 % 28 + 1, n % 20 + 1);
      boolean elderly = i % 10 == 3;
      rows.add(new String[] {building + "号楼", unit, SURNAMES[i % 20] + GIVEN[(i / 20) % 20] + (i / 400 == 0 ? "" : i / 400),
          i % 2 == 0 ? "男" : "女", String.format("139%08d", i), i % 5 == 0 ? String.format("0571-8%07d", i) : "",
          i % 7 == 0 ? "租户" : "业主", i % 3 == 0 ? "李娟（配偶）、王小明（儿子）" : "", i % 50 == 0 ? "是" : "否",
          elderly ? "是" : "否", i % 40 == 0 ? "是" : "否", elderly && i % 20 == 3 ? "是" : "否",
          elderly ? "独居，夜间需协助" : "", i % 10 == 7 ? "邮件" : "短信", i % 10 == 7 ? "r" + i + "@example.com" : "",
          String.format("20%02d-%02d-%02d", 10 + i % 15, i % 12 + 1, i % 28 + 1)});
    }
    return rows;
  }

  private static byte[] workbook(List<String[]> rows) throws Exception {
    try (var workbook = new SXSSFWorkbook(200); var out = new ByteArrayOutputStream()) {
      var sheet = workbook.createSheet("住户档案");
      var header = sheet.createRow(0);
      for (int c = 0; c < HEADER.length; c++) {
        header.createCell(c).setCellValue(HEADER[c]);
      }
      for (int r = 0; r < rows.size(); r++) {
        var row = sheet.createRow(r + 1);
        String[] values = rows.get(r);
        for (int c = 0; c < values.length; c++) {
          row.createCell(c).setCellValue(values[c]);
        }
      }
      workbook.write(out);
      workbook.dispose();
      return out.toByteArray();
    }
  }

  private static byte[] gbkCsv(List<String[]> rows) {
    StringBuilder csv = new StringBuilder(String.join(",", HEADER)).append("\r\n");
    for (String[] row : rows) {
      csv.append(String.join(",", row)).append("\r\n");
    }
    return csv.toString().getBytes(Charset.forName("GBK"));
  }

  private record Run(JsonNode report, long millis, List<String> progress) {}

  private Run upload(Api api, String fileName, byte[] file, boolean dryRun) throws InterruptedException {
    long start = System.nanoTime();
    var started = api.postMultipart("frontdesk", "/api/residents/imports?dryRun=" + dryRun, Map.of(), "file", fileName,
        file);
    if (started.status() != 202) {
      throw new AssertionError(started.body());
    }
    String id = started.json().get("importId").asText();
    List<String> progress = new ArrayList<>();
    long lastSample = 0;
    while (true) {
      JsonNode report = api.get("frontdesk", "/api/residents/imports/" + id).json();
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (!report.get("state").asText().equals("RUNNING")) {
        return new Run(report, millis, progress);
      }
      if (millis - lastSample >= 1000) {
        lastSample = millis;
        progress.add(String.format("%5.1f s %-8s read %6d checked %6d written %6d", millis / 1000.0,
            report.get("phase").asText(), report.get("rowsRead").asInt(), report.get("rowsChecked").asInt(),
            report.get("rowsWritten").asInt()));
      }
      Thread.sleep(50);
    }
  }

  @Test
  void twentyThousandHouseholdsMoveIn() throws Exception {
    Api api = new Api(port);
    List<String[]> rows = rows();
    byte[] xlsx = workbook(rows);
    byte[] csv = gbkCsv(rows);
    StringBuilder report = new StringBuilder();
    line(report, "Resident import, %s: %,d households, workbook %,d KiB, GBK CSV %,d KiB",
        TestDatabase.postgres() ? "PostgreSQL" : "H2", HOUSEHOLDS, xlsx.length >> 10, csv.length >> 10);
    long before = jdbc.sql("select count(*) from resident").query(Long.class).single();

    for (var step : List.of(new Object[] {"dry run (.xlsx)", "households.xlsx", xlsx, true},
        new Object[] {"import (.xlsx, all new)", "households.xlsx", xlsx, false},
        new Object[] {"same workbook again", "households.xlsx", xlsx, false},
        new Object[] {"dry run (GBK .csv)", "households.csv", csv, true})) {
      Run run = upload(api, (String) step[1], (byte[]) step[2], (boolean) step[3]);
      JsonNode r = run.report();
      line(report, "%-26s %6.1f s = %,7.0f rows/s  %s: created %d, updated %d, unchanged %d, units added %d, problems %d",
          step[0], run.millis() / 1000.0, HOUSEHOLDS * 1000.0 / run.millis(), r.get("state").asText(),
          r.get("created").asInt(), r.get("updated").asInt(), r.get("unchanged").asInt(), r.get("unitsCreated").asInt(),
          r.get("problems").size());
      for (String sample : run.progress()) {
        line(report, "    progress %s", sample);
      }
    }
    long after = jdbc.sql("select count(*) from resident").query(Long.class).single();
    line(report, "residents in the archive: %,d before, %,d after", before, after);
    System.gc();
    var memory = Runtime.getRuntime();
    line(report, "heap after: %d MiB used of %d MiB", (memory.totalMemory() - memory.freeMemory()) >> 20,
        memory.maxMemory() >> 20);

    System.out.println();
    System.out.println("==== " + report.toString().replace("\n", "\n     ").strip());
    System.out.println();
    Path out = Path.of("target", "benchmark", "resident-import-" + (TestDatabase.postgres() ? "postgres" : "h2") + ".txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report, StandardCharsets.UTF_8);
  }

  private static void line(StringBuilder report, String format, Object... args) {
    report.append(String.format(format, args)).append('\n');
  }
}
