package com.guanjia.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.guanjia.process.ProcessContract.PROCESS_MESSAGE_DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.guanjia.test.GuanjiaTest;
import com.guanjia.test.ProcessCoverage;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code message-delivery} against an SMS gateway stand-in (WireMock) that answers, fails, times out:
 * delivery after the writing step committed, quiet hours, retries then an incident an operator
 * retries, and one message only after a crash between sending and recording. Demo resident R-0003
 * 张伟 (SMS, 13712349876).
 */
@GuanjiaTest
@ProcessCoverage
@TestPropertySource(properties = {
    "guanjia.test.coverage-excludes=ownership-transfer,service-request,request-escalation,callback-visits",
    "camunda.bpm.process-engine-name=messageDeliveryTests",
    "guanjia.notifications.sms.username=guanjia", "guanjia.notifications.sms.password=s3cret",
    "guanjia.notifications.sms.read-timeout=PT1S"})
class MessageDeliveryTest {
  private static final WireMockServer GATEWAY = new WireMockServer(options().dynamicPort());
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final ZoneOffset CST = ZoneOffset.ofHours(8);
  private static final OffsetDateTime WEDNESDAY_TEN = OffsetDateTime.of(2026, 11, 25, 10, 0, 0, 0, CST);

  static {
    GATEWAY.start();
  }

