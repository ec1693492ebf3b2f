package com.guanjia.audit;

import static com.guanjia.process.ProcessContract.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.guanjia.test.Api;
import com.guanjia.test.Cases;
import com.guanjia.test.GuanjiaTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An auditor replays a repair (issue 16): registered, triaged, owned, late on site (the violation charged to the
 * technician), planned, done, confirmed, closed; every step of it is in {@code GET /api/audit/requests/{no}}, read
 * from the engine's history and Guanjia's tables, in time order, with the numbers residents type masked. When the
 * case closed its trail was sealed: an edited and a deleted row are named by {@code /verify}.
 */
@GuanjiaTest
class AuditTrailTest {
  private static final ZoneOffset CST = ZoneOffset.ofHours(8);
  private static final OffsetDateTime AUGUST_3 = OffsetDateTime.of(2032, 8, 3, 10, 0, 0, 0, CST);

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired JdbcClient jdbc;
  @Autowired org.camunda.bpm.engine.ProcessEngine engine;

  @BeforeEach
  void bindAssertions() {
    org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions.init(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private static void clockAt(OffsetDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }

  /** A repair of R-0001's, late on site, closed at +2 h 10 min. */
  private ProcessInstance aClosedRepair() {
    clockAt(AUGUST_3);
    var created = new Api(port).post("frontdesk", "/api/requests",
        Api.request("REPAIR", "WATER_ELECTRIC", "PHONE", "楼道灯坏了，请联系我 13812345678", "R-0001"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    ProcessInstance kase = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_SERVICE_REQUEST)
        .processInstanceBusinessKey(created.json().get("requestNo").asText()).singleResult();
    var onSite = management.createJobQuery().rootProcessInstanceId(kase.getId())
        .activityId("BoundaryEvent_OnSiteTargetMissed").singleResult();
    clockAt(AUGUST_3.plusMinutes(16));
    management.executeJob(onSite.getId());
    // tech1 claims 到达现场 in Tasklist (over the REST API, signed in)
    clockAt(AUGUST_3.plusMinutes(18));
    String arrive = tasks.createTaskQuery().processInstanceBusinessKey(kase.getBusinessKey())
        .taskDefinitionKey(TASK_ARRIVE_ON_SITE).singleResult().getId();
    var claimed = new Api(port).post("tech1", "/engine-rest/task/" + arrive + "/claim", "{\"userId\":\"tech1\"}");
    assertThat(claimed.status()).as(claimed.body()).isEqualTo(204);
    new Cases(runtime, tasks, jdbc, management).repairToClose(kase, AUGUST_3, 20, 40, 120, 130, "更换灯管",
        "已换好，业主另留电话 139 0000 1234");
    return kase;
  }

  private static List<JsonNode> events(JsonNode timeline) {
    List<JsonNode> events = new ArrayList<>();
    timeline.get("events").forEach(events::add);
    return events;
  }

  private static JsonNode first(List<JsonNode> events, String kind, String detailContains) {
    return events.stream().filter(e -> e.get("kind").asText().equals(kind)
            && e.get("detail").asText().contains(detailContains)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " event with " + detailContains + " in " + events));
  }

  @Test
  void anAuditorReadsTheWholeCaseInTimeOrderFromItsHistory() {
    ProcessInstance kase = aClosedRepair();
    String requestNo = kase.getBusinessKey();
    var response = new Api(port).get("auditor1", "/api/audit/requests/" + requestNo);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().get("requestNo").asText()).isEqualTo(requestNo);
    List<JsonNode> events = events(response.json());

    // in time order
    List<OffsetDateTime> times = events.stream().map(e -> OffsetDateTime.parse(e.get("time").asText())).toList();
    assertThat(times).isSortedAccordingTo(java.util.Comparator.naturalOrder());

    JsonNode registered = first(events, "REGISTERED", "REPAIR / WATER_ELECTRIC");
    assertThat(registered.get("actor").asText()).isEqualTo("frontdesk");
    assertThat(registered.get("detail").asText()).contains("PHONE");
    assertThat(OffsetDateTime.parse(registered.get("time").asText())).isEqualTo(AUGUST_3);
    // the rule of request-triage that matched, and what it decided
    JsonNode triaged = first(events, "TRIAGED", "request-triage");
    assertThat(triaged.get("detail").asText()).contains("命中规则", "priority=", "responsibleGroup=maintenance",
        "onSiteTarget=PT15M");
    first(events, "PROCESS_STARTED", "service-request 第 ");
    first(events, "PROCESS_STARTED", "handle-on-site 第 ");
    first(events, "OWNER_ASSIGNED", "首问负责人：frontdesk");
    // the missed on-site target: how late, and charged to whom (nobody had claimed it: those it was offered to)
    JsonNode missed = first(events, "TARGET_MISSED", "ON_SITE");
    assertThat(missed.get("detail").asText()).contains("逾期 1 分钟");
    assertThat(OffsetDateTime.parse(missed.get("time").asText())).isEqualTo(AUGUST_3.plusMinutes(16));
    first(events, "SCORE_FACT", "MISSED_TARGET");
    first(events, "ESCALATION_RAISED", "request-escalation");
    // the tasks: offered to, claimed, completed with the form's values (a typed phone number masked)
    JsonNode created = first(events, "TASK_CREATED", TASK_ARRIVE_ON_SITE);
    assertThat(created.get("detail").asText()).contains("交给");
    JsonNode claim = first(events, "TASK_CLAIMED", "认领" + "到达现场");
    assertThat(claim.get("actor").asText()).isEqualTo("tech1");
    assertThat(OffsetDateTime.parse(claim.get("time").asText())).isEqualTo(AUGUST_3.plusMinutes(18));
    // the engine gives the owner's step to the owner by itself
    assertThat(first(events, "TASK_CLAIMED", "指派给 frontdesk：与业主确认结果").get("actor").asText()).isEqualTo("system");
    JsonNode arrived = first(events, "TASK_COMPLETED", TASK_ARRIVE_ON_SITE);
    assertThat(arrived.get("actor").asText()).isEqualTo("tech1");
    assertThat(arrived.get("detail").asText()).contains("arrivedOnSite=true", "previousStepRating=4");
    assertThat(OffsetDateTime.parse(arrived.get("time").asText())).isEqualTo(AUGUST_3.plusMinutes(20));
    JsonNode done = first(events, "TASK_COMPLETED", TASK_PERFORM_WORK);
    assertThat(done.get("detail").asText()).contains("resolved=true", "139****1234").doesNotContain("0000 1234");
    first(events, "MESSAGE_WRITTEN", "RESIDENT");
    JsonNode closed = first(events, "CLOSED", "Task_CloseCase");
    assertThat(OffsetDateTime.parse(closed.get("time").asText())).isEqualTo(AUGUST_3.plusMinutes(130));
    // the resident's number is in no event
    assertThat(response.body()).doesNotContain("13812345678");

    // CSV for Excel: BOM, Chinese header, the same events
    var csv = new Api(port).send("auditor1", java.net.http.HttpRequest.newBuilder()
        .uri(java.net.URI.create("http://localhost:" + port + "/api/audit/requests/" + requestNo))
        .header("Accept", "text/csv").GET());
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body()).startsWith("\uFEFF时间,类别,操作人,内容,来源");
    try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new java.io.StringReader(csv.body().substring(1)))) {
      var records = parser.getRecords();
      assertThat(records).hasSize(events.size());
      for (int i = 0; i < events.size(); i++) {
        assertThat(records.get(i).get("内容")).isEqualTo(events.get(i).get("detail").asText());
        assertThat(records.get(i).get("类别")).isEqualTo(events.get(i).get("kind").asText());
      }
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void onlyThoseWhoAuditReadTheTrail() {
    ProcessInstance kase = aClosedRepair();
    String path = "/api/audit/requests/" + kase.getBusinessKey();
    Api api = new Api(port);
    for (String reader : List.of("auditor1", "supervisor1", "manager1", "quality1")) {
      assertThat(api.get(reader, path).status()).as(reader).isEqualTo(200);
    }
    for (String other : List.of("frontdesk", "tech1", "butler1", "guard1")) {
      assertThat(api.get(other, path).status()).as(other).isEqualTo(403);
    }
    assertThat(api.get(null, path).status()).isEqualTo(401);
    var unknown = api.get("auditor1", "/api/audit/requests/GJ-19990101-0001");
    assertThat(unknown.status()).isEqualTo(404);
  }

  @Test
  void theSealWrittenAtClosingNamesAnEditedAndADeletedRow() {
    ProcessInstance kase = aClosedRepair();
    String requestNo = kase.getBusinessKey();
    Api api = new Api(port);
    var intact = api.get("auditor1", "/api/audit/requests/" + requestNo + "/verify");
    assertThat(intact.status()).as(intact.body()).isEqualTo(200);
    assertThat(intact.json().get("intact").asBoolean()).isTrue();
    assertThat(intact.json().get("sealedEvents").asInt()).isGreaterThan(20);
    assertThat(intact.json().get("head").asText()).hasSize(64);

    // days later the callback falls due and a call is offered: new events after the seal, nothing it sealed moved
    var callbackDue = management.createJobQuery().rootProcessInstanceId(kase.getId()).activityId("Event_CallbackDue")
        .singleResult();
    clockAt(AUGUST_3.plusDays(3));
    management.executeJob(callbackDue.getId());
    var later = api.get("auditor1", "/api/audit/requests/" + requestNo + "/verify");
    assertThat(later.json().get("intact").asBoolean()).as(later.body()).isTrue();
    assertThat(later.json().get("laterEvents").asInt()).isPositive();

    // someone with database access makes the technician's late work someone else's and removes the violation
    String performTask = history.createHistoricTaskInstanceQuery().rootProcessInstanceId(kase.getId())
        .taskDefinitionKey(TASK_PERFORM_WORK).singleResult().getId();
    assertThat(jdbc.sql("update ACT_HI_TASKINST set ASSIGNEE_ = 'butler2' where ID_ = ?").param(performTask).update())
        .isEqualTo(1);
    long violation = jdbc.sql("select id from sla_violation where request_no = ?").param(requestNo)
        .query(Long.class).single();
    assertThat(jdbc.sql("delete from sla_violation where id = ?").param(violation).update()).isEqualTo(1);

    var tampered = api.get("auditor1", "/api/audit/requests/" + requestNo + "/verify");
    assertThat(tampered.status()).isEqualTo(200);
    assertThat(tampered.json().get("intact").asBoolean()).isFalse();
    List<String> changed = new ArrayList<>();
    tampered.json().get("changed").forEach(n -> changed.add(n.get("ref").asText()));
    List<String> missing = new ArrayList<>();
    tampered.json().get("missing").forEach(n -> missing.add(n.get("ref").asText()));
    assertThat(changed).containsExactly("ACT_HI_TASKINST:" + performTask + ":end");
    assertThat(missing).containsExactly("sla_violation:" + violation);

    // a case not closed yet has no seal to verify
    clockAt(AUGUST_3);
    var open = api.post("frontdesk", "/api/requests", Api.request("REPAIR", "WATER_ELECTRIC", "PHONE", "门锁坏了",
        "R-0001"));
    var notSealed = api.get("auditor1", "/api/audit/requests/" + open.json().get("requestNo").asText() + "/verify");
    assertThat(notSealed.status()).isEqualTo(422);
    assertThat(notSealed.body()).contains("requestNo");
  }
}
