package com.guanjia.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

  /** A browser signed in to Tasklist as {@code user}: the Camunda webapp session, as the login page makes it. */
  private HttpClient signedIn(String user) throws Exception {
    return signedIn(user, "tasklist");
  }

  /** Auditors have Cockpit, not Tasklist: the same webapp session opens the card. */
  private HttpClient signedIn(String user, String app) throws Exception {
    var cookies = new CookieManager();
    var http = HttpClient.newBuilder().cookieHandler(cookies).build();
    String base = "http://localhost:" + port;
    http.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/")).build(),
        HttpResponse.BodyHandlers.discarding());
    String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).findFirst().orElseThrow();
    var login = http.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password=demo")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return http;
  }

  private HttpResponse<String> card(HttpClient http) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/cases/" + requestNo)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void theOwnerSeesTheResidentsNameAndPhoneToDial() throws Exception {
    var page = card(signedIn("frontdesk"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(requestNo, "处理中", "卫生间地漏返水", "王建国", "13812341234",
        "href=\"tel:13812341234\"", "到达现场");
  }

  @Test
  void anAuditorSeesTheCaseWithTheResidentMasked() throws Exception {
    var page = card(signedIn("auditor1", "cockpit"));
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains(requestNo, "王*", "138****1234", "按权限隐去部分个人信息")
        .doesNotContain("13812341234", "tel:");
  }

  @Test
  void staffWhoDoNotWorkOnTheCaseAreTurnedAway() throws Exception {
    var page = card(signedIn("gardener1"));
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).contains("您无权查看这个案件").doesNotContain("王建国", "13812341234", "卫生间地漏返水");
  }

  @Test
  void withoutATasklistSessionTheCardSendsToTheLogin() throws Exception {
    var page = card(HttpClient.newHttpClient());
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/camunda/app/tasklist/"));
  }

  @Test
  void anUnknownRequestNumberIsNotFound() throws Exception {
    var page = signedIn("supervisor1").send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/cases/GJ-19990101-0001")).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("没有编号为 GJ-19990101-0001 的请求");
  }
}
