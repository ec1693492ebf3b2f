package com.guanjia.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code callback-tier} table as deployed: which follow-up each kind of closed case gets (R5). */
class CallbackTierDecisionTest {
  private static DmnEngine engine;
  private static DmnDecision decision;

  @BeforeAll
  static void parse() throws Exception {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream dmn = CallbackTierDecisionTest.class.getClassLoader()
        .getResourceAsStream("processes/callback-tier.dmn")) {
      decision = engine.parseDecision("callback-tier", dmn);
    }
  }

  /** An ordinary repair by an ordinary resident, closed outside the heating season; then the changes. */
  private static String tier(Object... changes) {
    Map<String, Object> facts = new HashMap<>(Map.of("type", "REPAIR", "category", "DRAIN", "keyItem", false,
        "escalationLevel", 0, "reopenCount", 0, "repeatRequest", false, "vip", false, "needsAssistance", false,
        "inHeatingSeason", false));
    for (int i = 0; i < changes.length; i += 2) {
      facts.put((String) changes[i], changes[i + 1]);
    }
    return engine.evaluateDecisionTable(decision, facts).getSingleResult().getSingleEntry();
  }

  @Test
  void anOrdinaryServiceIsCalledBackOnce() {
    assertThat(tier()).isEqualTo("ORDINARY");
    assertThat(tier("type", "INQUIRY", "category", "PARKING")).isEqualTo("ORDINARY");
  }

  @Test
  void complaintsEscalatedReopenedAndRepeatCasesAreKey() {
    assertThat(tier("type", "COMPLAINT", "category", "CLEANING")).isEqualTo("KEY");
    assertThat(tier("escalationLevel", 1)).isEqualTo("KEY");
    assertThat(tier("reopenCount", 2)).isEqualTo("KEY");
    assertThat(tier("repeatRequest", true)).isEqualTo("KEY");
  }

  @Test
  void vipAndSpecialNeedsResidentsAndEscortsAreKey() {
    assertThat(tier("vip", true)).isEqualTo("KEY");
    assertThat(tier("needsAssistance", true)).isEqualTo("KEY");
    assertThat(tier("type", "ESCORT", "category", "SECURITY")).isEqualTo("KEY");
  }

  @Test
  void safetyRelatedItemsAreKey() {
    assertThat(tier("category", "ELEVATOR")).isEqualTo("KEY");
    assertThat(tier("type", "HELP", "category", "SECURITY")).isEqualTo("KEY");
    assertThat(tier("keyItem", true)).as("a gas or electric hazard, triaged KEY").isEqualTo("KEY");
  }

  @Test
  void heatingInSeasonIsHeatingUnlessItIsKeyAnyway() {
    assertThat(tier("category", "HEATING", "inHeatingSeason", true)).isEqualTo("HEATING");
    assertThat(tier("category", "HEATING", "inHeatingSeason", false)).isEqualTo("ORDINARY");
    assertThat(tier("category", "HEATING", "inHeatingSeason", true, "type", "COMPLAINT")).isEqualTo("KEY");
  }

  @Test
  void missingFactsDoNotMakeACaseKey() {
    assertThat(tier("escalationLevel", null, "reopenCount", null, "vip", null)).isEqualTo("ORDINARY");
  }
}
