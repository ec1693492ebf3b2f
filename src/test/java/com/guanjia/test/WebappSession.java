package com.guanjia.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A browser's session with the Camunda webapps, made as their login page makes it, for Guanjia's staff pages. */
public final class WebappSession {
  private final HttpClient http;
  private final String base;

  private WebappSession(HttpClient http, String base) {
    this.http = http;
    this.base = base;
  }

  /**
   * Signed in to {@code app} (tasklist; cockpit for auditors) as {@code user} with the demo password, or
   * {@code "user:password"} with their own.
   */
  public static WebappSession signedIn(int port, String user, String app) {
    String[] credentials = user.contains(":") ? user.split(":", 2) : new String[] {user, "demo"};
    var session = new WebappSession(HttpClient.newBuilder().cookieHandler(new CookieManager()).build(),
        "http://localhost:" + port);
    var login = session.login(app, credentials[0], credentials[1]);
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return session;
  }

  /** One try at the webapps' login form: its HTTP status (200 signed in, 401 refused). */
  public static int tryLogin(int port, String user, String password) {
    return new WebappSession(HttpClient.newBuilder().cookieHandler(new CookieManager()).build(),
        "http://localhost:" + port).login("tasklist", user, password).statusCode();
  }

  /** Opens the app (for its CSRF cookie), then sends the login form as the browser does. */
  private HttpResponse<String> login(String app, String user, String password) {
    try {
      http.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/")).build(),
          HttpResponse.BodyHandlers.discarding());
      var cookies = (CookieManager) http.cookieHandler().orElseThrow();
      String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
          .map(HttpCookie::getValue).findFirst().orElseThrow();
      return http.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/" + app))
          .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf)
          .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
              + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Without a session: what someone who is not signed in gets. */
  public static WebappSession anonymous(int port) {
    return new WebappSession(HttpClient.newHttpClient(), "http://localhost:" + port);
  }

  public HttpResponse<String> get(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Posts a page's form fields (URL-encoded) in this session; redirects are not followed. */
  public HttpResponse<String> postForm(String path, java.util.Map<String, String> fields) {
    String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(java.util.stream.Collectors.joining("&"));
    try {
      return http.send(HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
