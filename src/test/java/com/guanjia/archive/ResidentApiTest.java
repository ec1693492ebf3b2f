package com.guanjia.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The front desk keeps the resident archive over {@code /api/residents}: adds a resident, changes them,
 * sees who changed what, and records a move-out, after which no request is registered for them. Bad
 * input is refused naming the field, with nothing written; only customer service and supervisors may.
 */
@GuanjiaTest
class ResidentApiTest {
  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  private static String form(String residentId, String unitId, String phone, boolean elderly) {
    return """
        {"residentId":%s,"unitId":"%s","name":"孙桂兰","phone":"%s","otherPhones":["0571-88776655"],
         "gender":"FEMALE","occupancy":"OWNER","household":["孙建华（儿子）"],"vip":false,"elderly":%s,
         "disabled":false,"hardOfHearing":true,"specialNeedsNote":"耳背，请大声慢说",
         "preferredLanguage":"zh-CN","preferredChannel":"SMS","movedInOn":"2019-03-01"}"""
        .formatted(residentId == null ? "null" : "\"" + residentId + "\"", unitId, phone, elderly);
  }

  private Api.Response put(String user, String path, String body) {
    return api.send(user, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  private long residents() {
    return jdbc.sql("select count(*) from resident").query(Long.class).single();
  }

  @Test
  void theFrontDeskAddsChangesAndMovesOutAResidentAndEveryChangeIsRecorded() {
    var created = api.post("frontdesk", "/api/residents", form("R-T100", "1-1-0101", "13611112222", false));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    var resident = created.json().get("resident");
    assertThat(resident.get("name").asText()).isEqualTo("孙桂兰");
    assertThat(resident.get("hardOfHearing").asBoolean()).isTrue();
    assertThat(resident.get("household").get(0).asText()).isEqualTo("孙建华（儿子）");
    assertThat(created.json().get("preferredChannel").asText()).isEqualTo("SMS");
    // personal data is encrypted at rest (R10)
    String stored = jdbc.sql("select name_enc || phone_enc || household_enc || special_needs_enc || unit_enc from resident "
        + "where resident_id = 'R-T100'").query(String.class).single();
    assertThat(stored).doesNotContain("孙桂兰", "13611112222", "孙建华", "耳背", "1-1-0101");
    assertThat(jdbc.sql("select count(*) from resident where resident_id = 'R-T100' and unit_id is null")
        .query(Long.class).single()).as("the unit is not kept in clear").isOne();

    var changed = put("supervisor1", "/api/residents/R-T100", form(null, "1-1-0101", "13699998888", true));
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().get("resident").get("phone").asText()).isEqualTo("13699998888");
    assertThat(api.get("frontdesk", "/api/residents/R-T100").json().get("resident").get("elderly").asBoolean()).isTrue();
    // the same again changes nothing and records nothing
    assertThat(put("supervisor1", "/api/residents/R-T100", form(null, "1-1-0101", "13699998888", true)).status())
        .isEqualTo(200);

    var movedOut = api.post("frontdesk", "/api/residents/R-T100/move-out", "{\"movedOutOn\":\"2026-01-31\"}");
    assertThat(movedOut.status()).as(movedOut.body()).isEqualTo(200);
    assertThat(movedOut.json().get("resident").get("movedOutOn").asText()).isEqualTo("2026-01-31");

    var changes = api.get("supervisor1", "/api/residents/R-T100/changes").json();
    assertThat(changes).hasSize(3);
    assertThat(changes.get(0).get("action").asText()).isEqualTo("CREATED");
    assertThat(changes.get(0).get("by").asText()).isEqualTo("frontdesk");
    assertThat(changes.get(1).get("action").asText()).isEqualTo("UPDATED");
    assertThat(changes.get(1).get("by").asText()).isEqualTo("supervisor1");
    assertThat(changes.get(1).get("fields")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
        .containsExactly("phone", "elderly");
    assertThat(changes.get(2).get("action").asText()).isEqualTo("MOVED_OUT");
    // who changed what, never the old number in clear
    assertThat(jdbc.sql("select count(*) from resident_change where fields like '%1361111%'").query(Long.class).single())
        .isZero();

    // a resident who moved out gets no new request
    var request = api.post("frontdesk", "/api/requests", Api.request("REPAIR", "DRAIN", "PHONE", "厨房地漏堵塞", "R-T100"));
    assertThat(request.status()).isEqualTo(400);
    assertThat(request.json().get("field").asText()).isEqualTo("residentId");
    assertThat(request.json().get("detail").asText()).contains("moved out");
  }

  @Test
  void aResidentOfAUnitTheArchiveDoesNotHaveYetAddsTheUnitToTheBuildingNamed() {
    var created = api.post("frontdesk", "/api/residents",
        form(null, "3-2-1501", "13611113333", false).replace("\"movedInOn\"", "\"building\":\"3栋\",\"movedInOn\""));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(jdbc.sql("select building_id from unit where unit_id = '3-2-1501'").query(String.class).single())
        .isEqualTo("B03");
  }

  @Test
  void aResidentKeptWithTheUnitInClearByAnEarlierVersionHasItEncryptedOnStartUp(
      @Autowired com.guanjia.resident.ResidentArchive archive) {
    // as Guanjia before V13 wrote a resident (R-0001's name, already encrypted, is reused)
    jdbc.sql("""
            insert into resident (resident_id, unit_id, name_enc, phone_enc, created_at)
            select 'R-LEGACY1', '1-1-0101', name_enc, phone_enc, created_at from resident where resident_id = 'R-0001'""")
        .update();
    assertThat(archive.encryptLegacyUnits()).isOne();
    assertThat(jdbc.sql("select count(*) from resident where resident_id = 'R-LEGACY1' and unit_id is null "
        + "and unit_enc is not null and building_id = 'B01'").query(Long.class).single()).isOne();
    assertThat(archive.details("R-LEGACY1").orElseThrow().unitId()).isEqualTo("1-1-0101");
    assertThat(archive.zoneOf("R-LEGACY1")).contains("Z01");
    assertThat(archive.encryptLegacyUnits()).as("the second start finds none").isZero();
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
    long before = residents();
    var unknownUnit = api.post("frontdesk", "/api/residents", form(null, "9-9-9999", "13611112222", false));
    assertThat(unknownUnit.status()).isEqualTo(400);
    assertThat(unknownUnit.contentType()).contains("application/problem+json");
    assertThat(unknownUnit.json().get("field").asText()).isEqualTo("unitId");

    long units = jdbc.sql("select count(*) from unit").query(Long.class).single();
    var unknownBuilding = api.post("frontdesk", "/api/residents",
        form(null, "9-9-9999", "13611112222", false).replace("\"movedInOn\"", "\"building\":\"99号楼\",\"movedInOn\""));
    assertThat(unknownBuilding.status()).isEqualTo(400);
    assertThat(unknownBuilding.json().get("field").asText()).isEqualTo("building");
    assertThat(jdbc.sql("select count(*) from unit").query(Long.class).single()).isEqualTo(units);

    var badPhone = api.post("frontdesk", "/api/residents", form(null, "1-1-0101", "1381234", false));
    assertThat(badPhone.status()).isEqualTo(400);
    assertThat(badPhone.json().get("field").asText()).isEqualTo("phone");

    var badOccupancy = api.post("frontdesk", "/api/residents",
        form(null, "1-1-0101", "13611112222", false).replace("\"OWNER\"", "\"LANDLORD\""));
    assertThat(badOccupancy.status()).isEqualTo(400);
    assertThat(badOccupancy.json().get("field").asText()).isEqualTo("occupancy");

    var taken = api.post("frontdesk", "/api/residents", form("R-0001", "1-1-0101", "13611112222", false));
    assertThat(taken.status()).isEqualTo(400);
    assertThat(taken.json().get("field").asText()).isEqualTo("residentId");

    var moveOutBeforeMoveIn = api.post("frontdesk", "/api/residents/R-0001/move-out", "{\"movedOutOn\":\"2001-01-01\"}");
    assertThat(moveOutBeforeMoveIn.status()).isEqualTo(400);
    assertThat(moveOutBeforeMoveIn.json().get("field").asText()).isEqualTo("movedOutOn");

    assertThat(residents()).isEqualTo(before);
    assertThat(api.get("frontdesk", "/api/residents/R-0001").json().get("resident").hasNonNull("movedOutOn")).isFalse();
    assertThat(api.get("frontdesk", "/api/residents/R-NOBODY").status()).isEqualTo(404);
  }

  @Test
  void onlyCustomerServiceAndSupervisorsKeepTheArchive() {
    assertThat(api.get("tech1", "/api/residents/R-0001").status()).isEqualTo(403);
    assertThat(api.get("butler1", "/api/residents/R-0001").status()).isEqualTo(403);
    assertThat(api.post("guard1", "/api/residents", form(null, "1-1-0101", "13611112222", false)).status())
        .isEqualTo(403);
    assertThat(api.get(null, "/api/residents/R-0001").status()).isEqualTo(401);
    var demo = api.get("supervisor1", "/api/residents/R-0006").json();
    assertThat(demo.get("resident").get("disabled").asBoolean()).isTrue();
    assertThat(demo.get("preferredChannel").asText()).isEqualTo("WECHAT");
  }
}
