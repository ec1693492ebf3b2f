package com.guanjia.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Supervisors keep the staff directory and the zones over {@code /api/staff} and {@code /api/zones}, or from the
 * company's staff list: a member of staff is a Camunda user in their trade's group, and the zones they serve route
 * their trade's work there to them.
 */
@GuanjiaTest
class StaffApiTest {
  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired JdbcClient jdbc;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  private Api.Response put(String user, String path, String body) {
    return api.send(user, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  private boolean member(String userId, String group) {
    return identity.createUserQuery().userId(userId).memberOfGroup(group).count() > 0;
  }

  private JsonNode upload(String fileName, byte[] content, boolean dryRun) {
    return upload("/api/staff/imports", fileName, content, dryRun);
  }

  private JsonNode upload(String base, String fileName, byte[] content, boolean dryRun) {
    var started = api.postMultipart("supervisor1", base + "?dryRun=" + dryRun, Map.of(), "file", fileName, content);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String id = started.json().get("importId").asText();
    for (int i = 0; i < 600; i++) {
      JsonNode report = api.get("supervisor1", base + "/" + id).json();
      if (!report.get("state").asText().equals("RUNNING")) {
        return report;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("import " + id + " did not finish");
  }

  @Test
  void aNewTechnicianServesANewZoneAndItsRepairsAreOfferedToHim() {
    var zone = put("supervisor1", "/api/zones/Z09", """
        {"name":"北区（9号楼）","buildings":[{"buildingId":"B09","name":"9号楼"}]}""");
    assertThat(zone.status()).as(zone.body()).isEqualTo(200);
    var staff = put("supervisor1", "/api/staff/tech9", """
        {"displayName":"钱工","trade":"maintenance","workPhone":"139-0000-2009","supervisorId":"supervisor1",
         "zones":["Z09"],"password":"tech9-secret"}""");
    assertThat(staff.status()).as(staff.body()).isEqualTo(200);
    assertThat(staff.json().get("groups").toString()).contains("maintenance");
    assertThat(member("tech9", "maintenance")).isTrue();
    assertThat(identity.checkPassword("tech9", "tech9-secret")).isTrue();
    assertThat(api.get("supervisor1", "/api/zones/Z09").json().get("staff").get("maintenance").toString())
        .contains("tech9");
    assertThat(api.get("anyone", "/api/zones/Z09").status()).isEqualTo(401);
    assertThat(new String(api.get("frontdesk", "/zones/Z09/card").body().getBytes(StandardCharsets.UTF_8),
        StandardCharsets.UTF_8)).contains("钱工", "139-0000-2009");

    // a resident of the new zone reports a repair: the zone's technician is offered the visit, the group too
    assertThat(api.post("frontdesk", "/api/residents", """
        {"residentId":"R-Z901","unitId":"9-1-0101","building":"9号楼","name":"严伟","phone":"13900009001",
         "occupancy":"OWNER"}""").status()).isEqualTo(201);
    String requestNo = api.post("frontdesk", "/api/requests", Api.request("REPAIR", "DRAIN", "PHONE", "下水道堵了",
        "R-Z901")).json().get("requestNo").asText();
    var visit = tasks.createTaskQuery().processInstanceBusinessKey(requestNo).taskDefinitionKey("Task_ArriveOnSite")
        .singleResult();
    assertThat(tasks.getIdentityLinksForTask(visit.getId())).filteredOn(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
        .extracting(l -> l.getUserId() != null ? "user:" + l.getUserId() : "group:" + l.getGroupId())
        .containsExactlyInAnyOrder("user:tech9", "group:maintenance");

    // he moves to cleaning: his groups follow, the zone no longer sends him repairs
    var moved = put("supervisor1", "/api/staff/tech9", """
        {"displayName":"钱工","trade":"cleaning","workPhone":"139-0000-2009","zones":["Z09"]}""");
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(member("tech9", "maintenance")).isFalse();
    assertThat(member("tech9", "cleaning")).isTrue();
    assertThat(api.get("supervisor1", "/api/zones/Z09").json().get("staff").toString())
        .contains("cleaning").doesNotContain("maintenance");
    // and leaves: no group, no zone, still in the directory (his cases name him)
    var left = put("supervisor1", "/api/staff/tech9", """
        {"displayName":"钱工","trade":"cleaning","active":false}""");
    assertThat(left.json().get("active").asBoolean()).isFalse();
    assertThat(member("tech9", "cleaning")).isFalse();
    assertThat(left.json().get("zones")).isEmpty();
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndCreatesNoAccount() {
    var badTrade = put("supervisor1", "/api/staff/nobody1", """
        {"displayName":"某人","trade":"plumber"}""");
    assertThat(badTrade.status()).isEqualTo(400);
    assertThat(badTrade.json().get("field").asText()).isEqualTo("trade");
    var zoneForFrontDesk = put("supervisor1", "/api/staff/nobody1", """
        {"displayName":"某人","trade":"customer-service","zones":["Z01"]}""");
    assertThat(zoneForFrontDesk.status()).isEqualTo(400);
    assertThat(zoneForFrontDesk.json().get("field").asText()).isEqualTo("zones");
    var unknownZone = put("supervisor1", "/api/staff/nobody1", """
        {"displayName":"某人","trade":"butler","zones":["Z77"]}""");
    assertThat(unknownZone.json().get("field").asText()).isEqualTo("zones");
    var unknownSupervisor = put("supervisor1", "/api/staff/nobody1", """
        {"displayName":"某人","trade":"butler","supervisorId":"boss99"}""");
    assertThat(unknownSupervisor.json().get("field").asText()).isEqualTo("supervisorId");
    assertThat(identity.createUserQuery().userId("nobody1").count()).isZero();
    assertThat(put("frontdesk", "/api/staff/nobody1", """
        {"displayName":"某人","trade":"butler"}""").status()).isEqualTo(403);
    assertThat(api.get("tech1", "/api/staff").status()).isEqualTo(403);
  }

  @Test
  void theCompanysStaffListIsCheckedThenImportedAndTheSameFileTwiceChangesNothing() {
    String header = "账号,姓名,岗位,工作电话,上级,责任区,在职\n";
    byte[] bad = (header
        + "garden8,严林,绿化,139-0000-5008,supervisor1,东区（1–3号楼）,是\n"
        + "cs8,韦静,前台,0571-8888-6008,supervisor1,,是\n"
        + "pipe8,管工,水管工,139-0000-2008,supervisor1,Z01,是\n"      // no such trade
        + "cs8,韦静,客服,0571-8888-6008,supervisor1,,是\n"           // the same account again
        + "butler8,贺丽,管家,139-0000-1008,boss99,Z77,是\n")         // unknown zone
        .getBytes(StandardCharsets.UTF_8);
    JsonNode checked = upload("staff.csv", bad, true);
    assertThat(checked.get("state").asText()).isEqualTo("CHECKED");
    assertThat(checked.get("problems")).extracting(p -> p.get("row").asInt() + ":" + p.get("field").asText())
        .containsExactly("4:trade", "5:userId", "6:zones");
    assertThat(upload("staff.csv", bad, false).get("state").asText()).isEqualTo("REJECTED");
    assertThat(identity.createUserQuery().userId("garden8").count()).as("nothing written").isZero();

    byte[] good = (header
        + "garden8,严林,绿化,139-0000-5008,supervisor1,东区（1–3号楼）,是\n"
        + "cs8,韦静,前台,0571-8888-6008,supervisor1,,是\n")
        .getBytes(StandardCharsets.UTF_8);
    JsonNode imported = upload("staff.csv", good, false);
    assertThat(imported.get("state").asText()).as(imported.toString()).isEqualTo("IMPORTED");
    assertThat(imported.get("created").asInt()).isEqualTo(2);
    assertThat(member("garden8", "landscaping")).isTrue();
    assertThat(member("cs8", "customer-service")).isTrue();
    assertThat(api.get("supervisor1", "/api/staff/garden8").json().get("zones").toString()).contains("Z01");

    JsonNode again = upload("staff.csv", good, false);
    assertThat(again.get("unchanged").asInt()).isEqualTo(2);
    assertThat(again.get("created").asInt() + again.get("updated").asInt()).isZero();

    byte[] changed = new String(good, StandardCharsets.UTF_8).replace("0571-8888-6008", "0571-8888-6018")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(upload("staff.csv", changed, false).get("updated").asInt()).isEqualTo(1);
    assertThat(api.get("supervisor1", "/api/staff/cs8").json().get("workPhone").asText()).isEqualTo("0571-8888-6018");
  }

  @Test
  void theCompanysZonesAndBuildingsImportAndTheSameFileTwiceChangesNothing() {
    byte[] zones = ("责任区编号,责任区名称,楼栋编号,楼栋名称\n"
        + "Z07,湖景区（7–8号楼）,B07,7号楼\n"
        + "Z07,湖景区（7–8号楼）,B17,17号楼\n"
        + "Z07,湖景苑,B18,18号楼\n"          // the same zone named differently
        + "Z07,湖景区（7–8号楼）,B07,7号楼\n")  // the same building again
        .getBytes(StandardCharsets.UTF_8);
    JsonNode checked = upload("/api/zones/imports", "zones.csv", zones, true);
    assertThat(checked.get("problems")).extracting(p -> p.get("row").asInt() + ":" + p.get("field").asText())
        .containsExactly("4:zoneName", "5:buildingId");

    byte[] good = ("责任区编号,责任区名称,楼栋编号,楼栋名称\n"
        + "Z07,湖景区（7–8号楼）,B07,7号楼\n"
        + "Z07,湖景区（7–8号楼）,B17,17号楼\n").getBytes(StandardCharsets.UTF_8);
    JsonNode imported = upload("/api/zones/imports", "zones.csv", good, false);
    assertThat(imported.get("state").asText()).as(imported.toString()).isEqualTo("IMPORTED");
    assertThat(imported.get("created").asInt()).isEqualTo(2);
    var zone = api.get("supervisor1", "/api/zones/Z07").json();
    assertThat(zone.get("name").asText()).isEqualTo("湖景区（7–8号楼）");
    assertThat(zone.get("buildings").toString()).contains("B07", "17号楼");
    JsonNode again = upload("/api/zones/imports", "zones.csv", good, false);
    assertThat(again.get("unchanged").asInt()).isEqualTo(2);
    assertThat(again.get("created").asInt() + again.get("updated").asInt()).isZero();
  }

  @Test
  void aProjectRunsItsZonesWithItsOwnContactsAndDutyPhone() {
    assertThat(put("supervisor1", "/api/zones/Z06", """
        {"name":"河畔区","buildings":[{"buildingId":"B66","name":"66号楼"}]}""").status()).isEqualTo(200);
    var project = put("supervisor1", "/api/projects/P06", """
        {"name":"河畔花园管理处","supervisorId":"supervisor1","managerId":"manager1","qualityId":"quality1",
         "dutyPhone":"0571-86000066","zones":["Z06"]}""");
    assertThat(project.status()).as(project.body()).isEqualTo(200);
    assertThat(project.json().get("zones").toString()).contains("Z06");
    assertThat(api.get("supervisor1", "/api/projects").json().toString()).contains("P01", "阳光花园管理处", "P06");
    // its zone's card answers with the project's name and duty phone
    assertThat(api.get("frontdesk", "/zones/Z06/card").body()).contains("河畔花园管理处", "0571-86000066");

    var wrongManager = put("supervisor1", "/api/projects/P06", """
        {"name":"河畔花园管理处","managerId":"tech1"}""");
    assertThat(wrongManager.status()).isEqualTo(400);
    assertThat(wrongManager.json().get("field").asText()).isEqualTo("managerId");
    var unknownZone = put("supervisor1", "/api/projects/P06", """
        {"name":"河畔花园管理处","zones":["Z404"]}""");
    assertThat(unknownZone.json().get("field").asText()).isEqualTo("zones");
    assertThat(put("frontdesk", "/api/projects/P06", "{\"name\":\"x\"}").status()).isEqualTo(403);
  }
}
