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
 * Sending the outbox against an SMS gateway stand-in (WireMock) that answers, fails, times out:
 * delivery after the writing step committed, quiet hours, a failed first attempt handed to
 * {@code message-delivery}, its retries then an incident an operator retries, and one message only
 * after a crash between sending and recording. Demo resident R-0003 张伟 (SMS, 13712349876).
 */
@GuanjiaTest
@ProcessCoverage
@TestPropertySource(properties = {
    "guanjia.test.coverage-excludes=audit-seal-sweep,ownership-transfer,service-request,request-escalation,callback-visits",
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
  @Autowired OutboxDispatcher dispatcher;
  @Autowired MessageCenter center;
  @Autowired PlatformTransactionManager transactions;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(engine);
    at(WEDNESDAY_TEN);
    GATEWAY.resetAll();
    answering("sms-4711");
    dispatcher.deliverDue(); // what other tests of the shared database left
    GATEWAY.resetAll();
    answering("sms-4711");
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @AfterAll
  static void stopGateway() {
    GATEWAY.stop();
  }

  private static void answering(String id) {
    GATEWAY.stubFor(post(urlEqualTo("/sms/send")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"" + id + "\"}")));
  }

  private static void at(OffsetDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }

  /** Writes a message to R-0003 as a process step would; returns its request number. */
  private String write(Notice notice) {
    String requestNo = "GJ-DLV-%05d".formatted(SEQ.incrementAndGet());
    notices.tell(requestNo + ":" + notice, notice, requestNo, "R-0003", "REPAIR", "frontdesk", null);
    message(requestNo);
    return requestNo;
  }

  private Outbox.Message message(String requestNo) {
    var messages = outbox.forRequest(requestNo);
    assertThat(messages).hasSize(1);
    return messages.get(0);
  }

  /** The {@code message-delivery} instance that retries the request's message, if any. */
  private ProcessInstance retries(String requestNo) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_MESSAGE_DELIVERY)
        .processInstanceBusinessKey(requestNo + "/M" + message(requestNo).id()).singleResult();
  }

  private Job job(ProcessInstance delivery) {
    return management.createJobQuery().processInstanceId(delivery.getId()).singleResult();
  }

  @Test
  void aMessageGoesOutBySmsAfterTheStepThatWroteItCommittedWithoutAProcessInstance() {
    String requestNo = write(Notice.RECEIVED);
    // written, not sent: the dispatcher sends it after the commit
    assertThat(GATEWAY.getAllServeEvents()).isEmpty();
    Outbox.Message written = message(requestNo);
    assertThat(written.status()).isEqualTo("PENDING");
    assertThat(written.channel()).isEqualTo("SMS");

    assertThat(dispatcher.deliverDue()).isEqualTo(1);

    GATEWAY.verify(1, postRequestedFor(urlEqualTo("/sms/send"))
        .withHeader("Idempotency-Key", equalTo(written.dedupeKey()))
        .withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials("guanjia", "s3cret"))
        .withRequestBody(matchingJsonPath("$.to", equalTo("13712349876")))
        .withRequestBody(matchingJsonPath("$.text", equalTo(written.text())))
        .withRequestBody(matchingJsonPath("$.sender", equalTo("管家物业"))));
    Outbox.Message sent = message(requestNo);
    assertThat(sent.status()).isEqualTo("SENT");
    assertThat(sent.providerRef()).isEqualTo("sms-4711");
    assertThat(sent.attempts()).isEqualTo(1);
    assertThat(center.forResident("R-0003")).anySatisfy(e -> {
      assertThat(e.outboxId()).isEqualTo(sent.id());
      assertThat(e.text()).startsWith("您好，张先生！");
    });
    // one attempt that worked needs no retries: no message-delivery instance, running or finished
    assertThat(retries(requestNo)).isNull();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(requestNo + "/M" + sent.id()).count()).isZero();
    // sent once: a second round finds nothing
    assertThat(dispatcher.deliverDue()).isZero();
    GATEWAY.verify(1, postRequestedFor(urlEqualTo("/sms/send")));
  }

  @Test
  void atNightAMessageWaitsForTheMorningUnlessSomeoneIsOnTheWay() {
    at(WEDNESDAY_TEN.withHour(22).withMinute(30));
    String held = write(Notice.COMPLETED);
    assertThat(message(held).deliverAfter().toInstant())
        .isEqualTo(WEDNESDAY_TEN.plusDays(1).withHour(8).toInstant());
    String urgent = write(Notice.STAFF_ON_THE_WAY);
    assertThat(message(urgent).urgent()).isTrue();

    assertThat(dispatcher.deliverDue()).isEqualTo(1);
    assertThat(message(urgent).status()).isEqualTo("SENT");
    assertThat(message(held).status()).isEqualTo("PENDING");

    at(WEDNESDAY_TEN.plusDays(1).withHour(7).withMinute(59));
    assertThat(dispatcher.deliverDue()).isZero();
    at(WEDNESDAY_TEN.plusDays(1).withHour(8));
    assertThat(dispatcher.deliverDue()).isEqualTo(1);
    assertThat(message(held).status()).isEqualTo("SENT");
    GATEWAY.verify(2, postRequestedFor(urlEqualTo("/sms/send")));
  }

  @Test
  void aFailedFirstAttemptIsRetriedByMessageDeliveryThenRaisesAnIncidentAnOperatorRetries() {
    GATEWAY.stubFor(post(urlEqualTo("/sms/send")).willReturn(aResponse().withStatus(503).withBody("maintenance")));
    String requestNo = write(Notice.RECEIVED);
    dispatcher.deliverDue();
    Outbox.Message handedOver = message(requestNo);
    assertThat(handedOver.status()).isEqualTo("RETRYING");
    assertThat(handedOver.attempts()).isEqualTo(1);
    ProcessInstance delivery = retries(requestNo);
    assertThat(delivery).isWaitingAt("Event_RetryLater").variables().containsEntry("outboxId", handedOver.id());
    assertThat(job(delivery).getDuedate()).isEqualTo(Date.from(WEDNESDAY_TEN.plusMinutes(1).toInstant()));
    // the dispatcher leaves it to the instance
    assertThat(dispatcher.deliverDue()).isZero();

    management.executeJob(job(delivery).getId());
    assertThat(delivery).isWaitingAt("Task_DeliverMessage");
    Job job = job(delivery);
    int attempts = 1;
    while (job.getRetries() > 0) {
      String id = job.getId();
      assertThatThrownBy(() -> management.executeJob(id)).hasMessageContaining("消息未能送达");
      attempts++;
      job = job(delivery);
    }
    // the first attempt, one a minute later and four more (5 min, 15 min, 1 h, 2 h apart)
    assertThat(attempts).isEqualTo(6);
    var incident = runtime.createIncidentQuery().processInstanceId(delivery.getId()).singleResult();
    assertThat(incident.getIncidentType()).isEqualTo("failedJob");
    assertThat(incident.getActivityId()).isEqualTo("Task_DeliverMessage");
    assertThat(incident.getIncidentMessage()).contains("消息未能送达", "RECEIVED", "R-0003");
    Outbox.Message failed = message(requestNo);
    assertThat(failed.status()).isEqualTo("RETRYING");
    assertThat(failed.attempts()).isEqualTo(6);
    assertThat(failed.lastError()).contains("503");
    GATEWAY.verify(6, postRequestedFor(urlEqualTo("/sms/send")));

    // the gateway is back; the operator clicks "retry" in Cockpit (the job gets a retry)
    GATEWAY.resetAll();
    answering("sms-4712");
    management.setJobRetries(job.getId(), 1);
    management.executeJob(job.getId());
    assertThat(delivery).isEnded().hasPassed("Event_RetryLater", "Task_DeliverMessage", "EndEvent_MessageDelivered");
    assertThat(runtime.createIncidentQuery().processInstanceId(delivery.getId()).count()).isZero();
    assertThat(message(requestNo).status()).isEqualTo("SENT");
    assertThat(message(requestNo).providerRef()).isEqualTo("sms-4712");
  }

  @Test
  void aGatewayThatDoesNotAnswerInTimeIsTriedAgain() {
    GATEWAY.stubFor(post(urlEqualTo("/sms/send")).willReturn(aResponse().withStatus(200).withFixedDelay(2000)
        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"late\"}")));
    String requestNo = write(Notice.RECEIVED);
    dispatcher.deliverDue();
    assertThat(message(requestNo).lastError()).contains("no answer within PT1S");
    ProcessInstance delivery = retries(requestNo);
    management.executeJob(job(delivery).getId());
    assertThat(job(delivery).getRetries()).isEqualTo(5);

    GATEWAY.stubFor(post(urlEqualTo("/sms/send")).willReturn(aResponse().withStatus(200).withFixedDelay(300)
        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"slow-but-fine\"}")));
    management.executeJob(job(delivery).getId());
    assertThat(delivery).isEnded();
    assertThat(message(requestNo).providerRef()).isEqualTo("slow-but-fine");
  }

  @Test
  void aCrashAfterSendingSendsTheSameMessageAgainUnderTheSameKeyAndKeepsOneRecord() {
    String requestNo = write(Notice.RECEIVED);
    // the gateway took the text, then the node died before the delivery was recorded: nothing of the
    // dispatcher's transaction is kept, not even its claim
    new TransactionTemplate(transactions).executeWithoutResult(crash -> {
      dispatcher.deliverDue();
      crash.setRollbackOnly();
    });
    assertThat(message(requestNo).status()).isEqualTo("PENDING");

    dispatcher.deliverDue();

    var sends = GATEWAY.findAll(postRequestedFor(urlEqualTo("/sms/send")));
    assertThat(sends).hasSize(2).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly(
        message(requestNo).dedupeKey());
    assertThat(message(requestNo).status()).isEqualTo("SENT");
    assertThat(center.forResident("R-0003")).filteredOn(e -> e.requestNo().equals(requestNo)).hasSize(1);
  }

  @Test
  void aClaimOfANodeThatDiedRunsOutAndTheMessageIsSentAgainUnderTheSameKey() {
    String requestNo = write(Notice.RECEIVED);
    // another node claimed it (for two minutes) and died before sending or recording
    OffsetDateTime now = OffsetDateTime.now(java.time.Clock.fixed(ClockUtil.now().toInstant(), CST));
    assertThat(outbox.claimDue(now, now.plusMinutes(2), 50)).extracting(Outbox.Message::requestNo)
        .contains(requestNo);

    assertThat(dispatcher.deliverDue()).isZero();
    at(WEDNESDAY_TEN.plusMinutes(1));
    assertThat(dispatcher.deliverDue()).isZero();
    at(WEDNESDAY_TEN.plusMinutes(2).plusSeconds(1));
    assertThat(dispatcher.deliverDue()).isEqualTo(1);
    assertThat(message(requestNo).status()).isEqualTo("SENT");
    GATEWAY.verify(1, postRequestedFor(urlEqualTo("/sms/send"))
        .withHeader("Idempotency-Key", equalTo(message(requestNo).dedupeKey())));
  }
}
