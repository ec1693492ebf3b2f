package com.guanjia.notification;

import static com.guanjia.process.ProcessContract.PROCESS_MESSAGE_DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.GuanjiaTest;
import com.guanjia.test.WebappSession;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Without an SMS gateway (the embedded default) a message is delivered to the resident's message
 * center, which the staff who work on one of the resident's cases read on a page.
 */
@GuanjiaTest
class MessageCenterPageTest {
  @LocalServerPort int port;
  @Autowired ResidentNotices notices;
  @Autowired Outbox outbox;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;

  /**
   * A resident of 1-1-0101 nobody else's test touches, with one inquiry the front desk registered: the front desk
   * works on it, nobody from maintenance does.
   */
  static String aResidentWithAnInquiry(com.guanjia.test.Api api, String name) {
    String residentId = "R-MC" + System.nanoTime() % 1_000_000;
    var created = api.post("frontdesk", "/api/residents", """
        {"residentId":"%s","unitId":"1-1-0101","name":"%s","phone":"13900001111","occupancy":"OWNER"}"""
        .formatted(residentId, name));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    var inquiry = api.post("frontdesk", "/api/requests",
        com.guanjia.test.Api.request("INQUIRY", "OTHER", "PHONE", "物业费怎么交", residentId));
    assertThat(inquiry.status()).as(inquiry.body()).isEqualTo(201);
    return residentId;
  }

  @Test
  void aDeliveredMessageIsOnTheResidentsPageForThoseWhoWorkOnTheirCases() {
    String residentId = aResidentWithAnInquiry(new com.guanjia.test.Api(port), "钱雨桐");
    String requestNo = "GJ-MC-" + System.nanoTime() % 100000;
    notices.tell(requestNo + ":COMPLETED", Notice.COMPLETED, requestNo, residentId, "REPAIR", "frontdesk", null);
    var message = outbox.forRequest(requestNo).get(0);
    deliver(message);
    var sent = outbox.find(message.id()).orElseThrow();
    assertThat(sent.status()).isEqualTo("SENT");
    assertThat(sent.channel()).as("no SMS gateway here: the message center").isEqualTo("APP");

    var page = WebappSession.signedIn(port, "frontdesk", "tasklist").get("/residents/" + residentId + "/messages");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("消息中心", "钱雨桐", requestNo, "处理完成", sent.text());
    // those who read every case read it too; staff who work on none of the resident's cases do not
    assertThat(WebappSession.signedIn(port, "supervisor1", "tasklist").get("/residents/" + residentId + "/messages")
        .statusCode()).isEqualTo(200);
    assertThat(WebappSession.signedIn(port, "tech1", "tasklist").get("/residents/" + residentId + "/messages")
        .statusCode()).isEqualTo(403);
    assertThat(WebappSession.signedIn(port, "butler2", "tasklist").get("/residents/" + residentId + "/messages")
        .statusCode()).isEqualTo(403);
    assertThat(WebappSession.signedIn(port, "frontdesk", "tasklist").get("/residents/R-9999/messages").statusCode())
        .isEqualTo(404);
    assertThat(WebappSession.anonymous(port).get("/residents/" + residentId + "/messages").statusCode())
        .isEqualTo(302);
  }

  @Test
  void supervisorsMayRetryADeliveryOtherStaffMayNot() {
    String requestNo = "GJ-MCR-" + System.nanoTime() % 100000;
    notices.tell(requestNo + ":COMPLETED", Notice.COMPLETED, requestNo, "R-0001", "REPAIR", "frontdesk", null);
    var message = outbox.forRequest(requestNo).get(0);
    // its first attempt failed (a gateway down): a message-delivery instance retries it, as the
    // dispatcher hands it over
    var delivery = runtime.startProcessInstanceByKey(PROCESS_MESSAGE_DELIVERY, requestNo + "/M" + message.id(),
        java.util.Map.of("outboxId", message.id()));
    String job = management.createJobQuery().processInstanceId(delivery.getId()).singleResult().getId();
    var api = new com.guanjia.test.Api(port);
    // what Cockpit's "retry" does for an incident: give the job retries again
    String retry = "{\"retries\":1}";
    assertThat(api.send("supervisor1", java.net.http.HttpRequest.newBuilder(java.net.URI.create(
        "http://localhost:" + port + "/engine-rest/job/" + job + "/retries")).header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(retry))).status()).isEqualTo(204);
    assertThat(api.send("tech1", java.net.http.HttpRequest.newBuilder(java.net.URI.create(
        "http://localhost:" + port + "/engine-rest/job/" + job + "/retries")).header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(retry))).status()).isEqualTo(403);
    // supervisors find the delivery in Cockpit by the request number
    assertThat(api.get("supervisor1", "/engine-rest/process-instance?maxResults=500&businessKeyLike=" + requestNo + "%25").json())
        .extracting(n -> n.get("id").asText()).contains(delivery.getId());
  }

  @Test
  void staffReadTheirOwnMessages() {
    String requestNo = "GJ-MCS-" + System.nanoTime() % 100000;
    outbox.addForStaff(requestNo + ":REOPENED:1", requestNo, "butler2", "CASE_REOPENED", "您负责的请求 " + requestNo
        + " 回访时业主反映问题复发，已退回给您重新处理");
    var message = outbox.forRequest(requestNo).get(0);
    assertThat(message.urgent()).as("staff are told at once, day or night").isTrue();
    deliver(message);

    var mine = WebappSession.signedIn(port, "butler2", "tasklist").get("/staff/messages");
    assertThat(mine.statusCode()).isEqualTo(200);
    assertThat(mine.body()).contains("我的消息", requestNo, "案件重开", "已退回给您重新处理");
    assertThat(WebappSession.signedIn(port, "butler1", "tasklist").get("/staff/messages").body())
        .doesNotContain(requestNo);

    // a message to a group is read by its members
    outbox.addForStaff(requestNo + ":ESCALATION_ASSIGNED:t1", requestNo, "group:supervisor", "ESCALATION_ASSIGNED",
        "请求 " + requestNo + " 已升级至一级（主管）督办");
    var toGroup = outbox.forRequest(requestNo).get(1);
    deliver(toGroup);
    assertThat(WebappSession.signedIn(port, "supervisor1", "tasklist").get("/staff/messages").body())
        .contains("已升级至一级（主管）督办");
    assertThat(WebappSession.signedIn(port, "butler2", "tasklist").get("/staff/messages").body())
        .doesNotContain("已升级至一级（主管）督办");
  }

  /** Sends what is due, at the end of the quiet hours if the message waits for them. */
  private void deliver(Outbox.Message message) {
    if (message.deliverAfter() != null) {
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(message.deliverAfter().toInstant()));
    }
    try {
      dispatcher.deliverDue();
    } finally {
      org.camunda.bpm.engine.impl.util.ClockUtil.reset();
    }
  }
}
