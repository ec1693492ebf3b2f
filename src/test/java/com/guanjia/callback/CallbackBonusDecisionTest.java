package com.guanjia.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code callback-bonus} table as deployed: the points a resident's satisfaction earns the staff (R7). */
class CallbackBonusDecisionTest {
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
    try (InputStream dmn = CallbackBonusDecisionTest.class.getClassLoader()
        .getResourceAsStream("processes/callback-bonus.dmn")) {
      decision = engine.parseDecision("callback-bonus", dmn);
    }
  }

  @BeforeEach
  void forget() {
    matched.clear();
  }

  private static DmnDecisionTableResult evaluate(String satisfaction) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("satisfaction", satisfaction);
    return engine.evaluateDecisionTable(decision, facts);
  }

  private static int points(Satisfaction satisfaction) {
    return evaluate(satisfaction.name()).getSingleResult().<Integer>getEntry("points");
  }

  @Test
  void aDeeplyMovedResidentEarnsTwoPoints() {
    assertThat(points(Satisfaction.DEEPLY_MOVED)).isEqualTo(2);
    assertThat(matched).containsExactly("Rule_DeeplyMoved");
  }

  @Test
  void anyOtherSatisfactionEarnsNone() {
    assertThat(points(Satisfaction.SATISFIED)).isZero();
    assertThat(points(Satisfaction.MET_EXPECTATIONS)).isZero();
    assertThat(points(Satisfaction.DISSATISFIED)).isZero();
    assertThat(matched).containsExactly("Rule_Satisfied", "Rule_MetExpectations", "Rule_Dissatisfied");
  }

  @Test
  void everySatisfactionHasOneRuleAndEarnsWhatItDidBeforeTheTable() {
    for (Satisfaction satisfaction : Satisfaction.values()) {
      matched.clear();
      // before the table: Callbacks.DEEPLY_MOVED_POINTS = 2 for DEEPLY_MOVED, nothing otherwise
      assertThat(points(satisfaction)).as(satisfaction.name())
          .isEqualTo(satisfaction == Satisfaction.DEEPLY_MOVED ? 2 : 0);
      assertThat(matched).as(satisfaction.name()).hasSize(1);
    }
  }

  @Test
  void anUnknownAnswerMatchesNoRule() {
    assertThat(evaluate("SOMETHING_ELSE")).isEmpty();
    assertThat(evaluate(null)).isEmpty();
  }
}
