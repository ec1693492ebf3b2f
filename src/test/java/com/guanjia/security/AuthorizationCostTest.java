package com.guanjia.security;

import static com.guanjia.process.ProcessContract.GROUP_CUSTOMER_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import com.guanjia.test.StatementCounter;
import com.guanjia.test.TestDatabase;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a staff member's authorization checks cost must not grow with the cases in the database: every
 * open case has rows in ACT_RU_AUTHORIZATION ({@link CaseAccess}), so no check may read that table whole,
 * and a closed case leaves none there.
 */
@GuanjiaTest
class AuthorizationCostTest {
  @LocalServerPort int port;
  @Autowired StatementCounter statements;
  @Autowired JdbcClient jdbc;
  @Autowired javax.sql.DataSource dataSource;
  @Autowired org.camunda.bpm.engine.TaskService tasks;
  @Autowired AccessSetup accessSetup;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  private String register() {
    var response = api.post("frontdesk", "/api/requests", Api.request("REPAIR", "DRAIN", "PHONE", "厨房地漏堵塞", "R-0001"));
    assertThat(response.status()).isEqualTo(201);
    return response.json().get("requestNo").asText();
  }

  @Test
  void staffWorkReadsNoWholeAuthorizationTable() {
    register();
    long grants = jdbc.sql("select count(*) from ACT_RU_AUTHORIZATION").query(Long.class).single();
    statements.reset();
    String requestNo = register();
    assertThat(api.get("frontdesk", "/api/requests/" + requestNo).status()).isEqualTo(200);
    assertThat(api.get("tech1", "/engine-rest/task?maxResults=500&processInstanceBusinessKey=" + requestNo).json()).hasSize(1);
    String pathId = tasks.createTaskQuery().processInstanceBusinessKey(requestNo).singleResult().getProcessInstanceId();
    assertThat(api.get("tech1", "/engine-rest/variable-instance?maxResults=500&processInstanceIdIn=" + pathId).json())
        .isNotEmpty();

    // the checks ran (the statements join the authorizations)...
    assertThat(statements.containing("ACT_RU_AUTHORIZATION")).isNotEmpty();
    // ...but none scans the table for every group that has a grant (Camunda's own narrowing of groups)
    assertThat(statements.containing("distinct(A.GROUP_ID_)")).isEmpty();
    // and no query carries a tenant condition, which drew PostgreSQL's planner to the tenant index
    assertThat(statements.containing("RES.TENANT_ID_ is null")).isEmpty();
    assertThat(statements.containing("SELF.TENANT_ID_ is null")).isEmpty();
    // the case was granted to the people who work on it: the table does grow, by a few rows a case
    assertThat(jdbc.sql("select count(*) from ACT_RU_AUTHORIZATION").query(Long.class).single()).isGreaterThan(grants);
  }

  @Test
  void aCaseIsCheckedOnceThenReadWithoutAuthorizationJoins() {
    String requestNo = register();
    statements.reset();
    assertThat(api.get("tech1", "/api/requests/" + requestNo).status()).isEqualTo(200);
    // one check whether the reader may read the case...
    assertThat(statements.containing("ACT_RU_AUTHORIZATION")).isNotEmpty();
    // ...then its history is read by instance id, with no join of the authorization table per query
    assertThat(statements.containing("ACT_HI_")).isNotEmpty()
        .noneMatch(sql -> sql.toUpperCase(java.util.Locale.ROOT).contains("ACT_RU_AUTHORIZATION"));
    // and a reader without the right still reads nothing
    assertThat(api.get("cleaner1", "/api/requests/" + requestNo).status()).isEqualTo(403);
  }