  @DynamicPropertySource
  static void gateway(DynamicPropertyRegistry properties) {
    properties.add("guanjia.notifications.sms.url", () -> GATEWAY.baseUrl() + "/sms/send");
  }

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired ResidentNotices notices;
  @Autowired Outbox outbox;
  @Autowired MessageCenter center;
  @Autowired PlatformTransactionManager transactions;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(engine);
    GATEWAY.resetAll();
    GATEWAY.stubFor(post(urlEqualTo("/sms/send")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"sms-4711\"}")));
    at(WEDNESDAY_TEN);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @AfterAll
  static void stopGateway() {
    GATEWAY.stop();
  }

  private static void at(OffsetDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }

  /** Writes a message to R-0003 as a process step would; returns its delivery instance. */
  private ProcessInstance write(Notice notice) {
    String requestNo = "GJ-DLV-%05d".formatted(SEQ.incrementAndGet());
    notices.tell(requestNo + ":" + notice, notice, requestNo, "R-0003", "REPAIR", "frontdesk", null);
    Outbox.Message m = message(requestNo);
    return runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_MESSAGE_DELIVERY)
        .processInstanceBusinessKey(requestNo + "/M" + m.id()).singleResult();
  }

  private Outbox.Message message(String requestNo) {
    var messages = outbox.forRequest(requestNo);
    assertThat(messages).hasSize(1);
    return messages.get(0);
  }

  private String requestNo(ProcessInstance delivery) {
    return delivery.getBusinessKey().substring(0, delivery.getBusinessKey().indexOf("/M"));
  }

  private Job job(ProcessInstance delivery) {
    return management.createJobQuery().processInstanceId(delivery.getId()).singleResult();
  }

  @Test
  void aMessageGoesOutBySmsAfterTheStepThatWroteItCommitted() {
    ProcessInstance delivery = write(Notice.RECEIVED);
    // written, not sent: the job executor sends it after the commit
    assertThat(delivery).isWaitingAt("Task_DeliverMessage");
    assertThat(GATEWAY.getAllServeEvents()).isEmpty();
    Outbox.Message written = message(requestNo(delivery));
    assertThat(written.status()).isEqualTo("PENDING");
    assertThat(written.channel()).isEqualTo("SMS");

    management.executeJob(job(delivery).getId());

    assertThat(delivery).isEnded().hasPassed("Task_DeliverMessage", "EndEvent_MessageDelivered")
        .hasNotPassed("Event_QuietHoursOver");
    GATEWAY.verify(1, postRequestedFor(urlEqualTo("/sms/send"))
        .withHeader("Idempotency-Key", equalTo(written.dedupeKey()))
        .withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials("guanjia", "s3cret"))
        .withRequestBody(matchingJsonPath("$.to", equalTo("13712349876")))
        .withRequestBody(matchingJsonPath("$.text", equalTo(written.text())))
        .withRequestBody(matchingJsonPath("$.sender", equalTo("管家物业"))));
    Outbox.Message sent = message(requestNo(delivery));
    assertThat(sent.status()).isEqualTo("SENT");
    assertThat(sent.providerRef()).isEqualTo("sms-4711");
    assertThat(sent.attempts()).isEqualTo(1);
    assertThat(center.forResident("R-0003")).anySatisfy(e -> {
      assertThat(e.outboxId()).isEqualTo(sent.id());
      assertThat(e.text()).startsWith("您好，张先生！");
    });
  }

  @Test
  void atNightAMessageWaitsForTheMorningUnlessSomeoneIsOnTheWay() {
    at(WEDNESDAY_TEN.withHour(22).withMinute(30));
    ProcessInstance held = write(Notice.COMPLETED);
    assertThat(held).isWaitingAt("Event_QuietHoursOver");
    assertThat(job(held).getDuedate()).isEqualTo(Date.from(WEDNESDAY_TEN.plusDays(1).withHour(8).toInstant()));
    assertThat(message(requestNo(held)).deliverAfter().toInstant()).isEqualTo(job(held).getDuedate().toInstant());

    ProcessInstance urgent = write(Notice.STAFF_ON_THE_WAY);
    assertThat(urgent).isWaitingAt("Task_DeliverMessage");
    assertThat(message(requestNo(urgent)).urgent()).isTrue();

    at(WEDNESDAY_TEN.plusDays(1).withHour(8));
    management.executeJob(job(held).getId());
    assertThat(held).isWaitingAt("Task_DeliverMessage");
    management.executeJob(job(held).getId());
    assertThat(held).isEnded().hasPassed("Event_QuietHoursOver", "EndEvent_MessageDelivered");
    assertThat(message(requestNo(held)).status()).isEqualTo("SENT");
  }

  @Test
  void aGatewayThatFailsIsRetriedThenRaisesAnIncidentAnOperatorRetries() {
    GATEWAY.stubFor(post(urlEqualTo("/sms/send")).willReturn(aResponse().withStatus(503).withBody("maintenance")));
    ProcessInstance delivery = write(Notice.RECEIVED);
    Job job = job(delivery);
    int attempts = 0;
    while (job.getRetries() > 0) {
      String id = job.getId();
      assertThatThrownBy(() -> management.executeJob(id)).hasMessageContaining("消息未能送达");
      attempts++;
      job = job(delivery);
    }
    // the first attempt and five retries (1 min, 5 min, 15 min, 1 h, 2 h apart)
    assertThat(attempts).isEqualTo(6);
    var incident = runtime.createIncidentQuery().processInstanceId(delivery.getId()).singleResult();
    assertThat(incident.getIncidentType()).isEqualTo("failedJob");
    assertThat(incident.getActivityId()).isEqualTo("Task_DeliverMessage");
    assertThat(incident.getIncidentMessage()).contains("消息未能送达", "RECEIVED", "R-0003");
    Outbox.Message failed = message(requestNo(delivery));
    assertThat(failed.status()).isEqualTo("PENDING");
    assertThat(failed.attempts()).isEqualTo(6);
    assertThat(failed.lastError()).contains("503");
    GATEWAY.verify(6, postRequestedFor(urlEqualTo("/sms/send")));

    // the gateway is back; the operator clicks "retry" in Cockpit (the job gets a retry)
    GATEWAY.resetAll();
    GATEWAY.stubFor(post(urlEqualTo("/sms/send")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"sms-4712\"}")));
    management.setJobRetries(job.getId(), 1);
    management.executeJob(job.getId());
    assertThat(delivery).isEnded();
    assertThat(runtime.createIncidentQuery().processInstanceId(delivery.getId()).count()).isZero();
    assertThat(message(requestNo(delivery)).status()).isEqualTo("SENT");
  }

  @Test
  void aGatewayThatDoesNotAnswerInTimeIsTriedAgain() {
    GATEWAY.stubFor(post(urlEqualTo("/sms/send")).willReturn(aResponse().withStatus(200).withFixedDelay(2000)
        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"late\"}")));
    ProcessInstance delivery = write(Notice.RECEIVED);
    String id = job(delivery).getId();
    assertThatThrownBy(() -> management.executeJob(id)).hasMessageContaining("消息未能送达");
    assertThat(message(requestNo(delivery)).lastError()).contains("no answer within PT1S");
    assertThat(job(delivery).getRetries()).isEqualTo(5);

    GATEWAY.stubFor(post(urlEqualTo("/sms/send")).willReturn(aResponse().withStatus(200).withFixedDelay(300)
        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"slow-but-fine\"}")));
    management.executeJob(id);
    assertThat(message(requestNo(delivery)).providerRef()).isEqualTo("slow-but-fine");
  }

  @Test
  void aCrashAfterSendingSendsTheSameMessageAgainUnderTheSameKeyAndKeepsOneRecord() {
    ProcessInstance delivery = write(Notice.RECEIVED);
    String id = job(delivery).getId();
    // the gateway took the text, then the node died before the delivery was recorded: nothing of the
    // delivery's transaction is kept
    new TransactionTemplate(transactions).executeWithoutResult(crash -> {
      management.executeJob(id);
      crash.setRollbackOnly();
    });
    assertThat(delivery).isWaitingAt("Task_DeliverMessage");
    assertThat(message(requestNo(delivery)).status()).isEqualTo("PENDING");

    management.executeJob(id);

    var sends = GATEWAY.findAll(postRequestedFor(urlEqualTo("/sms/send")));
    assertThat(sends).hasSize(2).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly(
        message(requestNo(delivery)).dedupeKey());
    assertThat(message(requestNo(delivery)).status()).isEqualTo("SENT");
    assertThat(center.forResident("R-0003")).filteredOn(e -> e.requestNo().equals(requestNo(delivery))).hasSize(1);
  }
}
