package com.guanjia.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.DecisionTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code callback-bonus} table as deployed: the points a resident's satisfaction earns the staff (R7). */
class CallbackBonusDecisionTest {
  private static final DecisionTable TABLE = DecisionTable.parse("callback-bonus");

  @BeforeEach
  void forget() {
    TABLE.forget();
  }

  private static DmnDecisionTableResult evaluate(String satisfaction) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("satisfaction", satisfaction);
    return TABLE.evaluate(facts);
  }

  private static int points(Satisfaction satisfaction) {
    return evaluate(satisfaction.name()).getSingleResult().<Integer>getEntry("points");
  }

  @Test
  void aDeeplyMovedResidentEarnsTwoPoints() {
    assertThat(points(Satisfaction.DEEPLY_MOVED)).isEqualTo(2);
    assertThat(TABLE.matched()).containsExactly("Rule_DeeplyMoved");
  }

  @Test
  void anyOtherSatisfactionEarnsNone() {
    assertThat(points(Satisfaction.SATISFIED)).isZero();
    assertThat(points(Satisfaction.MET_EXPECTATIONS)).isZero();
    assertThat(points(Satisfaction.DISSATISFIED)).isZero();
    assertThat(TABLE.matched()).containsExactly("Rule_Satisfied", "Rule_MetExpectations", "Rule_Dissatisfied");
  }

  @Test
  void everySatisfactionHasOneRuleAndEarnsWhatItDidBeforeTheTable() {
    for (Satisfaction satisfaction : Satisfaction.values()) {
      TABLE.forget();
      // before the table: Callbacks.DEEPLY_MOVED_POINTS = 2 for DEEPLY_MOVED, nothing otherwise
      assertThat(points(satisfaction)).as(satisfaction.name())
          .isEqualTo(satisfaction == Satisfaction.DEEPLY_MOVED ? 2 : 0);
      assertThat(TABLE.matched()).as(satisfaction.name()).hasSize(1);
    }
  }

  @Test
  void anUnknownAnswerMatchesNoRule() {
    assertThat(evaluate("SOMETHING_ELSE")).isEmpty();
    assertThat(evaluate(null)).isEmpty();
  }
}
