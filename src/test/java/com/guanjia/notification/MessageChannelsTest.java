package com.guanjia.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.guanjia.process.ProcessContract.PROCESS_MESSAGE_DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.guanjia.test.GuanjiaTest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * E-mail through a real SMTP server (GreenMail) and WeChat template messages against a stand-in of
 * its API, for the demo residents who chose them: R-0005 陈明 (English e-mail), R-0006 赵丽 (WeChat).
 */
@GuanjiaTest
@TestPropertySource(properties = {"camunda.bpm.process-engine-name=messageChannelsTests",
    "guanjia.notifications.wechat.access-token=T0KEN", "guanjia.notifications.wechat.template-id=TPL-service"})
class MessageChannelsTest {
  private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
  private static final WireMockServer WECHAT = new WireMockServer(options().dynamicPort());
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final OffsetDateTime THURSDAY_TEN = OffsetDateTime.of(2026, 11, 26, 10, 0, 0, 0, ZoneOffset.ofHours(8));

  static {
    SMTP.start();
    WECHAT.start();
  }

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry properties) {
    properties.add("spring.mail.host", () -> "127.0.0.1");
    properties.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    properties.add("guanjia.notifications.wechat.url", () -> WECHAT.baseUrl() + "/cgi-bin/message/template/send");
  }

  @Autowired ResidentNotices notices;
  @Autowired Outbox outbox;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;

  @BeforeEach
  void setUp() throws Exception {
    WECHAT.resetAll();
    WECHAT.stubFor(post(urlPathEqualTo("/cgi-bin/message/template/send")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":2001}")));
    ClockUtil.setCurrentTime(Date.from(THURSDAY_TEN.toInstant()));
    dispatcher.deliverDue(); // what other tests of the same database left
    SMTP.purgeEmailFromAllMailboxes();
    WECHAT.resetRequests();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @AfterAll
  static void stop() {
    SMTP.stop();
    WECHAT.stop();
  }

  /** Writes a RECEIVED notice for the resident; returns it after one delivery attempt. */
  private Outbox.Message deliver(String residentId) {
    String requestNo = "GJ-CH-%05d".formatted(SEQ.incrementAndGet());
    notices.tell(requestNo + ":RECEIVED", Notice.RECEIVED, requestNo, residentId, "REPAIR", "frontdesk", null);
    Outbox.Message m = outbox.forRequest(requestNo).get(0);
    dispatcher.deliverDue(); // a failure is recorded on the row, which the caller looks at
    return outbox.find(m.id()).orElseThrow();
  }

  @Test
  void aResidentWhoChoseEmailGetsItInTheirLanguage() throws Exception {
    Outbox.Message sent = deliver("R-0005");
    assertThat(sent.status()).as(String.valueOf(sent.lastError())).isEqualTo("SENT");
    assertThat(sent.channel()).isEqualTo("EMAIL");

    MimeMessage[] mails = SMTP.getReceivedMessages();
    assertThat(mails).hasSize(1);
    MimeMessage mail = mails[0];
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("chen.ming@example.com");
    assertThat(mail.getSubject()).isEqualTo("[Guanjia] Request received (" + sent.requestNo() + ")");
    assertThat(String.valueOf(mail.getContent()).strip()).isEqualTo(sent.text())
        .startsWith("Hello Mr 陈. We have received your repair request");
    assertThat(mail.getHeader("X-Guanjia-Idempotency-Key")[0]).isEqualTo(sent.dedupeKey());
    assertThat(mail.getMessageID()).isEqualTo(sent.providerRef()).endsWith("@guanjia>");
  }

  @Test
  void aResidentWhoFollowsTheWeChatAccountGetsATemplateMessage() {
    Outbox.Message sent = deliver("R-0006");
    assertThat(sent.status()).isEqualTo("SENT");
    assertThat(sent.channel()).isEqualTo("WECHAT");
    assertThat(sent.providerRef()).isEqualTo("2001");
    WECHAT.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/message/template/send"))
        .withQueryParam("access_token", equalTo("T0KEN"))
        .withHeader("Idempotency-Key", equalTo(sent.dedupeKey()))
        .withRequestBody(matchingJsonPath("$.touser", equalTo("oGJdemo-zhaoli")))
        .withRequestBody(matchingJsonPath("$.template_id", equalTo("TPL-service")))
        .withRequestBody(matchingJsonPath("$.data.first.value", equalTo(sent.text())))
        .withRequestBody(matchingJsonPath("$.data.keyword1.value", equalTo(sent.requestNo()))));
    assertThat(sent.text()).startsWith("您好，赵女士！");
  }

  @Test
  void aWeChatRefusalIsAFailedAttemptWithWeChatsReason() {
    WECHAT.stubFor(post(urlPathEqualTo("/cgi-bin/message/template/send")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errcode\":40001,\"errmsg\":\"invalid credential, access_token is invalid\"}")));
    Outbox.Message failed = deliver("R-0006");
    assertThat(failed.status()).as("handed over to message-delivery for retries").isEqualTo("RETRYING");
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastError()).contains("40001", "access_token is invalid");
  }

  @Test
  void withoutAnSmsGatewayAnSmsResidentReadsTheMessageCenter() {
    Outbox.Message sent = deliver("R-0001");
    assertThat(sent.status()).isEqualTo("SENT");
    assertThat(sent.channel()).isEqualTo("APP");
    assertThat(SMTP.getReceivedMessages()).isEmpty();
    assertThatThrownBy(() -> WECHAT.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/message/template/send"))))
        .isInstanceOf(AssertionError.class);
  }
}
