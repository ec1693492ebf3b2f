package com.guanjia.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.resident.ResidentArchive;
import com.guanjia.test.GuanjiaTest;
import com.guanjia.test.WebappSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The front desk's resident pages over HTTP, signed in through Tasklist: a form sent back with what is wrong
 * (nothing written), a resident added to a unit new to the archive, looked up by unit and changed; a form
 * without the session's token is refused; staff who do not keep the archive get a 403 page.
 */
@GuanjiaTest
class ResidentPagesTest {
  private static final Pattern TOKEN = Pattern.compile("name=\"_token\" value=\"([0-9a-f]+)\"");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ResidentArchive archive;

  private static String token(String page) {
    var matcher = TOKEN.matcher(page);
    assertThat(matcher.find()).as("the form carries its token").isTrue();
    return matcher.group(1);
  }

  private static Map<String, String> resident(String token, String phone) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_token", token);
    form.put("unitId", "2-2-1202");
    form.put("building", "B02");
    form.put("name", "韩美玲");
    form.put("gender", "FEMALE");
    form.put("phone", phone);
    form.put("otherPhones", "0571-86112233");
    form.put("occupancy", "OWNER");
    form.put("household", "韩磊（儿子）\n");
    form.put("elderly", "true");
    form.put("_elderly", "on");
    form.put("_disabled", "on");
    form.put("hardOfHearing", "true");
    form.put("_hardOfHearing", "on");
    form.put("_vip", "on");
    form.put("specialNeedsNote", "助听器");
    form.put("preferredChannel", "SMS");
    form.put("preferredLanguage", "zh-CN");
    form.put("movedInOn", "2015-10-01");
    return form;
  }

  @Test
  void theFrontDeskAddsAResidentOnThePageAfterCorrectingWhatWasWrong() {
    var frontdesk = WebappSession.signedIn(port, "frontdesk", "tasklist");
    var blank = frontdesk.get("/residents/new");
    assertThat(blank.statusCode()).isEqualTo(200);
    assertThat(blank.body()).contains("新增住户", "3号楼");
    String token = token(blank.body());
    long residents = jdbc.sql("select count(*) from resident").query(Long.class).single();

    var wrong = frontdesk.postForm("/residents/new", resident(token, "1381234"));
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.body()).contains("不是11位手机号", "韩美玲");
    assertThat(jdbc.sql("select count(*) from resident").query(Long.class).single()).isEqualTo(residents);
    assertThat(archive.unitExists("2-2-1202")).as("nothing half-written").isFalse();

    var saved = frontdesk.postForm("/residents/new", resident(token, "13822334455"));
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    String location = saved.headers().firstValue("Location").orElseThrow();
    String residentId = location.replaceAll(".*/residents/([^?]+)\\?saved$", "$1");
    assertThat(residentId).as("numbered as the front desk types them").matches("R-\\d{4,}");
    var han = archive.details(residentId).orElseThrow();
    assertThat(han.unitId()).isEqualTo("2-2-1202");
    assertThat(han.elderly()).isTrue();
    assertThat(han.hardOfHearing()).isTrue();
    assertThat(han.disabled()).isFalse();
    assertThat(han.household()).containsExactly("韩磊（儿子）");
    assertThat(han.otherPhones()).containsExactly("0571-86112233");

    var shown = frontdesk.get("/residents/" + residentId + "?saved");
    assertThat(shown.body()).contains("已保存", "韩美玲", "13822334455", "新建");
    assertThat(frontdesk.get("/residents?q=2-2-12").body()).contains(residentId, "韩美玲", "高龄", "听力不好");

    var changed = resident(token, "13822334455");
    changed.put("phone", "13822336666");
    changed.remove("hardOfHearing");
    assertThat(frontdesk.postForm("/residents/" + residentId, changed).statusCode()).isEqualTo(302);
    assertThat(archive.details(residentId).orElseThrow().hardOfHearing()).isFalse();
    assertThat(frontdesk.get("/residents/" + residentId).body()).contains("phone, hardOfHearing");
  }

  @Test
  void aFormWithoutTheSessionsTokenIsRefused() {
    var frontdesk = WebappSession.signedIn(port, "frontdesk", "tasklist");
    frontdesk.get("/residents/new");
    var forged = frontdesk.postForm("/residents/new", resident("0123abcd", "13822339999"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(archive.lookUp("2-2-1202", 10)).as("nothing written").hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void onlyCustomerServiceAndSupervisorsOpenTheArchivePages() {
    var tech = WebappSession.signedIn(port, "tech1", "tasklist");
    var refused = tech.get("/residents");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("只有客服和主管可以维护住户档案");
    assertThat(tech.get("/residents/R-0001").statusCode()).isEqualTo(403);
    assertThat(tech.get("/residents/import").statusCode()).isEqualTo(403);
    assertThat(WebappSession.signedIn(port, "supervisor1", "tasklist").get("/residents/R-0001").body())
        .contains("王建国", "13812341234");
    var anonymous = WebappSession.anonymous(port).get("/residents");
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location").orElseThrow()).contains("/camunda/app/tasklist/");
  }
}
