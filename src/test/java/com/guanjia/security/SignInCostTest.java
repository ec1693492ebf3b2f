package com.guanjia.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import com.guanjia.test.StatementCounter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tasklist sends the password and lists its filters again and again: a signed-in user's password, groups
 * and tenants, and the users and definitions a task list embeds, are read once for a while, not per call.
 */
@GuanjiaTest
class SignInCostTest {
  @LocalServerPort int port;
  @Autowired StatementCounter statements;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  private static String normalized(String sql) {
    return sql.replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
  }

  @Test
  void aSignedInUserIsNotLookedUpAgainForEveryCall() {
    assertThat(api.get("butler2", "/engine-rest/filter?maxResults=500&resourceType=Task").status()).isEqualTo(200);
    statements.reset();
    assertThat(api.get("butler2", "/engine-rest/filter?maxResults=500&resourceType=Task").status()).isEqualTo(200);
    assertThat(statements.containing("ACT_ID_")).as("password, groups, tenants").isEmpty();
  }

  @Test
  void aWrongPasswordIsCheckedByTheEngineEveryTime() {
    assertThat(api.get("gardener1", "/engine-rest/filter?maxResults=500&resourceType=Task").status()).isEqualTo(200);
    statements.reset();
    assertThat(api.get("gardener1:wrong", "/engine-rest/filter?maxResults=500&resourceType=Task").status()).isEqualTo(401);
    assertThat(statements.containing("ACT_ID_USER")).isNotEmpty();
    // someone trying passwords does not lock out the user already signed in (the engine delays the next
    // attempt after a wrong one; the remembered sign-in is not an attempt)
    assertThat(api.get("gardener1", "/engine-rest/filter?maxResults=500&resourceType=Task").status()).isEqualTo(200);
  }

  @Test
  void aTaskListEmbedsItsAssigneesAndDefinitionsFromMemory() {
    // an inquiry is the owner's task: the front desk's "mine" filter lists it with assignee and definition
    assertThat(api.post("frontdesk", "/api/requests", Api.request("INQUIRY", "OTHER", "PHONE", "物业费怎么交", "R-0001"))
        .status()).isEqualTo(201);
    String mine = api.get("frontdesk", "/engine-rest/filter?maxResults=500&resourceType=Task").json().findValuesAsText("id").stream()
        .filter(id -> api.get("frontdesk", "/engine-rest/filter/" + id).json().get("name").asText().equals("我的任务"))
        .findFirst().orElseThrow();
    Runnable list = () -> {
      var response = api.send("frontdesk", HttpRequest.newBuilder(URI.create("http://localhost:" + port
              + "/engine-rest/filter/" + mine + "/list?firstResult=0&maxResults=15"))
          .header("Content-Type", "application/json").header("Accept", "application/hal+json")
          .POST(HttpRequest.BodyPublishers.ofString("{}")));
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.json().get("_embedded").get("assignee")).isNotEmpty();
      assertThat(response.json().get("_embedded").get("processDefinition")).isNotEmpty();
    };
    list.run();
    statements.reset();
    list.run();
    assertThat(statements.containing("ACT_ID_USER")).isEmpty();
    assertThat(statements.containing("ACT_RE_PROCDEF").stream().map(SignInCostTest::normalized))
        .noneMatch(sql -> sql.startsWith("SELECT DISTINCT RES.* FROM ACT_RE_PROCDEF"));
  }
}
