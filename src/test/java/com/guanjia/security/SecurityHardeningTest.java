package com.guanjia.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import com.guanjia.test.WebappSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 16's hardening: the browser's protections on every page and answer, repeated wrong passwords lock an
 * account for a while (HTTP Basic and the webapps' login alike), and no Java-serialized object gets into a variable.
 */
@GuanjiaTest
class SecurityHardeningTest {
  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired RuntimeService runtime;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyAnswerCarriesTheBrowsersProtections() throws Exception {
    for (String path : List.of("/api/requests/GJ-20260101-0001", "/zones/Z01/card", "/survey/nonexistent",
        "/engine-rest/task")) {
      var answer = get(path);
      assertThat(answer.headers().firstValue("Content-Security-Policy")).as(path).hasValue(SecurityHeaders.POLICY);
      assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      assertThat(answer.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
      assertThat(answer.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
    }
    // the Camunda webapps keep their own policy (no framing either), and get the rest
    var tasklist = get("/camunda/app/tasklist/default/");
    assertThat(tasklist.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).contains("frame-ancestors 'none'"));
    assertThat(tasklist.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(tasklist.headers().allValues("Set-Cookie")).anySatisfy(cookie ->
        assertThat(cookie).startsWith("XSRF-TOKEN=").contains("SameSite=Lax"));
  }

  @Test
  void repeatedWrongPasswordsLockTheAccountForAWhile() {
    String user = "lock" + System.nanoTime() % 1_000_000;
    var account = identity.newUser(user);
    account.setPassword("Right-Pass-1");
    identity.saveUser(account);
    identity.createMembership(user, "customer-service");
    Api api = new Api(port);
    String path = "/api/requests/GJ-19990101-0001";
    for (int i = 0; i < 3; i++) {
      assertThat(api.get(user + ":guess" + i, path).status()).isEqualTo(401);
    }
    // locked for a while: the right password is refused too, over HTTP Basic and at the webapps' login
    assertThat(api.get(user + ":Right-Pass-1", path + "?again").status()).isEqualTo(401);
    assertThat(WebappSession.tryLogin(port, user, "Right-Pass-1")).isEqualTo(401);

    // a minute later (3 s, doubled per wrong password) the right password works again
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 61_000));
    assertThat(WebappSession.tryLogin(port, user, "Right-Pass-1")).isEqualTo(200);
    assertThat(api.get(user + ":Right-Pass-1", path).status()).isEqualTo(404); // signed in: no such request
  }

  @Test
  void noJavaSerializedObjectGetsIntoAVariable() {
    var created = new Api(port).post("frontdesk", "/api/requests",
        Api.request("INQUIRY", "OTHER", "PHONE", "停车费怎么交", "R-0003"));
    assertThat(created.status()).isEqualTo(201);
    String target = runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(created.json().get("requestNo").asText()).list().get(0).getId();
    // an empty java.util.ArrayList, serialized: what someone would send to run code as it is read back
    String serialized = "rO0ABXNyABNqYXZhLnV0aWwuQXJyYXlMaXN0eIHSHZnHYZ0DAAFJAARzaXpleHAAAAAAdwQAAAAAeA==";
    assertThatThrownBy(() -> runtime.setVariable(target, "payload", Variables.serializedObjectValue(serialized)
        .serializationDataFormat(Variables.SerializationDataFormats.JAVA).objectTypeName("java.util.ArrayList")
        .create()))
        .hasMessageContaining("Java serialization");
    var overRest = new Api(port).send("supervisor1", java.net.http.HttpRequest.newBuilder()
        .uri(URI.create("http://localhost:" + port + "/engine-rest/process-instance/" + target + "/variables/payload"))
        .header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("""
            {"value":"%s","type":"Object","valueInfo":{"objectTypeName":"java.util.ArrayList",
             "serializationDataFormat":"application/x-java-serialized-object"}}""".formatted(serialized))));
    assertThat(overRest.status()).as(overRest.body()).isIn(400, 403, 500);
    assertThat(runtime.getVariable(target, "payload")).isNull();
  }

  /**
   * The engine answers a signed-in caller at most 2000 rows, never an unbounded list: one REST call cannot pull a
   * year of history into memory. Paged reads are answered; Guanjia's own reads page (the case card, below).
   */
  @Test
  void aSignedInCallerGetsNoUnboundedList() {
    var api = new Api(port);
    var unbounded = api.get("auditor1", "/engine-rest/history/activity-instance");
    assertThat(unbounded.status()).as(unbounded.body()).isEqualTo(400);
    assertThat(unbounded.body()).contains("unbound number of results");
    var tooMany = api.get("auditor1", "/engine-rest/history/activity-instance?firstResult=0&maxResults=2001");
    assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(400);
    assertThat(tooMany.body()).contains("2000");
    var paged = api.get("auditor1", "/engine-rest/history/activity-instance?firstResult=0&maxResults=2000");
    assertThat(paged.status()).as(paged.body()).isEqualTo(200);
    assertThat(api.get("auditor1", "/engine-rest/history/activity-instance/count").status()).isEqualTo(200);

    var created = api.post("frontdesk", "/api/requests", Api.request("INQUIRY", "OTHER", "PHONE", "停车费怎么交", "R-0003"));
    assertThat(created.status()).isEqualTo(201);
    String requestNo = created.json().get("requestNo").asText();
    var card = api.get("frontdesk", "/api/requests/" + requestNo);
    assertThat(card.status()).as(card.body()).isEqualTo(200);
    assertThat(card.json().get("openTasks").size()).isPositive();
  }

  /** One plain HTTP GET from another loopback address (a second client), answering its status and headers. */
  private String getFrom(String sourceAddress, String path) throws Exception {
    try (var socket = new java.net.Socket()) {
      socket.bind(new java.net.InetSocketAddress(sourceAddress, 0));
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void theSurveyPageAnswersOneClientOnlySoOftenAMinute() throws Exception {
    String guesser = "127.0.0." + (2 + System.nanoTime() % 200);
    int served = 0;
    String answer = "";
    for (int i = 0; i < 40; i++) {
      answer = getFrom(guesser, "/survey/guess" + i);
      if (answer.startsWith("HTTP/1.1 429")) {
        break;
      }
      served++;
    }
    assertThat(served).isEqualTo(30);
    assertThat(answer).startsWith("HTTP/1.1 429").contains("Retry-After: 60");
    // another client is not held back by the guesser
    assertThat(get("/survey/nonexistent").statusCode()).isNotEqualTo(429);
  }
}
