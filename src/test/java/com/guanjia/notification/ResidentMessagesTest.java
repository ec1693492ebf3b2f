package com.guanjia.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Messages to residents as the outbox receives them: the event's template in the resident's language,
 * opened with 您好 and the proper form of address, with the holiday wish and the weather reminder
 * when they apply (R6, R8). Demo residents: R-0001 王建国 (male), R-0004 刘芳 (female).
 */
@GuanjiaTest
class ResidentMessagesTest {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final ZoneOffset CST = ZoneOffset.ofHours(8);
  /** An ordinary working day. */
  private static final OffsetDateTime WEDNESDAY = OffsetDateTime.of(2026, 11, 25, 10, 0, 0, 0, CST);

  @LocalServerPort int port;
  @Autowired ResidentNotices notices;
  @Autowired ResidentPreferences preferences;
  @Autowired Outbox outbox;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    at(WEDNESDAY);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    preferences.setLocale("R-0004", Locale.SIMPLIFIED_CHINESE);
  }

  private static void at(OffsetDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }

  /** The text the resident gets for a RECEIVED notice of a new request number. */
  private String received(String residentId) {
    String requestNo = "GJ-MSG-%05d".formatted(SEQ.incrementAndGet());
    notices.tell(requestNo + ":RECEIVED", Notice.RECEIVED, requestNo, residentId, "REPAIR", "frontdesk", null);
    var messages = outbox.forRequest(requestNo);
    assertThat(messages).singleElement().satisfies(m -> {
      assertThat(m.audience()).isEqualTo("RESIDENT");
      assertThat(m.event()).isEqualTo("RECEIVED");
      assertThat(m.residentId()).isEqualTo(residentId);
    });
    return messages.get(0).text().replace(requestNo, "GJ-…");
  }

  @Test
  void theCardOpensWithTheResidentsSurnameAndTitle() {
    assertThat(received("R-0001")).isEqualTo(
        "您好，王先生！您的报修已受理，编号 GJ-…。负责人：周静，联系电话 0571-8888-6001，我们会及时告知处理进展。");
    assertThat(received("R-0004")).startsWith("您好，刘女士！您的报修已受理");
  }

  @Test
  void aResidentWhoChoseEnglishGetsTheEnglishTemplate() {
    preferences.setLocale("R-0004", Locale.ENGLISH);
    assertThat(received("R-0004")).isEqualTo("Hello Ms 刘. We have received your repair request, number GJ-…. "
        + "周静 (phone 0571-8888-6001) looks after it and will keep you informed.");
  }

  @Test
  void onAPublicHolidayTheMessageWishesAGoodHoliday() {
    at(OffsetDateTime.of(2026, 10, 2, 9, 30, 0, 0, CST));
    assertThat(received("R-0001")).startsWith("您好，王先生！").endsWith("值此国庆节，祝您节日愉快！");
    at(OffsetDateTime.of(2026, 4, 5, 9, 30, 0, 0, CST));
    assertThat(received("R-0001")).endsWith("清明时节，祝您和家人平安。");
    at(WEDNESDAY);
    assertThat(received("R-0001")).endsWith("我们会及时告知处理进展。");
  }

  @Test
  void whileASevereWeatherNoticeIsActiveMessagesAskResidentsToTakeCare() {
    var posted = api.post("supervisor1", "/api/weather-notices", """
        {"text":"今夜至明天有暴雨","startsAt":"2026-11-25T08:00","endsAt":"2026-11-26T20:00"}""");
    assertThat(posted.status()).as(posted.body()).isEqualTo(201);
    long id = posted.json().get("id").asLong();
    try {
      assertThat(received("R-0001")).endsWith("我们会及时告知处理进展。温馨提示：今夜至明天有暴雨，请您注意安全。");
      at(OffsetDateTime.of(2026, 11, 26, 20, 0, 0, 0, CST));
      assertThat(received("R-0001")).doesNotContain("暴雨");
      at(WEDNESDAY);
      assertThat(api.get("tech1", "/api/weather-notices").json()).anySatisfy(n ->
          assertThat(n.get("text").asText()).isEqualTo("今夜至明天有暴雨"));
    } finally {
      assertThat(api.send("supervisor1", java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://localhost:" + port + "/api/weather-notices/" + id)).DELETE()).status())
          .isEqualTo(204);
    }
    assertThat(received("R-0001")).doesNotContain("暴雨");
  }

  @Test
  void onlySupervisorsPostWeatherNoticesAndBadOnesAreNamed() {
    assertThat(api.post("tech1", "/api/weather-notices", """
        {"text":"大风","startsAt":"2026-11-25T08:00","endsAt":"2026-11-26T20:00"}""").status()).isEqualTo(403);
    var backwards = api.post("supervisor1", "/api/weather-notices", """
        {"text":"大风降温","startsAt":"2026-11-26T08:00","endsAt":"2026-11-25T20:00"}""");
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.json().get("field").asText()).isEqualTo("endsAt");
    var rude = api.post("supervisor1", "/api/weather-notices", """
        {"text":"暴雨，没事别出门，出了事我不管","startsAt":"2026-11-25T08:00","endsAt":"2026-11-26T20:00"}""");
    assertThat(rude.status()).isEqualTo(400);
    assertThat(rude.json().get("field").asText()).isEqualTo("text");
    assertThat(rude.json().get("detail").asText()).contains("我不管");
    var missing = api.post("supervisor1", "/api/weather-notices", """
        {"startsAt":"2026-11-25T08:00","endsAt":"2026-11-26T20:00"}""");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("field").asText()).isEqualTo("text");
    assertThat(api.get("supervisor1", "/api/weather-notices").json()).noneSatisfy(n ->
        assertThat(n.get("text").asText()).contains("大风"));
  }

  @Test
  void anEtaChangeTheResidentHearsAboutCarriesReasonAndRemedyInTheirLanguage() {
    String requestNo = "GJ-MSG-%05d".formatted(SEQ.incrementAndGet());
    notices.tellEtaChanged(requestNo + ":ETA", requestNo, "R-0004", "配件到货延迟", null,
        OffsetDateTime.of(2026, 11, 26, 18, 0, 0, 0, CST));
    assertThat(outbox.forRequest(requestNo)).singleElement().extracting(Outbox.Message::text).isEqualTo(
        "您好，刘女士！很抱歉，您的请求 " + requestNo + " 未能在原定时间完成，原因：配件到货延迟。新的预计完成时间为 11月26日 18:00。"
            + "给您带来不便，敬请谅解。");
    preferences.setLocale("R-0004", Locale.ENGLISH);
    String second = requestNo + "-2";
    notices.tellEtaChanged(second + ":ETA", second, "R-0004", "配件到货延迟", "免收本次上门费",
        OffsetDateTime.of(2026, 11, 26, 18, 0, 0, 0, CST));
    assertThat(outbox.forRequest(second)).singleElement().extracting(Outbox.Message::text).asString()
        .startsWith("Hello Ms 刘. We are sorry").contains("by 26 Nov 18:00", "make up for it: 免收本次上门费.");
  }
}
