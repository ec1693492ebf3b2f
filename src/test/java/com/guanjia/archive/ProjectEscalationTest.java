package com.guanjia.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two projects on one database: an attitude complaint nobody answers escalates to level 2, and the task goes to the
 * project manager of the resident's project — 阳光花园管理处's manager1 for a resident of Z01, the other project's
 * manager for a resident of its zone — not to every project manager.
 */
@GuanjiaTest
class ProjectEscalationTest {
  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;

  private Api.Response put(Api api, String path, String body) {
    return api.send("supervisor1", HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Registers an attitude complaint for the resident, lets its response target pass: who gets level 2? */
  private String levelTwoGoesTo(Api api, String residentId) {
    String requestNo = api.post("frontdesk", "/api/requests", Api.request("COMPLAINT", "STAFF_ATTITUDE", "PHONE",
        "保安说话很冲", residentId)).json().get("requestNo").asText();
    String caseId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(requestNo)
        .processDefinitionKey("service-request").singleResult().getId();
    var timer = management.createJobQuery().processInstanceId(caseId).activityId("BoundaryEvent_ResponseTargetMissed")
        .singleResult();
    management.setJobDuedate(timer.getId(), Date.from(Instant.now().minus(Duration.ofMinutes(1))));
    management.executeJob(timer.getId());
    var levelTwo = tasks.createTaskQuery().processInstanceBusinessKey(requestNo)
        .taskDefinitionKey("Task_EscalateToProjectManager").singleResult();
    return String.join(",", tasks.getIdentityLinksForTask(levelTwo.getId()).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
        .map(l -> l.getUserId() != null ? "user:" + l.getUserId() : "group:" + l.getGroupId()).sorted().toList());
  }

  @Test
  void levelTwoReachesTheManagerOfTheResidentsProject() {
    Api api = new Api(port);
    assertThat(put(api, "/api/staff/manager5", """
        {"displayName":"唐经理","trade":"project-manager","workPhone":"139-0000-7005"}""").status()).isEqualTo(200);
    assertThat(put(api, "/api/zones/Z05", """
        {"name":"山景区","buildings":[{"buildingId":"B55","name":"55号楼"}]}""").status()).isEqualTo(200);
    assertThat(put(api, "/api/projects/P05", """
        {"name":"山景苑管理处","supervisorId":"supervisor1","managerId":"manager5","zones":["Z05"]}""").status())
        .isEqualTo(200);
    assertThat(api.post("frontdesk", "/api/residents", """
        {"residentId":"R-P501","unitId":"55-1-0101","building":"55号楼","name":"邓涛","phone":"13900005501",
         "occupancy":"OWNER"}""").status()).isEqualTo(201);

    assertThat(levelTwoGoesTo(api, "R-P501")).isEqualTo("user:manager5");
    assertThat(levelTwoGoesTo(api, "R-0001")).isEqualTo("user:manager1");
  }
}
