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
 * nothing is special: the message waits for the morning, no bonus.
 */
@Component
public class Decisions {
  private final DecisionService decisions;
  private final IdentityService identity;

  Decisions(DecisionService decisions, IdentityService identity) {
    this.decisions = decisions;
    this.identity = identity;
  }

  /** {@code notice-quiet-hours}: whether the resident's message about {@code event} goes out at night too (R6). */
  public boolean bypassesQuietHours(String event) {
    var inputs = new HashMap<String, Object>();
    inputs.put(VAR_NOTICE, event);
    return Boolean.TRUE.equals(evaluate(DECISION_NOTICE_QUIET_HOURS, OUT_BYPASS_QUIET_HOURS, inputs));
  }

  /** {@code callback-bonus}: the points each staff member who served earns for the resident's satisfaction (R7). */
  public int callbackBonus(String satisfaction) {
    var inputs = new HashMap<String, Object>();
    inputs.put(VAR_SATISFACTION, satisfaction);
    return evaluate(DECISION_CALLBACK_BONUS, OUT_BONUS_POINTS, inputs) instanceof Number points
        ? points.intValue() : 0;
  }

  /** The output of the first matching rule, or null when none matched. */
  private Object evaluate(String key, String output, Map<String, Object> inputs) {
    // the system asks, not whoever is signed in on this thread (a technician changing an ETA may not
    // evaluate decisions); inside a delegate the engine checks no authorization anyway
    var caller = identity.getCurrentAuthentication();
    if (caller != null) {
      identity.clearAuthentication();
    }
    try {
      DmnDecisionResultEntries first = decisions.evaluateDecisionByKey(key).variables(inputs).evaluate()
          .getFirstResult();
      return first == null ? null : first.getEntry(output);
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
