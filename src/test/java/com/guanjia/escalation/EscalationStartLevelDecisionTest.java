package com.guanjia.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.process.Category;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code escalation-start-level} table as deployed: where a missed target's escalation starts (R4). */
class EscalationStartLevelDecisionTest {
  private static final List<String> matched = new ArrayList<>();
  private static DmnEngine engine;
  private static DmnDecision decision;

  @BeforeAll
  static void parse() throws Exception {
    DmnEngineConfiguration configuration = DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    DmnDecisionTableEvaluationListener recorder = event -> event.getMatchingRules()
        .forEach(rule -> matched.add(rule.getId()));
    ((DefaultDmnEngineConfiguration) configuration).customPostDecisionTableEvaluationListeners(List.of(recorder));
    engine = configuration.buildEngine();
    try (InputStream dmn = EscalationStartLevelDecisionTest.class.getClassLoader()
        .getResourceAsStream("processes/escalation-start-level.dmn")) {
      decision = engine.parseDecision("escalation-start-level", dmn);
    }
  }

  @BeforeEach
  void forget() {
    matched.clear();
  }

  private static int startLevel(String category, Target target) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("category", category);
    facts.put("target", target.name());
    return engine.evaluateDecisionTable(decision, facts).getSingleResult().<Integer>getEntry("startLevel");
  }

  @Test
  void anAttitudeComplaintStartsAtTheProjectManagerForTheSupervisorIsAlreadyOnIt() {
    assertThat(startLevel("STAFF_ATTITUDE", Target.RESPONSE)).isEqualTo(2);
    assertThat(matched).containsExactly("Rule_StaffAttitude");
  }

  @Test
  void anyOtherRequestStartsAtTheSupervisor() {
    assertThat(startLevel("DRAIN", Target.ON_SITE)).isEqualTo(1);
    assertThat(matched).containsExactly("Rule_Other");
    assertThat(startLevel(null, Target.RESOLVE)).as("a request without a category").isEqualTo(1);
  }

  @Test
  void everyCategoryAndTargetStartsWhereItDidBeforeTheTable() {
    for (Category category : Category.values()) {
      for (Target target : Target.values()) {
        matched.clear();
        int before = "STAFF_ATTITUDE".equals(category.name()) ? 2 : 1;
        assertThat(startLevel(category.name(), target)).as("%s/%s", category, target).isEqualTo(before);
        assertThat(matched).as("%s/%s", category, target).hasSize(1);
      }
    }
  }
}
