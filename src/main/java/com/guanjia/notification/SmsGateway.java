package com.guanjia.notification;

import com.guanjia.GuanjiaProperties;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The SMS gateway over HTTP: {@code POST <url>} with the phone number and the text as JSON, HTTP Basic
 * credentials, and the outbox message's key as {@code Idempotency-Key}: a message sent again after a
 * crash between sending and recording is the same message to the gateway, and is not charged twice.
 * Without a URL (the embedded default) there is no SMS: residents read their messages in the message
 * center.
 */
@Component
public class SmsGateway {
  private final GuanjiaProperties.Notifications.Sms settings;
  private final RestClient http;

  SmsGateway(GuanjiaProperties properties) {
    this.settings = properties.notifications().sms();
    this.http = GatewayHttp.client(settings.connectTimeout(), settings.readTimeout());
  }

  public boolean configured() {
    return settings.url() != null && !settings.url().isBlank();
  }

  /** Sends one text; returns the gateway's message id. Any failure (timeout, 5xx, 4xx) throws. */
  public String send(String idempotencyKey, String phone, String text) {
    var request = http.post().uri(settings.url()).contentType(MediaType.APPLICATION_JSON)
        .header("Idempotency-Key", idempotencyKey)
        .body(Map.of("to", phone, "text", text, "sender", settings.sender()));
    if (settings.username() != null && !settings.username().isBlank()) {
      request = request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (settings.username() + ":" + settings.password()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    long started = System.nanoTime();
    Map<?, ?> answer;
    try {
      answer = request.retrieve().body(Map.class);
    } catch (org.springframework.web.client.RestClientException e) {
      // a gateway that keeps quiet: no connection, or (the JDK connection reads headers lazily) a read
      // timeout while taking the answer; an answer with an error status is not that
      boolean quiet = !(e instanceof org.springframework.web.client.RestClientResponseException);
      if (quiet && java.time.Duration.ofNanos(System.nanoTime() - started).compareTo(settings.readTimeout()) >= 0) {
        throw new IllegalStateException("短信网关超时 (the SMS gateway gave no answer within %s)"
            .formatted(settings.readTimeout()), e);
      }
      throw e;
    }
    Object id = answer == null ? null : answer.get("id");
    return id == null ? idempotencyKey : id.toString();
  }
}
