package com.guanjia.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Date;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The points ledger and the month's scorecards over HTTP (R7, issue 15): a missed target becomes a fact with the
 * scoring-points table's points, a supervisor annuls it on appeal (it stays, marked), a new version of the table
 * applies from its deployment on, and each reader sees what they may.
 */
@GuanjiaTest
class ScorecardApiTest {
  /** A month no other test writes facts in. */
  private static final OffsetDateTime MONTH_START = OffsetDateTime.parse("2031-03-10T10:00+08:00");
  private static final String MONTH = "2031-03";

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired RepositoryService repository;
  @Autowired MonthlyScorecards monthly;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  /** The cases this test opened, dated years ahead: closed again so that they sit on nobody's task list. */
  private final java.util.List<String> opened = new java.util.ArrayList<>();

  @AfterEach
  void resetClockAndCloseTheCases() {
    ClockUtil.reset();
    for (String requestNo : opened) {
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(requestNo).processDefinitionKey("service-request")
          .list().forEach(pi -> runtime.deleteProcessInstance(pi.getId(), "test over", true, true));
    }
  }

  /** A drain repair for R-0001 (tech1's zone) whose on-site target then passes with nobody there. */
  private String lateRepair(OffsetDateTime at) {
    ClockUtil.setCurrentTime(Date.from(at.toInstant()));
    var created = api.post("frontdesk", "/api/requests", Api.request("REPAIR", "DRAIN", "PHONE", "厨房地漏堵塞", "R-0001"));
    assertThat(created.status()).isEqualTo(201);
    String requestNo = created.json().get("requestNo").asText();
    opened.add(requestNo);
    var path = runtime.createProcessInstanceQuery().processInstanceBusinessKey(requestNo)
        .processDefinitionKey("handle-on-site").singleResult();
    var timer = management.createJobQuery().processInstanceId(path.getId())
        .activityId("BoundaryEvent_OnSiteTargetMissed").singleResult();
    ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plusSeconds(60)));
    management.executeJob(timer.getId());
    return requestNo;
  }

  private static JsonNode row(JsonNode rows, String staffId) {
    return StreamSupport.stream(rows.spliterator(), false).filter(r -> staffId.equals(r.get("staffId").asText()))
        .findFirst().orElseThrow(() -> new AssertionError(staffId + " has no row in " + rows));
  }

  @Test
  void aMissedTargetCostsItsPointsUntilASupervisorAnnulsItOnAppeal() {
    String requestNo = lateRepair(MONTH_START);

    var month = api.get("supervisor1", "/api/scorecards/" + MONTH);
    assertThat(month.status()).isEqualTo(200);
    JsonNode tech1 = row(month.json(), "tech1");
    assertThat(tech1.get("violationPoints").asInt()).isEqualTo(-2); // scoring-points: 到场超时
    assertThat(tech1.get("points").asInt()).isEqualTo(-2);
    assertThat(tech1.get("name").asText()).isEqualTo("郑海");
    assertThat(tech1.get("trade").asText()).isEqualTo("maintenance");
    assertThat(row(month.json(), "butler1").get("points").asInt()).as("a row for everyone on the staff").isZero();

    // the drill-down names the request and the step, and where the points came from
    var mine = api.get("tech1", "/api/scorecards/" + MONTH + "/tech1");
    assertThat(mine.status()).isEqualTo(200);
    JsonNode fact = mine.json().get("facts").get(0);
    assertThat(fact.get("requestNo").asText()).isEqualTo(requestNo);
    assertThat(fact.get("kind").asText()).isEqualTo("MISSED_TARGET");
    assertThat(fact.get("step").asText()).isEqualTo("ON_SITE");
    assertThat(fact.get("reason").asText()).isEqualTo("到场超时");
    assertThat(fact.get("source").asText()).startsWith("scoring-points v");
    long id = fact.get("id").asLong();

    // the appeal: only supervisors (and managers, quality) annul, with a reason
    assertThat(api.post("tech1", "/api/score-facts/" + id + "/annulment", "{\"reason\":\"业主不在家\"}").status())
        .isEqualTo(403);
    var noReason = api.post("supervisor1", "/api/score-facts/" + id + "/annulment", "{\"reason\":\" \"}");
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().get("field").asText()).isEqualTo("reason");
    var annulled = api.post("supervisor1", "/api/score-facts/" + id + "/annulment",
        "{\"reason\":\"业主临时外出，电话确认过改约\"}");
    assertThat(annulled.status()).isEqualTo(200);
    assertThat(annulled.json().get("annulled").asBoolean()).isTrue();
    assertThat(annulled.json().get("annulledBy").asText()).isEqualTo("supervisor1");
    assertThat(api.post("supervisor1", "/api/score-facts/" + id + "/annulment", "{\"reason\":\"再次\"}").status())
        .as("annulled already").isEqualTo(422);
    assertThat(api.post("supervisor1", "/api/score-facts/999999999/annulment", "{\"reason\":\"x\"}").status())
        .isEqualTo(404);

    // the score is back, the fact stays visible, marked
    assertThat(row(api.get("supervisor1", "/api/scorecards/" + MONTH).json(), "tech1").get("points").asInt()).isZero();
    JsonNode after = api.get("tech1", "/api/scorecards/" + MONTH + "/tech1").json();
    assertThat(after.get("points").asInt()).isZero();
    assertThat(after.get("facts")).hasSize(1);
    assertThat(after.get("facts").get(0).get("annulReason").asText()).isEqualTo("业主临时外出，电话确认过改约");
  }

  @Test
  void aNewVersionOfTheScoringTableAppliesFromItsDeploymentOn() throws Exception {
    OffsetDateTime day = MONTH_START.plusDays(5);
    lateRepair(day);
    String original;
    try (var in = getClass().getResourceAsStream("/processes/scoring-points.dmn")) {
      original = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    String stricter = original.replaceFirst("(<outputEntry id=\"Rule_OnSiteMissed_Points\">\\s*<text>)-2", "$1-4");
    assertThat(stricter).isNotEqualTo(original);
    var change = repository.createDeployment().name("supervisor-change").addString("scoring-points.dmn", stricter)
        .deploy();
    try {
      lateRepair(day.plusHours(1));
    } finally {
      repository.deleteDeployment(change.getId(), true);
    }
    var points = StreamSupport.stream(api.get("quality1", "/api/scorecards/" + MONTH + "/tech1").json().get("facts")
        .spliterator(), false).filter(f -> f.get("time").asText().startsWith("2031-03-15"))
        .map(f -> f.get("points").asInt()).toList();
    assertThat(points).containsExactly(-2, -4);
  }

  /** Quality confirmed May: its scorecards stay as confirmed, a fact of May arriving later counts in June. */
  @Test
  void aConfirmedMonthKeepsItsScorecardsAndALaterFactCountsInTheNext() {
    lateRepair(MONTH_START.plusMonths(2));
    monthly.compute(YearMonth.of(2031, 5));
    monthly.freeze(YearMonth.of(2031, 5), "quality1");
    lateRepair(MONTH_START.plusMonths(2).plusDays(1));

    assertThat(row(api.get("supervisor1", "/api/scorecards/2031-05").json(), "tech1").get("points").asInt())
        .isEqualTo(-2);
    assertThat(row(api.get("supervisor1", "/api/scorecards/2031-06").json(), "tech1").get("points").asInt())
        .isEqualTo(-2);
    JsonNode june = api.get("tech1", "/api/scorecards/2031-06/tech1").json().get("facts").get(0);
    assertThat(june.get("time").asText()).startsWith("2031-05-11");
    assertThat(june.get("note").asText()).isEqualTo("发生于 2031-05，该月考核已确认，计入 2031-06");
  }

  @Test
  void eachReadsWhatTheyMayAndExcelGetsChineseIntact() {
    String april = "2031-04";
    lateRepair(MONTH_START.plusMonths(1));

    // a member of staff reads their own row and facts, not a colleague's
    var own = api.get("tech1", "/api/scorecards/" + april);
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json()).hasSize(1);
    assertThat(own.json().get(0).get("staffId").asText()).isEqualTo("tech1");
    assertThat(api.get("tech1", "/api/scorecards/" + april + "/butler1").status()).isEqualTo(403);
    assertThat(api.get("auditor1", "/api/scorecards/" + april + "/tech1").status()).isEqualTo(200);
    assertThat(api.get("manager1", "/api/scorecards/" + april).json().size()).isGreaterThan(5);
    assertThat(api.get("admin", "/api/scorecards/" + april).status()).as("not a member of staff").isEqualTo(403);
    assertThat(api.get(null, "/api/scorecards/" + april).status()).isEqualTo(401);
    var badMonth = api.get("supervisor1", "/api/scorecards/2031-13");
    assertThat(badMonth.status()).isEqualTo(400);
    assertThat(badMonth.json().get("field").asText()).isEqualTo("month");

    // teams: the maintenance group's month carries tech1's points; a quarter waits for its three confirmed months
    var groups = api.get("quality1", "/api/scorecards/" + april + "/teams/group");
    assertThat(groups.status()).as(groups.body()).isEqualTo(200);
    JsonNode maintenance = StreamSupport.stream(groups.json().spliterator(), false)
        .filter(t -> t.get("teamId").asText().equals("maintenance")).findFirst().orElseThrow();
    assertThat(maintenance.get("points").asInt()).isLessThanOrEqualTo(-2);
    assertThat(api.get("quality1", "/api/scorecards/" + april + "/teams/zone").json().get(0).get("by").asText())
        .isEqualTo("ZONE");
    assertThat(api.get("quality1", "/api/scorecards/" + april + "/teams/floor").json().get("field").asText())
        .isEqualTo("by");
    assertThat(api.get("tech1", "/api/scorecards/" + april + "/teams/group").status()).isEqualTo(403);
    var waiting = api.get("quality1", "/api/scorecards/quarters/2031-Q2");
    assertThat(waiting.status()).isEqualTo(422);
    assertThat(waiting.json().get("field").asText()).isEqualTo("quarter");
    assertThat(waiting.json().get("detail").asText()).contains("2031-04");
    assertThat(api.get("quality1", "/api/scorecards/quarters/2031Q2").status()).isEqualTo(400);

    var csv = api.send("supervisor1", HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/api/scorecards/" + april)).header("Accept", "text/csv").GET());
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body()).startsWith("\uFEFF员工编号,姓名,岗位,月份,办理案件数,响应用时中位数(分钟)")
        .contains(",业主满意率,环节互评均分,违规积分,奖励积分,积分合计,综合得分,是否达标\r\n");
    assertThat(csv.body().lines().filter(l -> l.startsWith("tech1,")).findFirst().orElseThrow())
        .startsWith("tech1,郑海,maintenance,2031-04,0,").contains(",-2,0,-2,");
  }
}
