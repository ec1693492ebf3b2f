package com.guanjia.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code GET /api/residents/{residentId}/messages} (DOMAIN.md): what was sent to a resident, newest first, for those
 * who work on one of the resident's cases and those who read every case; phone numbers in the text masked.
 */
@GuanjiaTest
class ResidentMessagesApiTest {
  @LocalServerPort int port;
  @Autowired ResidentNotices notices;
  @Autowired Outbox outbox;
  @Autowired OutboxDispatcher dispatcher;

  @Test
  void whatWasSentToAResidentNewestFirstForThoseWhoWorkOnTheirCases() {
    Api api = new Api(port);
    String residentId = MessageCenterPageTest.aResidentWithAnInquiry(api, "韩冬");
    dispatcher.deliverDue();
    String requestNo = "GJ-RM-" + System.nanoTime() % 100000;
    notices.tell(requestNo + ":COMPLETED", Notice.COMPLETED, requestNo, residentId, "REPAIR", "frontdesk", null);

    var response = api.get("frontdesk", "/api/residents/" + residentId + "/messages");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<JsonNode> messages = new ArrayList<>();
    response.json().forEach(messages::add);
    assertThat(messages).hasSizeGreaterThanOrEqualTo(2);
    for (JsonNode m : messages) {
      assertThat(m.fieldNames()).toIterable()
          .containsExactlyInAnyOrder("time", "channel", "event", "requestNo", "text", "status");
    }
    // newest first: the completion notice just written (waiting for the dispatcher), then the inquiry's receipt, sent
    assertThat(messages.get(0).get("requestNo").asText()).isEqualTo(requestNo);
    assertThat(messages.get(0).get("event").asText()).isEqualTo("COMPLETED");
    assertThat(messages.get(0).get("status").asText()).isEqualTo("PENDING");
    JsonNode receipt = messages.get(messages.size() - 1);
    assertThat(receipt.get("status").asText()).isEqualTo("SENT");
    assertThat(receipt.get("channel").asText()).isEqualTo("APP");
    assertThat(receipt.get("text").asText()).isNotBlank();
    List<OffsetDateTime> times = messages.stream().map(m -> OffsetDateTime.parse(m.get("time").asText())).toList();
    assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());

    assertThat(api.get("supervisor1", "/api/residents/" + residentId + "/messages").status()).isEqualTo(200);
    assertThat(api.get("auditor1", "/api/residents/" + residentId + "/messages").status()).isEqualTo(200);
    assertThat(api.get("tech1", "/api/residents/" + residentId + "/messages").status()).isEqualTo(403);
    assertThat(api.get("butler2", "/api/residents/" + residentId + "/messages").status()).isEqualTo(403);
    assertThat(api.get(null, "/api/residents/" + residentId + "/messages").status()).isEqualTo(401);
    assertThat(api.get("frontdesk", "/api/residents/R-9999/messages").status()).isEqualTo(404);
  }

  @Test
  void phoneAndIdCardNumbersInFreeTextAreMasked() {
    assertThat(com.guanjia.resident.Masking.freeText("楼道灯坏了，请联系我 13812345678")).isEqualTo("楼道灯坏了，请联系我 138****5678");
    assertThat(com.guanjia.resident.Masking.freeText("电话 +86 139-0000-1234 或 0571-88776655"))
        .isEqualTo("电话 139****1234 或 0571-88776655");
    assertThat(com.guanjia.resident.Masking.freeText("身份证 33010619800101123X")).isEqualTo("身份证 330106********123X");
    assertThat(com.guanjia.resident.Masking.freeText("订单号 2026120300001384561")).isEqualTo("订单号 2026120300001384561");
    assertThat(com.guanjia.resident.Masking.freeText("3-2-1101 室")).isEqualTo("3-2-1101 室");
    assertThat(com.guanjia.resident.Masking.location("3-2-1101")).isEqualTo("3-****");
    assertThat(com.guanjia.resident.Masking.location("5号楼东门")).isEqualTo("5号****");
  }
}
