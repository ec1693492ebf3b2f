package com.guanjia.process;

import static com.guanjia.process.ProcessContract.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.guanjia.test.GuanjiaTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The services ask the tables in {@code processes/} through Camunda's DecisionService: the deployed
 * version answers, a version a supervisor deploys answers from then on, and an answer the models cannot
 * follow stops the step.
 */
@GuanjiaTest
class DecisionsTest {
  @Autowired Decisions decisions;
  @Autowired RepositoryService repository;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  @Test
  void theDeployedTablesAnswerAsTheOldConstantsDid() {
    assertThat(decisions.bypassesQuietHours("RECEIVED")).isTrue();
    assertThat(decisions.bypassesQuietHours("STAFF_ON_THE_WAY")).isTrue();
    assertThat(decisions.bypassesQuietHours("ESCORT_BOOKED")).isTrue();
    assertThat(decisions.bypassesQuietHours("ETA_PROMISED")).isFalse();
    assertThat(decisions.bypassesQuietHours("ETA_CHANGED")).isFalse();

    assertThat(decisions.scoringPoints("DEEPLY_MOVED", null, null).points()).isEqualTo(2);
    assertThat(decisions.scoringPoints("DEEPLY_MOVED", null, null).reason()).isEqualTo("业主深受感动");
    assertThat(decisions.scoringPoints("MISSED_TARGET", "ON_SITE", "NORMAL").points()).isEqualTo(-2);
    assertThat(decisions.scoringPoints("MISSED_TARGET", "ON_SITE", "URGENT").points()).isEqualTo(-3);
    assertThat(decisions.scoringPoints("BROKEN_PROMISE", "ETA", "NORMAL").points()).isEqualTo(-3);
    var unknown = decisions.scoringPoints("SOMETHING_NEW", null, null);
    assertThat(unknown.points()).as("no rule matches: no points").isZero();
    assertThat(unknown.reason()).isEqualTo("SOMETHING_NEW");
  }

  @Test
  void eachAnswerIsKeptInHistoryWithATimeToRemoveIt() {
    long before = history.createHistoricDecisionInstanceQuery().decisionDefinitionKey(DECISION_SCORING_POINTS).count();
    decisions.scoringPoints("DEEPLY_MOVED", null, null);
    var evaluations = history.createHistoricDecisionInstanceQuery().decisionDefinitionKey(DECISION_SCORING_POINTS)
        .orderByEvaluationTime().desc().list();
    assertThat(evaluations).hasSize((int) before + 1);
    assertThat(evaluations.get(0).getRemovalTime()).as("history cleanup removes it after its time to live").isNotNull();
  }

  @Test
  void theSystemAsksNotTheStaffMemberSignedIn() {
    // a technician changing an ETA may not evaluate decisions himself; the resident is told all the same
    identity.setAuthentication("tech1", List.of(GROUP_MAINTENANCE));
    assertThat(decisions.bypassesQuietHours("RECEIVED")).isTrue();
    assertThat(identity.getCurrentAuthentication().getUserId()).isEqualTo("tech1");
  }

  @Test
  void aTableDeployedFromModelerAnswersTheNextQuestion() throws Exception {
    String original = model("scoring-points.dmn");
    String changed = original.replaceFirst("(<outputEntry id=\"Rule_DeeplyMoved_Points\">\\s*<text>)2", "$13");
    assertThat(changed).isNotEqualTo(original);
    int version = decisions.scoringPoints("DEEPLY_MOVED", null, null).version();
    var change = repository.createDeployment().name("supervisor-change").addString("scoring-points.dmn", changed)
        .deploy();
    try {
      assertThat(decisions.scoringPoints("DEEPLY_MOVED", null, null))
          .isEqualTo(new Decisions.Points(3, "业主深受感动", version + 1));
    } finally {
      repository.deleteDeployment(change.getId(), true); // other tests count one version of each table
    }
    assertThat(decisions.scoringPoints("DEEPLY_MOVED", null, null).points()).isEqualTo(2);
  }

  private static String model(String file) throws Exception {
    try (var in = DecisionsTest.class.getResourceAsStream("/processes/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
