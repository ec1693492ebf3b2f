package com.guanjia.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The front desk adds a resident on the archive page, registers a request for them in Tasklist's start form,
 * and loads a household list (GBK CSV, as Excel saves it) with a check first; in a real browser.
 * Screenshots: {@code target/screenshots/3x-*}.
 */
@GuanjiaTest
class ResidentArchiveIT {
  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired com.guanjia.resident.ResidentArchive archive;

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  @Test
  void theFrontDeskAddsAResidentAndRegistersARequestForThem() {
    assumeTrue(Tasklist.available(), "Debian's chromium and chromium-driver are installed by .ci/run");
    String[] residentId = new String[1];
    Tasklist.use(port, "resident-archive", tasklist -> {
      tasklist.login("frontdesk");
      // Tasklist's top bar leads to the archive (it opens in a tab of its own)
      assertThat(tasklist.await(By.id("guanjiaResidents")).getAttribute("href")).endsWith("/residents");
      tasklist.screenshot("30-frontdesk-tasklist-archive-link");
      WebDriver page = tasklist.page(url("/residents"));
      tasklist.await(By.id("addResident")).click();
      tasklist.await(By.id("unitId")).sendKeys("5-2-0301");
      new Select(page.findElement(By.id("building"))).selectByVisibleText("5号楼");
      page.findElement(By.id("name")).sendKeys("蒋秀兰");
      new Select(page.findElement(By.id("gender"))).selectByValue("FEMALE");
      page.findElement(By.id("phone")).sendKeys("1370000");
      page.findElement(By.id("elderly")).click();
      page.findElement(By.id("hardOfHearing")).click();
      page.findElement(By.id("specialNeedsNote")).sendKeys("耳背，敲门要重");
      tasklist.screenshot("30-frontdesk-new-resident-form");
      page.findElement(By.id("save")).click();
      // a short phone number comes back with what is wrong, the rest as typed
      assertThat(tasklist.await(By.id("errors")).getText()).contains("改正");
      assertThat(page.findElement(By.id("name")).getAttribute("value")).isEqualTo("蒋秀兰");
      assertThat(page.findElement(By.tagName("main")).getText()).contains("不是11位手机号");
      tasklist.screenshot("31-frontdesk-new-resident-phone-wrong");
      page.findElement(By.id("phone")).clear();
      page.findElement(By.id("phone")).sendKeys("13700003030");
      page.findElement(By.id("save")).click();
      tasklist.await(By.id("saved"));
      residentId[0] = page.findElement(By.id("residentId")).getText();
      assertThat(residentId[0]).matches("R-\\d{4,}");
      tasklist.screenshot("32-frontdesk-resident-saved");

      // the request form in Tasklist takes the new number
      tasklist.startRequest("服务请求", "报修", "水电", residentId[0], "卫生间灯不亮，老人独居");
      tasklist.screenshot("33-frontdesk-request-registered");

      // the technician sent to her unit sees her needs on the task (flags, not the notes)
      String registered = jdbc.sql("select request_no from service_request where resident_id = ?").param(residentId[0])
          .query(String.class).single();
      tasklist.login("tech1");
      tasklist.open("可认领的任务", "到达现场", registered);
      assertThat(tasklist.contextText()).contains("特殊需要： 高龄、听力不好").doesNotContain("耳背");
      tasklist.screenshot("37-tech1-arrive-on-site-special-needs");
    });

    String requestNo = jdbc.sql("select request_no from service_request where resident_id = ?").param(residentId[0])
        .query(String.class).single();
    var request = new Api(port).get("frontdesk", "/api/requests/" + requestNo).json();
    assertThat(request.get("resident").get("needs").toString()).contains("ELDERLY", "HARD_OF_HEARING");
    assertThat(request.get("owner").get("userId").asText()).isEqualTo("frontdesk");
    assertThat(request.get("keyItem").asBoolean()).as("a special-needs resident's repair is KEY").isTrue();
  }

  @Test
  void theFrontDeskChecksAHouseholdListThenImportsIt() throws Exception {
    assumeTrue(Tasklist.available(), "Debian's chromium and chromium-driver are installed by .ci/run");
    Path csv = Files.createTempFile("households", ".csv");
    Files.write(csv, ("房号,楼栋,姓名,性别,手机,身份,高龄\n"
        + "6-2-0701,6号楼,沈国华,男,13600006070,业主,是\n"
        + "6-2-0702,6号楼,沈丽,女,13600006071,租户,否\n").getBytes(Charset.forName("GBK")));
    Tasklist.use(port, "resident-import", tasklist -> {
      tasklist.login("frontdesk");
      WebDriver page = tasklist.page(url("/residents/import"));
      tasklist.await(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
      page.findElement(By.id("check")).click();
      tasklist.awaitText(By.id("state"), "已检查");
      assertThat(page.findElement(By.id("created")).getText()).isEqualTo("2");
      tasklist.screenshot("34-frontdesk-import-checked");
      page.findElement(By.id("confirm")).click();
      tasklist.awaitText(By.id("state"), "已导入");
      tasklist.screenshot("35-frontdesk-import-done");

      tasklist.page(url("/residents?q=6-2-07"));
      assertThat(tasklist.await(By.id("found")).getText()).contains("沈国华", "沈丽", "高龄");
      tasklist.screenshot("36-frontdesk-lookup");

      // a supervisor keeps staff and zones from the top bar
      tasklist.login("supervisor1");
      assertThat(tasklist.await(By.id("guanjiaDirectory")).getAttribute("href")).endsWith("/staff/directory");
      tasklist.page(url("/staff/directory"));
      assertThat(tasklist.await(By.id("zones")).getText()).contains("东区（1–3号楼）", "孙丽");
      tasklist.screenshot("39-supervisor1-staff-directory");

      // a technician has no archive link: the page is not theirs
      tasklist.login("tech1");
      tasklist.await(By.id("guanjiaMessages"));
      assertThat(page.findElements(By.id("guanjiaResidents"))).isEmpty();
      assertThat(page.findElements(By.id("guanjiaDirectory"))).isEmpty();
    });
    assertThat(archive.lookUp("6-2-07", 10)).hasSize(2);
  }

  @Test
  void aResidentOpensTheZonesServiceCardFromItsQrCode() throws Exception {
    assumeTrue(Tasklist.available(), "Debian's chromium and chromium-driver are installed by .ci/run");
    // the QR code in the lobby holds the card's public address; this test's server listens on its own port
    String address = com.guanjia.archive.ZoneCardTest.decodeQr(port, "/zones/Z02/card/qr.png");
    assertThat(address).endsWith("/zones/Z02/card");
    Tasklist.use(port, "zone-card", tasklist -> {
      WebDriver phone = tasklist.page(url(java.net.URI.create(address).getPath()));
      assertThat(tasklist.await(By.id("zoneName")).getText()).isEqualTo("西区（4–6号楼）");
      String card = phone.findElement(By.tagName("main")).getText();
      assertThat(card).contains("管家", "维修", "24小时值班电话", "0571-86000000", "上级主管");
      assertThat(phone.findElement(By.cssSelector("#qr img")).getAttribute("naturalWidth")).isNotEqualTo("0");
      tasklist.screenshot("38-resident-zone-card");
    });
  }
}