  @Test
  void aStaffTaskListFindsItsGrantsByIndexNotByReadingEveryCase() throws Exception {
    // a busy service center: thousands of open cases, each granted to the group that works on it (CaseAccess)
    List<Object[]> caseGrants = new java.util.ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      caseGrants.add(new Object[] {"gj-test-grant-" + i, GROUP_CUSTOMER_SERVICE, "gj-test-case-" + i});
    }
    var jdbcTemplate = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
    jdbcTemplate.batchUpdate("insert into ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, GROUP_ID_, RESOURCE_TYPE_, "
        + "RESOURCE_ID_, PERMS_) values (?, 1, 1, ?, 8, ?, 2)", caseGrants);
    try {
      // the part of Camunda's task-list check that picks the reader's grants on tasks and definitions
      String check = "select A.RESOURCE_ID_ from ACT_RU_AUTHORIZATION A where A.TYPE_ < 2 and (A.USER_ID_ in "
          + "('frontdesk', '*') or A.GROUP_ID_ in ('customer-service')) and ((A.RESOURCE_TYPE_ = 7 and "
          + "A.PERMS_ = 2) or (A.RESOURCE_TYPE_ = 6 and A.PERMS_ = 64))";
      // and CaseAccess's look whether one case is already granted to one group
      String granted = "select count(*) from (select distinct RES.ID_ from ACT_RU_AUTHORIZATION RES where "
          + "RES.GROUP_ID_ in ('customer-service') and RES.RESOURCE_TYPE_ = 8 and RES.RESOURCE_ID_ = "
          + "'gj-test-case-4711') c";
      if (TestDatabase.postgres()) {
        jdbcTemplate.execute("analyze ACT_RU_AUTHORIZATION");
        String plan = String.join("\n", jdbcTemplate.queryForList("explain " + check, String.class));
        // by the reader, or (the planner's choice as the rows of each kind change) by the kind of resource
        assertThat(plan).as(plan).doesNotContainIgnoringCase("Seq Scan")
            .containsAnyOf(FlatAuthorizationChecks.USER_INDEX.toLowerCase(java.util.Locale.ROOT),
                FlatAuthorizationChecks.GROUP_INDEX.toLowerCase(java.util.Locale.ROOT));
        List<String> grantedPlan = jdbcTemplate.queryForList("explain " + granted, String.class);
        assertThat(grantedPlan).as(String.join("\n", grantedPlan)).noneMatch(line -> line.contains("Seq Scan"))
            .anyMatch(line -> line.contains("Index Cond") && line.toLowerCase(java.util.Locale.ROOT)
                .contains("resource_id_"));
      } else {
        try (var connection = dataSource.getConnection();
            var indexes = connection.getMetaData().getIndexInfo(null, null, "ACT_RU_AUTHORIZATION", false, false)) {
          List<String> names = new java.util.ArrayList<>();
          while (indexes.next()) {
            names.add(indexes.getString("INDEX_NAME").toUpperCase(java.util.Locale.ROOT));
          }
          assertThat(names).contains(FlatAuthorizationChecks.USER_INDEX, FlatAuthorizationChecks.GROUP_INDEX);
        }
      }
    } finally {
      jdbcTemplate.update("delete from ACT_RU_AUTHORIZATION where ID_ like 'gj-test-grant-%'");
    }
  }

  @Test
  void registeringACaseGrantsItsReadersWithoutLookingForEarlierGrants() {
    statements.reset();
    String requestNo = register();
    // the case is new in this transaction: nothing to look for...
    assertThat(statements.containing("from ACT_RU_AUTHORIZATION RES WHERE")).filteredOn(s -> s.contains("COUNT"))
        .isEmpty();
    // ...and its readers were granted all the same
    assertThat(statements.containing("insert into ACT_RU_AUTHORIZATION")).isNotEmpty();
    assertThat(api.get("frontdesk", "/api/requests/" + requestNo).status()).isEqualTo(200);
    assertThat(api.get("tech1", "/api/requests/" + requestNo).status()).isEqualTo(200);
    assertThat(api.get("cleaner1", "/api/requests/" + requestNo).status()).isEqualTo(403);
  }

  @Test
  void aClosedCaseLeavesNoGrantForTasklistToJoinAndIsStillReadByItsPeople() {
    String requestNo = register();
    String caseId = jdbc.sql("select process_instance_id from service_request where request_no = ?").param(requestNo)
        .query(String.class).single();
    String readers = "select count(*) from ACT_RU_AUTHORIZATION where RESOURCE_ID_ = ? and (USER_ID_ in "
        + "('frontdesk', 'tech1') or GROUP_ID_ in ('customer-service', 'maintenance'))";
    // the work is on the handling path the case called
    String pathId = tasks.createTaskQuery().processInstanceBusinessKey(requestNo).singleResult().getProcessInstanceId();
    assertThat(pathId).isNotEqualTo(caseId);
    assertThat(jdbc.sql(readers).param(pathId).query(Long.class).single()).as("while it is worked on").isPositive();

    Date eta = new Date(System.currentTimeMillis() + 4 * 3600_000L);
    for (var step : List.<java.util.Map.Entry<String, java.util.Map<String, Object>>>of(
        java.util.Map.entry("Task_ArriveOnSite", java.util.Map.of("arrivedOnSite", true, "previousStepRating", 4)),
        java.util.Map.entry("Task_ProposePlan", java.util.Map.of("plan", "更换地漏芯", "eta", eta)),
        java.util.Map.entry("Task_PerformWork", java.util.Map.of("resolved", true, "resolution", "已疏通")),
        java.util.Map.entry("Task_ConfirmWithResident",
            java.util.Map.of("residentConfirmed", true, "previousStepRating", 5)))) {
      var task = tasks.createTaskQuery().processInstanceBusinessKey(requestNo).taskDefinitionKey(step.getKey())
          .singleResult();
      assertThat(task).as(step.getKey()).isNotNull();
      if (task.getAssignee() == null) {
        tasks.claim(task.getId(), "Task_ConfirmWithResident".equals(step.getKey()) ? "frontdesk" : "tech1");
      }
      tasks.complete(task.getId(), step.getValue());
    }
    // closed, its instance waits months for the callbacks: none of its people's Tasklist queries joins it...
    assertThat(jdbc.sql("select count(*) from ACT_RU_EXECUTION where ID_ = ?").param(caseId).query(Long.class)
        .single()).isOne();
    assertThat(jdbc.sql("select count(*) from ACT_RU_AUTHORIZATION where RESOURCE_ID_ in (?, ?) or ROOT_PROC_INST_ID_ = ?")
        .params(caseId, pathId, caseId).query(Long.class).single()).isZero();
    // ...and they still read it, others still do not
    assertThat(api.get("frontdesk", "/api/requests/" + requestNo).status()).isEqualTo(200);
    assertThat(api.get("tech1", "/api/requests/" + requestNo).status()).isEqualTo(200);
    assertThat(api.get("butler1", "/api/requests/" + requestNo).status()).as("the zone's butler").isEqualTo(200);
    assertThat(api.get("cleaner1", "/api/requests/" + requestNo).status()).isEqualTo(403);
    assertThat(api.get("tech1", "/engine-rest/history/process-instance?maxResults=500&processInstanceBusinessKey=" + requestNo)
        .json()).as("Camunda's history API is for those who read every case").isEmpty();
    assertThat(api.get("supervisor1", "/engine-rest/history/process-instance?maxResults=500&processInstanceBusinessKey="
        + requestNo).json()).isNotEmpty();
  }

  @Test
  void grantsOnHistoryFromEarlierVersionsBecomeCaseReadersAtStart() {
    String requestNo = register();
    String caseId = jdbc.sql("select process_instance_id from service_request where request_no = ?").param(requestNo)
        .query(String.class).single();
    // as an earlier version left them: a grant on the case's history to a user, one to a group, one on a task's
    jdbc.sql("insert into ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, USER_ID_, GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_, "
        + "PERMS_) values ('gj-old-1', 1, 1, 'cleaner1', null, 20, ?, 2), ('gj-old-2', 1, 1, null, 'security', 20, ?, 2), "
        + "('gj-old-3', 1, 1, 'cleaner1', null, 19, 'some-task', 2)").params(caseId, caseId).update();
    assertThat(api.get("cleaner1", "/api/requests/" + requestNo).status()).isEqualTo(403);

    accessSetup.run(null);
    accessSetup.run(null);

    assertThat(jdbc.sql("select count(*) from ACT_RU_AUTHORIZATION where ID_ like 'gj-old-%'").query(Long.class)
        .single()).isZero();
    assertThat(jdbc.sql("select kind || ':' || reader_id from case_reader where process_instance_id = ?").param(caseId)
        .query(String.class).list()).contains("U:cleaner1", "G:security", "U:frontdesk");
    assertThat(api.get("cleaner1", "/api/requests/" + requestNo).status()).isEqualTo(200);
    assertThat(api.get("guard1", "/api/requests/" + requestNo).status()).isEqualTo(200);
  }

  @Test
  void aTasklistFilterLooksForNoRevokesAndNoneCanBeMade() {
    register();
    String filter = api.get("frontdesk", "/engine-rest/filter?maxResults=500&resourceType=Task&name="
        + java.net.URLEncoder.encode(AccessSetup.FILTER_CLAIMABLE, java.nio.charset.StandardCharsets.UTF_8)).json()
        .get(0).get("id").asText();
    statements.reset();
    var list = api.send("frontdesk", java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
            + "/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=15"))
        .header("Content-Type", "application/json").header("Accept", "application/hal+json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(list.status()).isEqualTo(200);
    assertThat(api.post("frontdesk", "/engine-rest/filter/" + filter + "/count", "{}").status()).isEqualTo(200);
    // the checks ran, without first looking for revokes (Guanjia grants only)
    assertThat(statements.containing("ACT_RU_AUTHORIZATION")).isNotEmpty();
    assertThat(statements.containing("TYPE_ = 2")).isEmpty();

    // so a revoke, which would be ignored, is refused, as the admin would make it in Camunda's Admin
    var revoke = api.post("admin", "/engine-rest/authorization/create", "{\"type\": 2, \"permissions\": [\"ACCESS\"], "
        + "\"userId\": \"tech1\", \"groupId\": null, \"resourceType\": 0, \"resourceId\": \"tasklist\"}");
    assertThat(revoke.status()).isEqualTo(400);
    assertThat(revoke.body()).contains("grants only");
    assertThat(jdbc.sql("select count(*) from ACT_RU_AUTHORIZATION where TYPE_ = 2").query(Long.class).single())
        .isZero();
  }

  @Test
  void groupsAreCheckedAsBeforeWithoutTheNarrowing() {
    String requestNo = register();
    // a cleaner is in a group with grants, but none on this drain repair
    assertThat(api.get("cleaner1", "/api/requests/" + requestNo).status()).isEqualTo(403);
    assertThat(api.get("cleaner1", "/engine-rest/task?maxResults=500&processInstanceBusinessKey=" + requestNo).json()).isEmpty();
    // the technician's group was offered the first step
    assertThat(api.get("tech1", "/api/requests/" + requestNo).status()).isEqualTo(200);
    // the supervisors read every case through their group's grant on the definitions
    assertThat(api.get("supervisor1", "/api/requests/" + requestNo).status()).isEqualTo(200);
  }
}
