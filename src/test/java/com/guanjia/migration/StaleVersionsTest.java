package com.guanjia.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * After an upgrade, running cases may sit on a version whose steps name a delegate the new build no
 * longer has; those versions are named, so that a supervisor moves the cases before they fail.
 */
@GuanjiaTest
class StaleVersionsTest {
  @LocalServerPort int port;
  @Autowired StaleVersions staleVersions;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;

  @Test
  void aVersionWithRunningCasesThatNamesAMissingDelegateIsNamed() {
    var model = Bpmn.createExecutableProcess("gj-test-stale").name("升级前的流程").camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_Started")
        .userTask("Task_Wait").name("等待").camundaCandidateGroups("supervisor")
        .serviceTask("Task_Tell").name("告知业主").camundaDelegateExpression("${notifyResidentDelegate}")
        .endEvent("EndEvent_Done").done();
    String deployment = repository.createDeployment().name("gj-test-stale")
        .addModelInstance("gj-test-stale.bpmn", model).deploy().getId();
    try {
      // this build has the delegate: nothing is stale
      assertThat(staleVersions.find()).noneMatch(s -> s.processDefinitionKey().equals("gj-test-stale"));
      // no running case: a build without the delegate has nothing to move either
      assertThat(staleVersions.find(bean -> !bean.equals("notifyResidentDelegate")))
          .noneMatch(s -> s.processDefinitionKey().equals("gj-test-stale"));

      runtime.startProcessInstanceByKey("gj-test-stale");
      runtime.startProcessInstanceByKey("gj-test-stale");
      assertThat(staleVersions.find(bean -> !bean.equals("notifyResidentDelegate")))
          .filteredOn(s -> s.processDefinitionKey().equals("gj-test-stale"))
          .singleElement()
          .satisfies(s -> {
            assertThat(s.version()).isEqualTo(1);
            assertThat(s.runningInstances()).isEqualTo(2);
            assertThat(s.missingBeans()).containsExactly("notifyResidentDelegate");
          });
    } finally {
      repository.deleteDeployment(deployment, true);
    }
  }

  @Test
  void supervisorsReadTheStaleVersionsOverHttpOthersMayNot() {
    Api api = new Api(port);
    var stale = api.get("supervisor1", "/api/migrations/stale");
    assertThat(stale.status()).isEqualTo(200);
    // every shipped model names only delegates this build has
    assertThat(stale.json().isArray()).isTrue();
    assertThat(stale.json()).isEmpty();
    assertThat(api.get("tech1", "/api/migrations/stale").status()).isEqualTo(403);
  }
}
