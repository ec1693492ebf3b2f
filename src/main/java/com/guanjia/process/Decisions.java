package com.guanjia.process;

import static com.guanjia.process.ProcessContract.*;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * The business decisions supervisors keep as tables in Modeler and the services ask for (issue 13):
 * each is evaluated through Camunda's {@link DecisionService}, the latest deployed version of the table,
 * so a table deployed from Modeler applies from the next question on. Plain values in, plain values out.
 *
 * <p>A table that gives no answer (no rule matched, an empty output) gets the answer that holds when
 * nothing is special: the message waits for the morning.
 */
@Component
public class Decisions {
  private final DecisionService decisions;
  private final IdentityService identity;
  private final org.camunda.bpm.engine.RepositoryService repository;

  Decisions(DecisionService decisions, IdentityService identity, org.camunda.bpm.engine.RepositoryService repository) {
    this.repository = repository;
    this.decisions = decisions;
    this.identity = identity;
  }

  /** {@code notice-quiet-hours}: whether the resident's message about {@code event} goes out at night too (R6). */
  public boolean bypassesQuietHours(String event) {
    var inputs = new HashMap<String, Object>();
    inputs.put(VAR_NOTICE, event);
    return Boolean.TRUE.equals(evaluate(DECISION_NOTICE_QUIET_HOURS, OUT_BYPASS_QUIET_HOURS, inputs));
  }

  /** A trade's weights of the month's composite score and its pass mark ({@code scorecard-rules}). */
  public record ScorecardRule(double satisfactionWeight, double onTimeWeight, double resolutionWeight,
      double ratingWeight, double supervisorWeight, double passScore) {}

  /** {@code scorecard-rules} (R7): how the composite of a member of staff of {@code trade} is weighed and passed. */
  public ScorecardRule scorecardRule(String trade) {
    var inputs = new HashMap<String, Object>();
    inputs.put("trade", trade);
    DmnDecisionResultEntries first = asTheSystem(() -> decisions.evaluateDecisionByKey(DECISION_SCORECARD_RULES)
        .variables(inputs).evaluate().getFirstResult());
    if (first == null) {
      return new ScorecardRule(0.35, 0.25, 0.2, 0.1, 0.1, 80);
    }
    return new ScorecardRule(number(first, "satisfactionWeight"), number(first, "onTimeWeight"),
        number(first, "resolutionWeight"), number(first, "ratingWeight"), number(first, "supervisorWeight"),
        number(first, "passScore"));
  }

  private static double number(DmnDecisionResultEntries entries, String name) {
    return entries.getEntry(name) instanceof Number n ? n.doubleValue() : 0;
  }

  /** What {@code scoring-points} gave a fact: its points, why, and which version of the table said so. */
  public record Points(int points, String reason, int version) {}

  /**
   * {@code scoring-points} (R7): the points of a scored fact of {@code kind} (a missed {@code target} of a request
   * of {@code priority}), from the table's latest version: a new version applies to facts from its deployment on.
   * No rule matched: no points, the kind as the reason.
   */
  public Points scoringPoints(String kind, String target, String priority) {
    var inputs = new HashMap<String, Object>();
    inputs.put("kind", kind);
    inputs.put("target", target);
    inputs.put("priority", priority);
    return asTheSystem(() -> {
      var definition = repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION_SCORING_POINTS)
          .latestVersion().withoutTenantId().singleResult();
      DmnDecisionResultEntries first = decisions.evaluateDecisionById(definition.getId()).variables(inputs).evaluate()
          .getFirstResult();
      Object points = first == null ? null : first.getEntry(OUT_POINTS);
      Object reason = first == null ? null : first.getEntry(OUT_REASON);
      return new Points(points instanceof Number n ? n.intValue() : 0, reason == null ? kind : reason.toString(),
          definition.getVersion());
    });
  }

  /** The output of the first matching rule, or null when none matched. */
  private Object evaluate(String key, String output, Map<String, Object> inputs) {
    DmnDecisionResultEntries first = asTheSystem(() -> decisions.evaluateDecisionByKey(key).variables(inputs).evaluate()
        .getFirstResult());
    return first == null ? null : first.getEntry(output);
  }

  /**
   * The system asks, not whoever is signed in on this thread (a technician changing an ETA may not evaluate
   * decisions); inside a delegate the engine checks no authorization anyway.
   */
  private <T> T asTheSystem(java.util.function.Supplier<T> question) {
    var caller = identity.getCurrentAuthentication();
    if (caller != null) {
      identity.clearAuthentication();
    }
    try {
      return question.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
