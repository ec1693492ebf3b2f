package com.guanjia.notification;

import com.guanjia.GuanjiaProperties;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * WeChat template messages through the official account's HTTP API ({@code message/template/send}):
 * the resident's openid, the template, the text in its {@code first} field, and the outbox key as
 * {@code Idempotency-Key} (a proxy in front of WeChat deduplicates on it). WeChat answers HTTP 200 with
 * {@code errcode}; anything but 0 is a failure. Without a URL there is no WeChat.
 */
@Component
public class WeChatGateway {
  private final GuanjiaProperties.Notifications.WeChat settings;
  private final RestClient http;

  WeChatGateway(GuanjiaProperties properties) {
    this.settings = properties.notifications().wechat();
    this.http = GatewayHttp.client(settings.connectTimeout(), settings.readTimeout());
  }

  public boolean configured() {
    return settings.url() != null && !settings.url().isBlank();
  }

  /** Sends one template message; returns WeChat's msgid. */
  public String send(String idempotencyKey, String openId, String requestNo, String text) {
    Map<String, Object> body = Map.of("touser", openId, "template_id", settings.templateId(),
        "data", Map.of("first", Map.of("value", text), "keyword1", Map.of("value", requestNo)));
    Map<?, ?> answer = http.post()
        .uri(settings.url() + (settings.url().contains("?") ? "&" : "?") + "access_token={token}", settings.accessToken())
        .contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", idempotencyKey).body(body)
        .retrieve().body(Map.class);
    Object code = answer == null ? null : answer.get("errcode");
    if (code == null || !"0".equals(code.toString())) {
      throw new IllegalStateException("微信接口返回错误 (WeChat refused the message): " + answer);
    }
    Object id = answer.get("msgid");
    return id == null ? idempotencyKey : id.toString();
  }
}
