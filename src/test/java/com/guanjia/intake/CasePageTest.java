package com.guanjia.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import com.guanjia.test.WebappSession;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The case card signs people in through their Tasklist session and shows the resident's contact as
 * R10 allows: in full to those who work on the case or talk to residents, not at all to others.
 */
@GuanjiaTest
class CasePageTest {
  @LocalServerPort int port;
  String requestNo;

  @BeforeEach
  void request() {
    var created = new Api(port).post("frontdesk", "/api/requests",
        Api.request("REPAIR", "DRAIN", "PHONE", "卫生间地漏返水", "R-0001"));
    assertThat(created.status()).isEqualTo(201);
    requestNo = created.json().get("requestNo").asText();
  }

  private HttpResponse<String> card(WebappSession session) {
    return session.get("/cases/" + requestNo);
  }

  @Test
  void theOwnerSeesTheResidentsNameAndPhoneToDial() {
    var page = card(WebappSession.signedIn(port, "frontdesk", "tasklist"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(requestNo, "处理中", "卫生间地漏返水", "王建国", "13812341234",
        "href=\"tel:13812341234\"", "到达现场", "/residents/R-0001/messages");
  }

  @Test
  void theTechnicianSentToAnElderlyResidentSeesItOnTheCardButNotTheNotes() {
    // 李秀英 (R-0002): elderly and hard of hearing, with a note the archive keeps for customer service
    var api = new Api(port);
    var created = api.post("frontdesk", "/api/requests", Api.request("REPAIR", "DRAIN", "PHONE", "厨房水池堵了", "R-0002"));
    assertThat(created.status()).isEqualTo(201);
    String elderly = created.json().get("requestNo").asText();
    var kase = api.get("tech1", "/api/requests/" + elderly);
    assertThat(kase.status()).isEqualTo(200);
    assertThat(kase.json().get("resident").get("needs")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
        .containsExactly("ELDERLY", "HARD_OF_HEARING");
    var page = WebappSession.signedIn(port, "tech1", "tasklist").get("/cases/" + elderly);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("特殊需要", "高龄", "听力不好").doesNotContain("独居老人", "行动不便，夜间");
    // a resident with no special needs shows none
    assertThat(card(WebappSession.signedIn(port, "frontdesk", "tasklist")).body()).doesNotContain("特殊需要");
  }

  @Test
  void anAuditorSeesTheCaseWithTheResidentMasked() {
    var page = card(WebappSession.signedIn(port, "auditor1", "cockpit"));
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains(requestNo, "王*", "138****1234", "按权限隐去部分个人信息")
        .doesNotContain("13812341234", "tel:", "/residents/R-0001/messages");
  }

  @Test
  void staffWhoDoNotWorkOnTheCaseAreTurnedAway() {
    var page = card(WebappSession.signedIn(port, "gardener1", "tasklist"));
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).contains("您无权查看这个案件").doesNotContain("王建国", "13812341234", "卫生间地漏返水");
  }

  @Test
  void withoutATasklistSessionTheCardSendsToTheLogin() {
    var page = card(WebappSession.anonymous(port));
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/camunda/app/tasklist/"));
  }

  @Test
  void anUnknownRequestNumberIsNotFound() {
    var page = WebappSession.signedIn(port, "supervisor1", "tasklist").get("/cases/GJ-19990101-0001");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("没有编号为 GJ-19990101-0001 的请求");
  }
}
