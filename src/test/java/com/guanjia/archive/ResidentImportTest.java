package com.guanjia.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.guanjia.resident.ResidentArchive;
import com.guanjia.resident.ResidentDetails;
import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A company loads its residents from the spreadsheets it has: a dry run names every bad row before anything is
 * written, an import writes all or nothing, the same file twice changes nothing, and a CSV saved by Excel on a
 * Chinese Windows (GBK) reads as well as a UTF-8 one or a workbook.
 */
@GuanjiaTest
class ResidentImportTest {
  private static final String HEADER = "住户编号,楼栋,房号,姓名,性别,手机,其他电话,身份,家庭成员,VIP,高龄,行动不便,听力不好,"
      + "特殊需要说明,通知渠道,入住日期\n";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ResidentArchive archive;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  private JsonNode upload(String user, String fileName, byte[] content, boolean dryRun) {
    var started = api.postMultipart(user, "/api/residents/imports?dryRun=" + dryRun, Map.of(), "file", fileName,
        content);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String id = started.json().get("importId").asText();
    for (int i = 0; i < 600; i++) {
      JsonNode report = api.get(user, "/api/residents/imports/" + id).json();
      if (!report.get("state").asText().equals("RUNNING")) {
        return report;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("import " + id + " did not finish in 60 s");
  }

  /** The one resident living in a unit (units are encrypted: the archive looks them up). */
  private String unitResident(String unitId) {
    var found = archive.lookUp(unitId, 10);
    assertThat(found).hasSize(1);
    return found.get(0).residentId();
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }

  @Test
  void aGoodFileIsCheckedThenImportedAndTheSameFileTwiceChangesNothing() {
    byte[] file = (HEADER
        + ",6号楼,6-3-0101,钱多多,男,13800001111,0571-86001234；13900002222,业主,钱小多（儿子）、孙芳（配偶）,是,否,否,否,,短信,2021-05-01\n"
        + "R-IMP-02,6,6-3-0102,周桂芳,女,139 0000 3333,,租户,,,是,,是,独居，耳背,微信,2022/3/15\n")
        .getBytes(StandardCharsets.UTF_8);
    long residents = count("resident");

    JsonNode dryRun = upload("frontdesk", "residents.csv", file, true);
    assertThat(dryRun.get("state").asText()).isEqualTo("CHECKED");
    assertThat(dryRun.get("rowsTotal").asInt()).isEqualTo(2);
    assertThat(dryRun.get("created").asInt()).isEqualTo(2);
    assertThat(dryRun.get("unitsCreated").asInt()).isEqualTo(2);
    assertThat(dryRun.get("problems")).isEmpty();
    assertThat(count("resident")).as("a dry run writes nothing").isEqualTo(residents);
    assertThat(archive.unitExists("6-3-0101")).isFalse();

    JsonNode imported = upload("frontdesk", "residents.csv", file, false);
    assertThat(imported.get("state").asText()).isEqualTo("IMPORTED");
    assertThat(imported.get("created").asInt()).isEqualTo(2);
    assertThat(imported.get("startedBy").asText()).isEqualTo("frontdesk");
    assertThat(count("resident")).isEqualTo(residents + 2);
    ResidentDetails zhou = archive.details("R-IMP-02").orElseThrow();
    assertThat(zhou.name()).isEqualTo("周桂芳");
    assertThat(zhou.phone()).as("spaces in a phone are dropped").isEqualTo("13900003333");
    assertThat(zhou.occupancy()).isEqualTo("TENANT");
    assertThat(zhou.elderly()).isTrue();
    assertThat(zhou.hardOfHearing()).isTrue();
    assertThat(zhou.disabled()).isFalse();
    assertThat(zhou.movedInOn()).isEqualTo(LocalDate.of(2022, 3, 15));
    assertThat(api.get("frontdesk", "/api/residents/R-IMP-02").json().get("preferredChannel").asText())
        .isEqualTo("WECHAT");
    String qian = unitResident("6-3-0101");
    assertThat(qian).as("a resident the file gives no number gets the next R-nnnn").matches("R-\\d{4,}");
    ResidentDetails qianDuoduo = archive.details(qian).orElseThrow();
    assertThat(qianDuoduo.otherPhones()).containsExactly("0571-86001234", "13900002222");
    assertThat(qianDuoduo.household()).containsExactly("钱小多（儿子）", "孙芳（配偶）");
    assertThat(qianDuoduo.vip()).isTrue();
    var changes = api.get("supervisor1", "/api/residents/" + qian + "/changes").json();
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).get("action").asText()).isEqualTo("CREATED");
    assertThat(jdbc.sql("select source from resident_change where resident_id = ?").param(qian).query(String.class)
        .single()).isEqualTo("import:" + imported.get("importId").asText());

    long changeRecords = count("resident_change");
    JsonNode again = upload("supervisor1", "residents.csv", file, false);
    assertThat(again.get("state").asText()).isEqualTo("IMPORTED");
    assertThat(again.get("created").asInt()).isZero();
    assertThat(again.get("updated").asInt()).isZero();
    assertThat(again.get("unchanged").asInt()).isEqualTo(2);
    assertThat(count("resident")).isEqualTo(residents + 2);
    assertThat(count("resident_change")).as("nothing changed, nothing recorded").isEqualTo(changeRecords);

    // a later file changes one phone: that resident is updated, the change names the field, not the number
    byte[] changed = new String(file, StandardCharsets.UTF_8).replace("139 0000 3333", "13900004444")
        .getBytes(StandardCharsets.UTF_8);
    JsonNode update = upload("frontdesk", "residents.csv", changed, false);
    assertThat(update.get("updated").asInt()).isEqualTo(1);
    assertThat(update.get("unchanged").asInt()).isEqualTo(1);
    assertThat(archive.details("R-IMP-02").orElseThrow().phone()).isEqualTo("13900004444");
    var last = api.get("frontdesk", "/api/residents/R-IMP-02/changes").json();
    assertThat(last.get(last.size() - 1).get("fields").toString()).isEqualTo("[\"phone\"]");
  }

