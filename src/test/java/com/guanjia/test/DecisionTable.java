package com.guanjia.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;

/**
 * A decision table of {@code processes/} as deployed, on Camunda's DMN engine alone, recording the rules
 * that matched until {@link #forget()}.
 */
public final class DecisionTable {
  private final List<String> matched = new ArrayList<>();
  private final DmnEngine engine;
  private final DmnDecision decision;

  private DecisionTable(String key) {
    DmnEngineConfiguration configuration = DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    DmnDecisionTableEvaluationListener recorder = event -> event.getMatchingRules()
        .forEach(rule -> matched.add(rule.getId()));
    ((DefaultDmnEngineConfiguration) configuration).customPostDecisionTableEvaluationListeners(List.of(recorder));
    engine = configuration.buildEngine();
    try (InputStream dmn = DecisionTable.class.getClassLoader().getResourceAsStream("processes/" + key + ".dmn")) {
      decision = engine.parseDecision(key, dmn);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code processes/<key>.dmn}, decision {@code key}. */
  public static DecisionTable parse(String key) {
    return new DecisionTable(key);
  }

  public DmnDecisionTableResult evaluate(Map<String, Object> facts) {
    return engine.evaluateDecisionTable(decision, facts);
  }

  /** Ids of the rules that matched since the last {@link #forget()}. */
  public List<String> matched() {
    return matched;
  }

  public void forget() {
    matched.clear();
  }
}
