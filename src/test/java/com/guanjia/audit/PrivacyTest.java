package com.guanjia.audit;

import static com.guanjia.process.ProcessContract.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * R10 (issue 16): the phone numbers residents type into their request and staff into their notes are masked wherever
 * the engine keeps them — runtime, history, Tasklist, Cockpit — whichever way they came in (the API, Tasklist's start
 * form, a task's form); the description as told stays encrypted with the request and a note as written beside the
 * case, both shown to those who may see the resident's details, and each such showing is in the case's audit trail.
 */
@GuanjiaTest
class PrivacyTest {
  private static final String NUMBER = "13812345678";

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired JdbcClient jdbc;

  /** Every row of the engine's tables for this case that holds the number in clear. */
  private List<String> rowsWithTheNumber(String rootInstanceId) {
    List<String> found = new ArrayList<>();
    for (String table : List.of("ACT_RU_VARIABLE", "ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_HI_DEC_IN")) {
      String root = table.equals("ACT_RU_VARIABLE") ? "PROC_INST_ID_" : "ROOT_PROC_INST_ID_";
      String name = table.equals("ACT_HI_DEC_IN") ? "CLAUSE_NAME_" : "NAME_";
      found.addAll(jdbc.sql("select " + name + " from " + table + " where " + root + " = ? and TEXT_ like ?")
          .params(rootInstanceId, "%" + NUMBER + "%").query((rs, n) -> table + "." + rs.getString(1)).list());
    }
    return found;
  }

  @Test
  void aNumberTypedIntoTheRequestIsMaskedWhereverTheEngineKeepsIt() {
    Api api = new Api(port);
    var created = api.post("frontdesk", "/api/requests",
        Api.request("REPAIR", "WATER_ELECTRIC", "PHONE", "楼道灯坏了，请联系我 " + NUMBER, "R-0001")
            .replace("}", ",\"location\":\"1-1-0101\"}"));
    assertThat(created.status()).isEqualTo(201);
    String requestNo = created.json().get("requestNo").asText();
    String root = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_SERVICE_REQUEST)
        .processInstanceBusinessKey(requestNo).singleResult().getId();
    assertThat(runtime.getVariable(root, VAR_DESCRIPTION)).isEqualTo("楼道灯坏了，请联系我 138****5678");
    assertThat(rowsWithTheNumber(root)).isEmpty();

    // a technician's note with a number in it, written through Tasklist's form (the REST API)
    String arrive = tasks.createTaskQuery().processInstanceBusinessKey(requestNo).taskDefinitionKey(TASK_ARRIVE_ON_SITE)
        .singleResult().getId();
    assertThat(api.post("tech1", "/engine-rest/task/" + arrive + "/claim", "{\"userId\":\"tech1\"}").status())
        .isEqualTo(204);
    var done = api.post("tech1", "/engine-rest/task/" + arrive + "/submit-form", """
        {"variables":{"arrivedOnSite":{"value":true},"previousStepRating":{"value":4},
         "arrivalComment":{"value":"业主不在家，邻居说打 %s"}}}""".formatted(NUMBER));
    assertThat(done.status()).as(done.body()).isEqualTo(204);
    assertThat(rowsWithTheNumber(root)).isEmpty();

    // the registrar (customer service) reads the description as told, the auditor as stored
    var registrar = api.get("frontdesk", "/api/requests/" + requestNo);
    assertThat(registrar.json().get("description").asText()).isEqualTo("楼道灯坏了，请联系我 " + NUMBER);
    var auditor = api.get("auditor1", "/api/requests/" + requestNo);
    assertThat(auditor.json().get("description").asText()).isEqualTo("楼道灯坏了，请联系我 138****5678");
    assertThat(auditor.json().get("resident").get("phone").asText()).contains("****");
    // the technician's note as written, for those who see the resident's details; kept encrypted
    var notes = registrar.json().get("notesAsWritten");
    assertThat(notes.size()).as(registrar.body()).isEqualTo(1);
    assertThat(notes.get(0).get("variable").asText()).isEqualTo("arrivalComment");
    assertThat(notes.get(0).get("text").asText()).isEqualTo("业主不在家，邻居说打 " + NUMBER);
    assertThat(auditor.json().get("notesAsWritten").size()).isZero();
    assertThat(jdbc.sql("select count(*) from note_as_written where case_instance_id = ? and text_enc like ?")
        .params(root, "%" + NUMBER + "%").query(Long.class).single()).isZero();
    // the place is masked as the address is: the building stays
    assertThat(registrar.json().get("location").asText()).isEqualTo("1-1-0101");
    assertThat(auditor.json().get("location").asText()).isEqualTo("1-****");

    // who saw it in clear, and where, is in the trail
    var trail = api.get("auditor1", "/api/audit/requests/" + requestNo);
    assertThat(trail.body()).doesNotContain(NUMBER);
    List<String> reveals = new ArrayList<>();
    trail.json().get("events").forEach(e -> {
      if (e.get("kind").asText().equals("PERSONAL_DATA_REVEALED")) {
        reveals.add(e.get("actor").asText() + " " + e.get("detail").asText());
      }
    });
    assertThat(reveals).anySatisfy(r -> assertThat(r).startsWith("frontdesk").contains("GET /api/requests/" + requestNo));
    assertThat(reveals).noneSatisfy(r -> assertThat(r).startsWith("auditor1"));
  }

  @Test
  void tasklistsStartFormStoresTheDescriptionMaskedToo() {
    var started = new Api(port).post("frontdesk", "/engine-rest/process-definition/key/service-request/submit-form", """
        {"variables":{"type":{"value":"REPAIR"},"category":{"value":"WATER_ELECTRIC"},"channel":{"value":"WALK_IN"},
         "residentId":{"value":"R-0003"},"description":{"value":"水管漏水 身份证 33010619800101123X 电话 %s"}}}"""
        .formatted(NUMBER));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String root = started.json().get("id").asText();
    assertThat(runtime.getVariable(root, VAR_DESCRIPTION))
        .isEqualTo("水管漏水 身份证 330106********123X 电话 138****5678");
    assertThat(rowsWithTheNumber(root)).isEmpty();
    assertThat(jdbc.sql("select count(*) from ACT_HI_DETAIL where ROOT_PROC_INST_ID_ = ? and TEXT_ like ?")
        .params(root, "%19800101%").query(Long.class).single()).isZero();
  }
}