  @Test
  void aDryRunNamesEveryBadRowAndAnImportWithBadRowsWritesNothing() {
    byte[] file = (HEADER
        + ",6号楼,6-4-0101,吴一,男,13800005555,,业主,,,,,,,,\n"           // good
        + ",99号楼,6-4-0102,吴二,男,13800006666,,业主,,,,,,,,\n"          // unknown building
        + ",6号楼,6-4-0103,吴三,男,1380000,,业主,,,,,,,,\n"              // bad phone
        + ",6号楼,6-4-0101,吴一,男,13800005555,,业主,,,,,,,,\n"           // the first row again
        + ",6号楼,6-4-0104,吴四,男,13800007777,,房东,,也许,,,,,,昨天\n"     // occupancy, VIP and date unreadable
        + ",,6-9-9999,吴五,男,13800008888,,业主,,,,,,,,\n")              // unknown unit, no building to add it to
        .getBytes(StandardCharsets.UTF_8);
    long residents = count("resident");
    long units = count("unit");

    JsonNode dryRun = upload("frontdesk", "bad.csv", file, true);
    assertThat(dryRun.get("state").asText()).isEqualTo("CHECKED");
    JsonNode problems = dryRun.get("problems");
    assertThat(problems).extracting(p -> p.get("row").asInt() + ":" + p.get("field").asText()).containsExactly(
        "3:building", "4:phone", "5:name", "6:occupancy", "6:vip", "6:movedInOn", "7:unitId");
    assertThat(problems.get(0).get("column").asText()).isEqualTo("楼栋");
    assertThat(problems.get(0).get("message").asText()).contains("99号楼");
    assertThat(problems.get(2).get("message").asText()).contains("第 2 行");
    assertThat(problems.get(1).get("column").asText()).isEqualTo("手机");

    JsonNode rejected = upload("frontdesk", "bad.csv", file, false);
    assertThat(rejected.get("state").asText()).isEqualTo("REJECTED");
    assertThat(rejected.get("problems")).hasSize(7);
    assertThat(count("resident")).as("not even the good row is written").isEqualTo(residents);
    assertThat(count("unit")).isEqualTo(units);
  }

