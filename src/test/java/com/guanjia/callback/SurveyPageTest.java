package com.guanjia.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The resident's survey page over HTTP, without a login: one answer per link, wrong answers named,
 * nothing personal shown, Chinese first and English on request.
 */
@GuanjiaTest
class SurveyPageTest {
  private static final AtomicInteger SEQ = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired Surveys surveys;
  Api api;
  String requestNo;
  String token;

  @BeforeEach
  void invitation() {
    api = new Api(port);
    var created = api.post("frontdesk", "/api/requests", Api.request("REPAIR", "DRAIN", "PHONE", "厨房下水道堵塞",
        "R-0001"));
    assertThat(created.status()).isEqualTo(201);
    requestNo = created.json().get("requestNo").asText();
    token = surveys.invite(requestNo, "plan-survey-page-" + SEQ.incrementAndGet(), 1, "R-0001");
  }

  private Api.Response post(String form) {
    return api.send(null, HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/survey/" + token))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)));
  }

  private static String field(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void residentSeesTheRequestAndTheFourAnswersInChineseWithoutPersonalData() {
    var page = api.get(null, "/survey/" + token);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body()).contains("服务满意度调查", "您好", requestNo, "地漏/管道", "不满意", "达到预期效果", "感到满意",
        "深受感动", "提交评价")
        // the demo resident R-0001's name and phone are not on a page anyone with the link can open
        .doesNotContain("王建国", "13812341234", "厨房下水道堵塞");

    var english = api.send(null, HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/survey/" + token))
        .header("Accept-Language", "en"));
    assertThat(english.body()).contains("How did we do?", "Drains and pipes", "Deeply moved");
  }

  @Test
  void anAnswerIsRecordedOnceAndAMissingChoiceIsNamed() {
    var missing = post(field("comment", "师傅很负责"));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("id=\"satisfactionError\"", "请选择一项满意度", "师傅很负责");
    var tooLong = post(field("satisfaction", "SATISFIED") + "&" + field("comment", "好".repeat(501)));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.body()).contains("id=\"commentError\"");
    var unknownLevel = post(field("satisfaction", "SO_SO"));
    assertThat(unknownLevel.status()).isEqualTo(400);
    assertThat(surveys.find(token)).get().extracting(Surveys.Invitation::answered).isEqualTo(false);

    var thanks = post(field("satisfaction", "SATISFIED") + "&" + field("comment", "师傅很负责"));
    assertThat(thanks.status()).isEqualTo(200);
    assertThat(thanks.body()).contains("感谢您的评价", "id=\"thanks\"").doesNotContain("主管会尽快与您联系");
    assertThat(surveys.find(token)).get().satisfies(i -> {
      assertThat(i.satisfaction()).isEqualTo("SATISFIED");
      assertThat(i.answered()).isTrue();
    });

    var again = post(field("satisfaction", "DISSATISFIED"));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).contains("id=\"answered\"", "已经提交过了");
    assertThat(surveys.find(token)).get().extracting(Surveys.Invitation::satisfaction).isEqualTo("SATISFIED");
    assertThat(api.get(null, "/survey/" + token).body()).contains("id=\"answered\"");
  }

  @Test
  void aWrongLinkIsNotFound() {
    var page = api.get(null, "/survey/AAAAAAAAAAAAAAAAAAAAAA");
    assertThat(page.status()).isEqualTo(404);
    assertThat(page.body()).contains("未找到问卷");
    assertThat(post(field("satisfaction", "SATISFIED")).status()).isEqualTo(200);
    assertThat(api.get(null, "/survey/" + "x".repeat(300)).status()).isEqualTo(404);
  }
}
