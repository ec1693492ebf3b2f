package com.guanjia.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code POST /api/requests} and {@code GET /api/requests/{requestNo}} over HTTP. */
@GuanjiaTest
class IntakeApiTest {
  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired org.camunda.bpm.engine.TaskService tasks;
  @Autowired org.camunda.bpm.engine.ManagementService management;
  @Autowired JdbcClient jdbc;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  private long instances() {
    return runtime.createProcessInstanceQuery().processDefinitionKey("service-request").count()
        + jdbc.sql("select count(*) from service_request").query(Long.class).single();
  }

  @Test
  void aValidRequestIsRegisteredWithANumberAnOwnerAndItsFirstTask() {
    var response = api.post("frontdesk", "/api/requests",
        Api.request("REPAIR", "DRAIN", "PHONE", "厨房地漏堵塞", "R-0001"));
    assertThat(response.status()).isEqualTo(201);
    var body = response.json();
    assertThat(body.get("requestNo").asText()).matches("GJ-\\d{8}-\\d{4}");
    assertThat(body.get("status").asText()).isEqualTo("OPEN");
    assertThat(body.get("owner").get("userId").asText()).isEqualTo("frontdesk");
    assertThat(body.get("priority").asText()).isEqualTo("NORMAL");
    assertThat(body.get("escalationLevel").asInt()).isZero();
    assertThat(body.get("openTasks").get(0).get("activityId").asText()).isEqualTo("Task_ArriveOnSite");
    assertThat(body.get("openTasks").get(0).get("candidateGroups").get(0).asText()).isEqualTo("maintenance");
    assertThat(body.get("resident").get("phone").asText()).isEqualTo("13812341234");

    var read = api.get("supervisor1", "/api/requests/" + body.get("requestNo").asText());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("type").asText()).isEqualTo("REPAIR");
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', textBlock = """
      type        | {"type":"BROKEN","category":"DRAIN","channel":"PHONE","description":"x","residentId":"R-0001"}
      type        | {"category":"DRAIN","channel":"PHONE","description":"x","residentId":"R-0001"}
      category    | {"type":"REPAIR","category":"drain","channel":"PHONE","description":"x","residentId":"R-0001"}
      channel     | {"type":"REPAIR","category":"DRAIN","channel":"FAX","description":"x","residentId":"R-0001"}
      description | {"type":"REPAIR","category":"DRAIN","channel":"PHONE","description":"","residentId":"R-0001"}
      description | {"type":"REPAIR","category":"DRAIN","channel":"PHONE","description":"   ","residentId":"R-0001"}
      residentId  | {"type":"REPAIR","category":"DRAIN","channel":"PHONE","description":"x","residentId":"R-9999"}
      residentId  | {"type":"REPAIR","category":"DRAIN","channel":"PHONE","description":"x"}
      residentId  | {"type":"ESCORT","category":"SECURITY","channel":"PATROL","description":"x"}
      urgentReason | {"type":"HELP","category":"OTHER","channel":"PHONE","description":"x","residentId":"R-0001","urgent":true}
      urgentReason | {"type":"HELP","category":"OTHER","channel":"PHONE","description":"x","residentId":"R-0001","urgent":true,"urgentReason":" "}
      urgent      | {"type":"INQUIRY","category":"OTHER","channel":"PHONE","description":"x","residentId":"R-0001","urgent":true,"urgentReason":"急"}
      body        | {"type":"REPAIR",
      body        | ["REPAIR"]
      body        | {"type":["REPAIR"],"category":"DRAIN","channel":"PHONE","description":"x","residentId":"R-0001"}
      """)
  void badInputIsRejectedNamingTheFieldAndCreatesNothing(String field, String json) {
    long before = instances();
    var response = api.post("frontdesk", "/api/requests", json);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("field").asText()).isEqualTo(field);
    assertThat(instances()).isEqualTo(before);
  }

  @Test
  void aSpecialNeedsResidentsRepairIsKeyFromTriageOnAndTheirNeedsGoWithTheCase() {
    // R-0002 is elderly and hard of hearing, R-0001 has no special needs
    var elderly = api.post("frontdesk", "/api/requests", Api.request("REPAIR", "WATER_ELECTRIC", "PHONE", "卧室灯不亮", "R-0002"));
    var other = api.post("frontdesk", "/api/requests", Api.request("REPAIR", "WATER_ELECTRIC", "PHONE", "卧室灯不亮", "R-0001"));
    assertThat(elderly.json().get("keyItem").asBoolean()).isTrue();
    assertThat(other.json().get("keyItem").asBoolean()).isFalse();
    String caseId = runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(elderly.json().get("requestNo").asText()).processDefinitionKey("service-request")
        .singleResult().getId();
    assertThat(runtime.getVariable(caseId, "residentNeeds")).isEqualTo("ELDERLY,HARD_OF_HEARING");
    // the request belongs to its resident's project (管理处): recorded, and a request-triage input
    assertThat(runtime.getVariable(caseId, "projectId")).isEqualTo("P01");
    assertThat(jdbc.sql("select project_id from service_request where request_no = ?")
        .param(elderly.json().get("requestNo").asText()).query(String.class).single()).isEqualTo("P01");
    // the on-site path the case called has them too (its tasks show them to the technician)
    var path = runtime.createProcessInstanceQuery().superProcessInstanceId(caseId).singleResult();
    assertThat(runtime.getVariable(path.getId(), "residentNeeds")).isEqualTo("ELDERLY,HARD_OF_HEARING");
  }

  /**
   * Issue 15: the front desk cannot mark a request urgent by its words alone; the registrar raises it, with a
   * reason the case records (request-triage reads {@code urgentRaised}).
   */
  @Test
  void aRegistrarRaisesARequestToUrgentWithAReasonTheCaseRecords() {
    var raised = api.post("frontdesk", "/api/requests", """
        {"type":"HELP","category":"OTHER","channel":"PHONE","description":"业主母亲独自在家，电话里说话含糊",
         "residentId":"R-0001","urgent":true,"urgentReason":"疑似突发疾病，需立即上门"}""");
    assertThat(raised.status()).isEqualTo(201);
    assertThat(raised.json().get("priority").asText()).isEqualTo("URGENT");
    assertThat(raised.json().get("urgentReason").asText()).isEqualTo("疑似突发疾病，需立即上门");
    String caseId = runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(raised.json().get("requestNo").asText()).processDefinitionKey("service-request")
        .singleResult().getId();
    assertThat(runtime.getVariable(caseId, "urgentRaised")).isEqualTo(true);
    assertThat(runtime.getVariable(caseId, "urgentReason")).isEqualTo("疑似突发疾病，需立即上门");

    var plain = api.post("frontdesk", "/api/requests",
        Api.request("HELP", "OTHER", "PHONE", "业主母亲独自在家，电话里说话含糊", "R-0001"));
    assertThat(plain.json().get("priority").asText()).isEqualTo("NORMAL");
  }

  @Test
  void descriptionAndLocationLengthsAreLimited() {
    String longText = "漏".repeat(2001);
    var tooLong = api.post("frontdesk", "/api/requests",
        Api.request("REPAIR", "DRAIN", "PHONE", longText, "R-0001"));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("field").asText()).isEqualTo("description");
    var atLimit = api.post("frontdesk", "/api/requests",
        Api.request("REPAIR", "DRAIN", "PHONE", "漏".repeat(2000), "R-0001"));
    assertThat(atLimit.status()).isEqualTo(201);
    var location = api.post("frontdesk", "/api/requests", """
        {"type":"REPAIR","category":"DRAIN","channel":"PHONE","description":"x","residentId":"R-0001",
         "location":"%s"}""".formatted("x".repeat(201)));
    assertThat(location.json().get("field").asText()).isEqualTo("location");
  }

  @Test
  void wrongContentTypeIsAClientError() {
    long before = instances();
    var response = api.post("frontdesk", "/api/requests", "text/plain", "hello", null);
    assertThat(response.status()).isEqualTo(415);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(instances()).isEqualTo(before);
  }

  @Test
  void patrolAndOwnersMeetingFindingsAreRegisteredLikeAnyOtherRequest() {
    var patrol = api.post("guard1", "/api/requests",
        Api.request("REPAIR", "FACILITY", "PATROL", "巡逻发现地下车库照明损坏", null));
    assertThat(patrol.status()).isEqualTo(201);
    assertThat(patrol.json().get("owner").get("userId").asText()).isEqualTo("guard1");
    var meeting = api.post("butler1", "/api/requests",
        Api.request("SUGGESTION", "GREENING", "OWNER_MEETING", "业主大会建议增加绿化带", "R-0005"));
    assertThat(meeting.status()).isEqualTo(201);
    assertThat(meeting.json().get("channel").asText()).isEqualTo("OWNER_MEETING");
  }

  @Test
  void theSameIdempotencyKeyReturnsTheSameRequestAndStartsNothingNew() {
    String body = Api.request("HELP", "OTHER", "PHONE", "钥匙锁在家里了", "R-0004");
    var first = api.post("frontdesk", "/api/requests", "application/json", body, "key-help-0001");
    long after = instances();
    var second = api.post("frontdesk", "/api/requests", "application/json", body, "key-help-0001");
    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().get("requestNo").asText()).isEqualTo(first.json().get("requestNo").asText());
    assertThat(instances()).isEqualTo(after);

    var other = api.post("frontdesk", "/api/requests", "application/json",
        Api.request("HELP", "OTHER", "PHONE", "另一件事", "R-0004"), "key-help-0001");
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.json().get("field").asText()).isEqualTo("Idempotency-Key");
  }

  @Test
  void anIdempotencyKeyBelongsToTheUserWhoSentIt() {
    String body = Api.request("HELP", "OTHER", "PHONE", "帮忙搬运快递", "R-0005");
    var mine = api.post("frontdesk", "/api/requests", "application/json", body, "key-shared-by-chance");
    var theirs = api.post("butler1", "/api/requests", "application/json", body, "key-shared-by-chance");
    assertThat(mine.status()).isEqualTo(201);
    assertThat(theirs.status()).isEqualTo(201);
    assertThat(theirs.json().get("requestNo").asText()).isNotEqualTo(mine.json().get("requestNo").asText());
  }

  @Test
  void concurrentRepeatsOfOneIdempotencyKeyStartOneCase() throws Exception {
    String body = Api.request("REPAIR", "HEATING", "PHONE", "暖气不热", "R-0003");
    List<String> numbers = parallel(10, i -> api.post("frontdesk", "/api/requests", "application/json", body,
        "key-heating-parallel").json().get("requestNo").asText());
    assertThat(Set.copyOf(numbers)).hasSize(1);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(com.guanjia.process.ProcessContract.PROCESS_SERVICE_REQUEST).processInstanceBusinessKey(numbers.get(0)).count()).isEqualTo(1);
  }

  @Test
  void fiftyConcurrentIntakesGetFiftyDistinctNumbers() throws Exception {
    List<String> numbers = parallel(50, i -> {
      var response = api.post("frontdesk", "/api/requests",
          Api.request("REPAIR", "WATER_ELECTRIC", "PHONE", "插座没电 #" + i, "R-000" + (1 + i % 6)));
      assertThat(response.status()).as(response.body()).isEqualTo(201);
      return response.json().get("requestNo").asText();
    });
    assertThat(Set.copyOf(numbers)).hasSize(50);
    assertThat(numbers).allMatch(n -> n.matches("GJ-\\d{8}-\\d{4}"));
  }

  @Test
  void anUnknownRequestNumberIs404() {
    var response = api.get("supervisor1", "/api/requests/GJ-20200101-9999");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.contentType()).startsWith("application/problem+json");
  }

  @Test
  void residentsDataIsMaskedForRolesThatDoNotNeedIt() {
    String requestNo = api.post("frontdesk", "/api/requests",
        Api.request("INQUIRY", "PARKING", "PHONE", "月卡怎么办理", "R-0001")).json().get("requestNo").asText();
    var auditor = api.get("auditor1", "/api/requests/" + requestNo).json().get("resident");
    assertThat(auditor.get("masked").asBoolean()).isTrue();
    assertThat(auditor.get("phone").asText()).isEqualTo("138****1234");
    assertThat(auditor.get("name").asText()).isEqualTo("王**");
    var butler = api.get("butler1", "/api/requests/" + requestNo).json().get("resident");
    assertThat(butler.get("phone").asText()).isEqualTo("13812341234");
  }

  private interface Call {
    String call(int i) throws Exception;
  }

  private static List<String> parallel(int n, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 16));
    try {
      List<Callable<String>> calls = IntStream.range(0, n).<Callable<String>>mapToObj(i -> () -> call.call(i)).toList();
      List<String> results = new java.util.ArrayList<>();
      for (Future<String> f : pool.invokeAll(calls)) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aClosedCaseBeingCalledBackShowsTheCallNotAsWorkOnTheCase() {
    String requestNo = api.post("frontdesk", "/api/requests", Api.request("INQUIRY", "PARKING", "PHONE",
        "访客车位怎么预约？", "R-0001")).json().get("requestNo").asText();
    String caseId = runtime.createProcessInstanceQuery().processDefinitionKey("service-request")
        .processInstanceBusinessKey(requestNo).singleResult().getId();
    tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(requestNo).singleResult().getId(),
        java.util.Map.of("resolution", "在物业 App 预约访客车位"));
    com.guanjia.test.Cases.continueAfterSavePoints(management, caseId);
    // the plan the closed case called makes its first call now
    var plan = runtime.createProcessInstanceQuery().superProcessInstanceId(caseId).singleResult();
    management.executeJob(management.createJobQuery().processInstanceId(plan.getId()).timers().singleResult().getId());
    assertThat(tasks.createTaskQuery().processInstanceId(plan.getId()).taskDefinitionKey("Task_CallResident").count())
        .isOne();

    var body = api.get("supervisor1", "/api/requests/" + requestNo).json();
    assertThat(body.get("status").asText()).isEqualTo("CLOSED");
    assertThat(body.get("closedAt").isNull()).isFalse();
    // the callback is the follow-up's (the case card lists it apart), not an open step of the case
    assertThat(body.get("openTasks")).isEmpty();
  }
}
