package com.guanjia.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small HTTP client for the running application, as an integrator would call it. */
public final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;

  public Api(int port) {
    this.base = "http://localhost:" + port;
  }

  public record Response(int status, String contentType, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

  }

  public Response get(String user, String path) {
    return send(user, HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Response post(String user, String path, String body) {
    return post(user, path, "application/json", body, null);
  }

  public Response post(String user, String path, String contentType, String body, String idempotencyKey) {
    var builder = HttpRequest.newBuilder(URI.create(base + path))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    if (idempotencyKey != null) {
      builder.header("Idempotency-Key", idempotencyKey);
    }
    return send(user, builder);
  }

  /** A multipart form, as Camunda Modeler sends a deployment: text fields and one file. */
  public Response postMultipart(String user, String path, java.util.Map<String, String> fields, String fileName,
      byte[] file) {
    return postMultipart(user, path, fields, fileName, fileName, file);
  }

  /** A multipart form with text fields and one file in part {@code partName}, as a browser uploads one. */
  public Response postMultipart(String user, String path, java.util.Map<String, String> fields, String partName,
      String fileName, byte[] file) {
    String boundary = "guanjia-" + System.nanoTime();
    var body = new java.io.ByteArrayOutputStream();
    var out = new java.io.PrintStream(body, true, StandardCharsets.UTF_8);
    fields.forEach((name, value) -> out.print("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
        + "\"\r\n\r\n" + value + "\r\n"));
    out.print("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName + "\"; filename=\""
        + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
    out.write(file, 0, file.length);
    out.print("\r\n--" + boundary + "--\r\n");
    return send(user, HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  public Response send(String user, HttpRequest.Builder builder) {
    if (user != null) {
      String[] credentials = user.contains(":") ? user.split(":", 2) : new String[] {user, "demo"};
      builder.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((credentials[0] + ":" + credentials[1]).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      HttpResponse<String> response = http.send(builder.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String request(String type, String category, String channel, String description, String residentId) {
    try {
      var node = JSON.createObjectNode().put("type", type).put("category", category).put("channel", channel)
          .put("description", description);
      if (residentId != null) {
        node.put("residentId", residentId);
      }
      return JSON.writeValueAsString(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
