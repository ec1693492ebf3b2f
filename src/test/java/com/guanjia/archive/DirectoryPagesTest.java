package com.guanjia.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.GuanjiaTest;
import com.guanjia.test.WebappSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Supervisors keep staff and zones on {@code /staff/directory} (Tasklist login): a new guard is added to a zone
 * and is a Camunda user in the security group; a wrong form comes back saying what is wrong; a new zone with its
 * building is added; the staff list's import page opens; others get a 403 page.
 */
@GuanjiaTest
class DirectoryPagesTest {
  private static final Pattern TOKEN = Pattern.compile("name=\"_token\" value=\"([0-9a-f]+)\"");

  @LocalServerPort int port;
  @Autowired IdentityService identity;

  private static String token(String page) {
    var matcher = TOKEN.matcher(page);
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }

  @Test
  void aSupervisorAddsAZoneAndAGuardToItOnThePage() {
    var supervisor = WebappSession.signedIn(port, "supervisor1", "tasklist");
    var page = supervisor.get("/staff/directory");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("东区（1–3号楼）", "孙丽", "butler1", "服务卡", "阳光花园管理处", "林峰");
    String token = token(page.body());

    var zone = supervisor.postForm("/staff/directory/zones", Map.of("_token", token, "zoneId", "Z08",
        "name", "南区（8号楼）", "buildings", "B08 8号楼\n"));
    assertThat(zone.statusCode()).as(zone.body()).isEqualTo(302);

    Map<String, String> guard = new LinkedHashMap<>();
    guard.put("_token", token);
    guard.put("userId", "guard8");
    guard.put("displayName", "");
    guard.put("trade", "security");
    guard.put("workPhone", "139-0000-4008");
    guard.put("supervisorId", "supervisor1");
    guard.put("zones", "Z08");
    guard.put("active", "true");
    guard.put("password", "");
    var wrong = supervisor.postForm("/staff/directory/staff", guard);
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.body()).contains("姓名必填");
    assertThat(identity.createUserQuery().userId("guard8").count()).isZero();

    guard.put("displayName", "卫国");
    var saved = supervisor.postForm("/staff/directory/staff", guard);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    assertThat(identity.createUserQuery().userId("guard8").memberOfGroup("security").count()).isOne();
    assertThat(supervisor.get("/staff/directory?saved=guard8").body()).contains("guard8 已保存", "卫国", "8号楼");
    assertThat(WebappSession.anonymous(port).get("/zones/Z08/card").body()).contains("卫国", "139-0000-4008");
    assertThat(supervisor.get("/staff/directory/import").body()).contains("导入员工名单", "账号、姓名、岗位");
  }

  @Test
  void onlySupervisorsOpenTheDirectoryPages() {
    var frontdesk = WebappSession.signedIn(port, "frontdesk", "tasklist");
    var refused = frontdesk.get("/staff/directory");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("只有主管可以维护员工名录和责任区");
    assertThat(frontdesk.get("/staff/directory/import").statusCode()).isEqualTo(403);
  }
}
