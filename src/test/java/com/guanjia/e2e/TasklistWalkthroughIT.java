package com.guanjia.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.guanjia.notification.Outbox;
import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A repair registered over REST is taken to its end in Tasklist by the demo users, through the
 * forms, in a real browser. Screenshots: {@code target/screenshots/}.
 */
@GuanjiaTest
class TasklistWalkthroughIT {
  @LocalServerPort int port;
  @Autowired Outbox outbox;

  @Test
  void aRepairIsTakenFromIntakeToClosureInTasklist() {
    assumeTrue(Tasklist.available(), "Debian's chromium and chromium-driver are installed by .ci/run");
    Api api = new Api(port);
    String requestNo = api.post("frontdesk", "/api/requests",
            Api.request("REPAIR", "DRAIN", "PHONE", "厨房地漏堵塞，污水倒灌", "R-0001"))
        .json().get("requestNo").asText();

    try (Tasklist tasklist = new Tasklist(port)) {
      try {
        walk(tasklist, requestNo);
      } catch (RuntimeException | AssertionError e) {
        tasklist.screenshot("failure");
        throw e;
      }
    }

    var closed = api.get("supervisor1", "/api/requests/" + requestNo).json();
    assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
    assertThat(closed.get("eta").asText())
        .isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1) + "T10:30:00+08:00");
    assertThat(outbox.forRequest(requestNo)).extracting(Outbox.Message::event)
        .containsExactly("RECEIVED", "STAFF_ON_THE_WAY", "ETA_PROMISED", "COMPLETED");
  }

  private static void walk(Tasklist tasklist, String requestNo) {
    tasklist.login("tech1");
    tasklist.open("可认领的任务", "到达现场");
    assertThat(tasklist.contextText()).contains(requestNo).contains("厨房地漏堵塞");
    tasklist.claimIfOffered();
    tasklist.check("Field_ArrivedOnSite");
    tasklist.type("Field_PreviousStepRating", "4");
    tasklist.screenshot("01-tech1-arrive-on-site");
    tasklist.complete();

    tasklist.open("我的任务", "制定初步方案");
    tasklist.claimIfOffered();
    tasklist.type("Field_Plan", "更换地漏芯并疏通下水管");
    tasklist.dateTime("Field_Eta", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1), "10:30");
    tasklist.screenshot("02-tech1-propose-plan");
    tasklist.complete();

    tasklist.open("我的任务", "完成处理");
    tasklist.claimIfOffered();
    tasklist.check("Field_Resolved");
    tasklist.type("Field_Resolution", "已更换地漏芯，下水通畅");
    tasklist.screenshot("03-tech1-perform-work");
    tasklist.complete();

    tasklist.login("frontdesk");
    tasklist.open("我的任务", "与业主确认结果");
    assertThat(tasklist.contextText()).contains("已更换地漏芯");
    tasklist.check("Field_ResidentConfirmed");
    tasklist.type("Field_PreviousStepRating", "5");
    tasklist.screenshot("04-frontdesk-confirm-with-resident");
    tasklist.complete();
  }
}