  @Test
  void aGbkCsvFromExcelReadsAsWellAsUtf8() {
    byte[] gbk = (HEADER + ",5号楼,5-3-0801,郑淑珍,女,13700001212,,业主,,否,是,是,否,坐轮椅,,\n")
        .getBytes(Charset.forName("GBK"));
    JsonNode imported = upload("frontdesk", "gbk.csv", gbk, false);
    assertThat(imported.get("state").asText()).as(imported.toString()).isEqualTo("IMPORTED");
    String id = unitResident("5-3-0801");
    ResidentDetails zheng = archive.details(id).orElseThrow();
    assertThat(zheng.name()).isEqualTo("郑淑珍");
    assertThat(zheng.specialNeedsNote()).isEqualTo("坐轮椅");
    assertThat(zheng.disabled()).isTrue();
  }

  @Test
  void aWorkbookWithDateCellsAndPhonesTypedAsNumbersImports() throws Exception {
    byte[] xlsx;
    try (var workbook = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
      var sheet = workbook.createSheet("住户");
      var header = sheet.createRow(0);
      String[] columns = {"房号", "楼栋", "姓名", "手机号码", "入住日期", "高龄", "语言"};
      for (int i = 0; i < columns.length; i++) {
        header.createCell(i).setCellValue(columns[i]);
      }
      var dateStyle = workbook.createCellStyle();
      dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("m/d/yy"));
      var row = sheet.createRow(1);
      row.createCell(0).setCellValue("4-3-0505");
      row.createCell(1).setCellValue("4号楼");
      row.createCell(2).setCellValue("冯志强");
      row.createCell(3).setCellValue(13566667777d);
      var date = row.createCell(4);
      date.setCellValue(LocalDate.of(2018, 9, 30));
      date.setCellStyle(dateStyle);
      row.createCell(5).setCellValue("是");
      row.createCell(6).setCellValue("英文");
      workbook.write(out);
      xlsx = out.toByteArray();
    }
    JsonNode imported = upload("supervisor1", "residents.xlsx", xlsx, false);
    assertThat(imported.get("state").asText()).as(imported.toString()).isEqualTo("IMPORTED");
    String id = unitResident("4-3-0505");
    ResidentDetails feng = archive.details(id).orElseThrow();
    assertThat(feng.phone()).isEqualTo("13566667777");
    assertThat(feng.movedInOn()).isEqualTo(LocalDate.of(2018, 9, 30));
    assertThat(feng.elderly()).isTrue();
    assertThat(api.get("frontdesk", "/api/residents/" + id).json().get("preferredLanguage").asText()).isEqualTo("en");
  }

  @Test
  void onlyTheArchiveKeepersImportAndAFileIsNeeded() {
    byte[] file = (HEADER + ",6号楼,6-5-0101,某某,男,13800009999,,业主,,,,,,,,\n").getBytes(StandardCharsets.UTF_8);
    assertThat(api.postMultipart("tech1", "/api/residents/imports", Map.of(), "file", "r.csv", file).status())
        .isEqualTo(403);
    assertThat(api.get("tech1", "/api/residents/imports").status()).isEqualTo(403);
    var noFile = api.postMultipart("frontdesk", "/api/residents/imports", Map.of(), "other", "r.csv", file);
    assertThat(noFile.status()).isEqualTo(400);
    assertThat(noFile.json().get("field").asText()).isEqualTo("file");
    var wrongKind = api.postMultipart("frontdesk", "/api/residents/imports", Map.of(), "file", "r.pdf", file);
    assertThat(wrongKind.status()).isEqualTo(400);
    JsonNode unreadable = upload("frontdesk", "broken.xlsx", file, true);
    assertThat(unreadable.get("state").asText()).isEqualTo("FAILED");
    assertThat(unreadable.get("problems").get(0).get("message").asText()).contains("Excel");
    JsonNode noColumns = upload("frontdesk", "cols.csv", "姓名,电话\n张三,13800000000\n".getBytes(StandardCharsets.UTF_8),
        true);
    assertThat(noColumns.get("problems")).extracting(p -> p.get("column").asText()).containsExactly("房号", "手机");
  }
}
