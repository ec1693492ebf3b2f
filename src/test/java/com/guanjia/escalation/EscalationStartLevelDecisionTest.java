package com.guanjia.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.process.Category;
import com.guanjia.test.DecisionTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code escalation-start-level} table as deployed: where a missed target's escalation starts (R4). */
class EscalationStartLevelDecisionTest {
  private static final DecisionTable TABLE = DecisionTable.parse("escalation-start-level");

  @BeforeEach
  void forget() {
    TABLE.forget();
  }

  private static int startLevel(String category, Target target) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("category", category);
    facts.put("target", target.name());
    return TABLE.evaluate(facts).getSingleResult().<Integer>getEntry("startLevel");
  }

  @Test
  void anAttitudeComplaintStartsAtTheProjectManagerForTheSupervisorIsAlreadyOnIt() {
    assertThat(startLevel("STAFF_ATTITUDE", Target.RESPONSE)).isEqualTo(2);
    assertThat(TABLE.matched()).containsExactly("Rule_StaffAttitude");
  }

  @Test
  void anyOtherRequestStartsAtTheSupervisor() {
    assertThat(startLevel("DRAIN", Target.ON_SITE)).isEqualTo(1);
    assertThat(TABLE.matched()).containsExactly("Rule_Other");
    assertThat(startLevel(null, Target.RESOLVE)).as("a request without a category").isEqualTo(1);
  }

  @Test
  void everyCategoryAndTargetStartsWhereItDidBeforeTheTable() {
    for (Category category : Category.values()) {
      for (Target target : Target.values()) {
        TABLE.forget();
        int before = "STAFF_ATTITUDE".equals(category.name()) ? 2 : 1;
        assertThat(startLevel(category.name(), target)).as("%s/%s", category, target).isEqualTo(before);
        assertThat(TABLE.matched()).as("%s/%s", category, target).hasSize(1);
      }
    }
  }
}
