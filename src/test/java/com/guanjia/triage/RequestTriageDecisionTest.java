package com.guanjia.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestTriageDecisionTest {

    private static final String RESOURCE = "processes/request-triage.dmn";

    private static final List<String> TYPES =
            List.of("REPAIR", "COMPLAINT", "HELP", "INQUIRY", "ESCORT", "SUGGESTION");

    private static final List<String> CATEGORIES = List.of(
            "WATER_ELECTRIC", "DRAIN", "ELEVATOR", "HEATING", "FACILITY", "CLEANING", "GREENING",
            "SECURITY", "PARKING", "NOISE", "STAFF_ATTITUDE", "CONSTRUCTION_DEFECT", "OTHER");

    private static final Set<String> GROUPS =
            Set.of("maintenance", "cleaning", "security", "landscaping", "butler", "supervisor");

    private static final Set<String> PRIORITIES = Set.of("URGENT", "HIGH", "NORMAL", "LOW");

    private static final List<String> TARGETS = List.of(
            "responseTarget", "onSiteTarget", "planTarget", "resolveTarget", "escalationInterval");

    private static final String HAZARD_FREE = "卫生间水龙头滴水，麻烦来看看";

    /** Ids of the rules the last evaluation matched (after the FIRST hit policy). */
    private static final List<String> matchedRuleIds = new ArrayList<>();

    private static DmnEngine engine;
    private static DmnDecision decision;

    @BeforeAll
    static void parseDecision() throws Exception {
        DmnEngineConfiguration configuration = DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        DmnDecisionTableEvaluationListener recorder = new DmnDecisionTableEvaluationListener() {
            @Override
            public void notify(DmnDecisionTableEvaluationEvent event) {
                for (DmnEvaluatedDecisionRule rule : event.getMatchingRules()) {
                    matchedRuleIds.add(rule.getId());
                }
            }
        };
        ((DefaultDmnEngineConfiguration) configuration)
                .customPostDecisionTableEvaluationListeners(List.of(recorder));
        engine = configuration.buildEngine();
        try (InputStream model = RequestTriageDecisionTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assertThat(model).as(RESOURCE + " on the classpath").isNotNull();
            decision = engine.parseDecision("request-triage", model);
        }
    }

    @BeforeEach
    void forgetMatchedRules() {
        matchedRuleIds.clear();
    }

    private static DmnDecisionTableResult evaluate(String type, String category, String description) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("type", type);
        variables.put("category", category);
        variables.put("description", description);
        return engine.evaluateDecisionTable(decision, variables);
    }

    /** As the case starts it: the resident's special needs ({@code residentNeeds}) set, null when none. */
    private static DmnDecisionRuleResult triage(String type, String category, String description, String needs) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("type", type);
        variables.put("category", category);
        variables.put("description", description);
        variables.put("residentNeeds", needs);
        DmnDecisionTableResult result = engine.evaluateDecisionTable(decision, variables);
        assertThat(result).as("%s/%s", type, category).hasSize(1);
        return result.getSingleResult();
    }

    @Test
    void aProjectWithARuleOfItsOwnGetsItAndEveryOtherProjectTheCompanys() throws Exception {
        // a supervisor gives project P09 a faster on-site target for water repairs: a rule above the company's
        String xml;
        try (InputStream model = RequestTriageDecisionTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            xml = new String(model.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        int start = xml.indexOf("<rule id=\"Rule_Repair_WaterDrain\">");
        String companyRule = xml.substring(start, xml.indexOf("</rule>", start) + "</rule>".length());
        String projectRule = companyRule.replace("Rule_Repair_WaterDrain", "Rule_P09_Repair_WaterDrain")
            .replaceFirst("(<inputEntry id=\"Rule_P09_Repair_WaterDrain_Project\">\\s*<text>)(</text>)", "$1\"P09\"$2")
            .replaceFirst("(<outputEntry id=\"Rule_P09_Repair_WaterDrain_OnSiteTarget\">\\s*<text>)[^<]*(</text>)",
                "$1\"PT10M\"$2");
        assertThat(projectRule).contains("\"P09\"", "\"PT10M\"");
        int first = xml.indexOf("<rule ");
        String withProjectRule = xml.substring(0, first) + projectRule + "\n      " + xml.substring(first);
        DmnDecision edited = engine.parseDecision("request-triage",
            new java.io.ByteArrayInputStream(withProjectRule.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        java.util.function.Function<String, String> onSite = project -> {
            Map<String, Object> variables = new HashMap<>();
            variables.put("type", "REPAIR");
            variables.put("category", "DRAIN");
            variables.put("description", HAZARD_FREE);
            variables.put("projectId", project);
            return engine.evaluateDecisionTable(edited, variables).getSingleResult().getEntry("onSiteTarget");
        };
        assertThat(onSite.apply("P09")).isEqualTo("PT10M");
        assertThat(onSite.apply("P01")).as("a project without rules of its own").isEqualTo("PT15M");
        assertThat(onSite.apply(null)).as("a request of no project").isEqualTo("PT15M");
    }

    @Test
    void aSpecialNeedsResidentsRequestIsKeyWhateverItsKind() {
        for (String[] kind : new String[][] {{"REPAIR", "DRAIN"}, {"REPAIR", "HEATING"}, {"HELP", "OTHER"},
            {"INQUIRY", "PARKING"}, {"SUGGESTION", "GREENING"}}) {
            var withNeeds = triage(kind[0], kind[1], "厨房水龙头关不紧", "ELDERLY,HARD_OF_HEARING");
            var without = triage(kind[0], kind[1], "厨房水龙头关不紧", null);
            assertThat(keyItem(withNeeds)).as("%s/%s for an elderly resident", kind[0], kind[1]).isTrue();
            assertThat(keyItem(without)).as("%s/%s", kind[0], kind[1]).isFalse();
            // only the KEY flag: group, priority and targets are the kind's own
            assertThat(string(withNeeds, "responsibleGroup")).isEqualTo(string(without, "responsibleGroup"));
            assertThat(string(withNeeds, "priority")).isEqualTo(string(without, "priority"));
            assertThat(string(withNeeds, "resolveTarget")).isEqualTo(string(without, "resolveTarget"));
        }
        assertThat(keyItem(triage("REPAIR", "WATER_ELECTRIC", "灯不亮", "DISABLED"))).isTrue();
    }

    private static DmnDecisionRuleResult triage(String type, String category, String description) {
        DmnDecisionTableResult result = evaluate(type, category, description);
        assertThat(result).as("%s/%s", type, category).hasSize(1);
        return result.getSingleResult();
    }

    private static String string(DmnDecisionRuleResult entries, String name) {
        return entries.getEntry(name);
    }

    private static boolean keyItem(DmnDecisionRuleResult entries) {
        return entries.<Boolean>getEntry("keyItem");
    }

    private static void assertTargets(DmnDecisionRuleResult entries, String... expected) {
        assertThat(TARGETS.stream().map(name -> string(entries, name)).toList()).containsExactly(expected);
    }

    /** Every target is an ISO-8601 duration such as "PT15M" or "P1D" (the form Duration.parse reads). */
    private static void assertIsoDuration(String combination, String target, String value) {
        assertThat(value).as("%s %s", combination, target).isNotBlank();
        assertThatCode(() -> Duration.parse(value)).as("%s %s=%s", combination, target, value)
                .doesNotThrowAnyException();
        assertThat(Duration.parse(value)).as("%s %s=%s", combination, target, value).isPositive();
    }

    @Test
    void elevatorFaultIsUrgentForMaintenance() {
        for (String type : List.of("REPAIR", "HELP", "COMPLAINT")) {
            DmnDecisionRuleResult result = triage(type, "ELEVATOR", "3号楼电梯门关不上");
            assertThat(string(result, "priority")).isEqualTo("URGENT");
            assertThat(keyItem(result)).isTrue();
            assertThat(string(result, "responsibleGroup")).isEqualTo("maintenance");
            assertTargets(result, "PT5M", "PT15M", "PT30M", "PT4H", "PT30M");
        }
    }

    @Test
    void securityIncidentHelpIsUrgentForSecurity() {
        DmnDecisionRuleResult result = triage("HELP", "SECURITY", "有陌生人在楼道里撬门");
        assertThat(string(result, "priority")).isEqualTo("URGENT");
        assertThat(keyItem(result)).isTrue();
        assertThat(string(result, "responsibleGroup")).isEqualTo("security");
        assertThat(string(result, "onSiteTarget")).isEqualTo("PT10M");
    }

    @Test
    void repairPromisesSiteInFifteenMinutesAndPlanInAnHour() {
        for (String category : CATEGORIES) {
            DmnDecisionRuleResult result = triage("REPAIR", category, HAZARD_FREE);
            if (Set.of("ELEVATOR", "STAFF_ATTITUDE", "CONSTRUCTION_DEFECT").contains(category)) {
                continue; // handled by the elevator, attitude and construction-defect rules
            }
            assertThat(string(result, "onSiteTarget")).as(category).isEqualTo("PT15M");
            assertThat(string(result, "planTarget")).as(category).isEqualTo("PT1H");
            assertThat(keyItem(result)).as(category).isFalse();
        }
        DmnDecisionRuleResult heating = triage("REPAIR", "HEATING", "暖气片不热");
        assertThat(string(heating, "priority")).isEqualTo("HIGH");
        assertThat(string(heating, "resolveTarget")).isEqualTo("PT8H");
    }

    @Test
    void gasSmellInDescriptionMakesAWaterRepairUrgent() {
        DmnDecisionRuleResult plain = triage("REPAIR", "WATER_ELECTRIC", HAZARD_FREE);
        assertThat(string(plain, "priority")).isEqualTo("NORMAL");

        // the keyword sits in the middle of the text: FEEL matches() must find it, not match the whole string
        DmnDecisionRuleResult gas = triage("REPAIR", "WATER_ELECTRIC", "厨房热水器旁边闻到很重的燃气味，请尽快来人");
        assertThat(string(gas, "priority")).isEqualTo("URGENT");
        assertThat(keyItem(gas)).isTrue();
        assertThat(string(gas, "responsibleGroup")).isEqualTo("maintenance");
        assertTargets(gas, "PT5M", "PT15M", "PT30M", "PT4H", "PT30M");
    }

    @Test
    void hazardKeywordsAreFoundAnywhereInTheDescription() {
        for (String description : List.of("燃气", "楼下车库被水淹了", "2栋整栋楼停电", "配电箱冒烟了！", "有人被困在地下室")) {
            assertThat(string(triage("HELP", "FACILITY", description), "priority"))
                    .as(description).isEqualTo("URGENT");
        }
    }

    /**
     * Issue 15: a leak, a burst pipe, no water, no power, someone hurt, fainted or trapped endanger people or
     * property (R2): urgent, on the 24-hour clock. The words are data in the table's 危险 input.
     */
    @Test
    void leaksBurstPipesOutagesInjuriesFaintingAndTrappedPeopleAreUrgent() {
        for (String[] request : new String[][] {{"REPAIR", "WATER_ELECTRIC", "卫生间顶上漏水，往下滴"},
            {"REPAIR", "DRAIN", "楼道里爆管了"}, {"REPAIR", "WATER_ELECTRIC", "家里突然停水了"},
            {"HELP", "WATER_ELECTRIC", "整个单元停电"}, {"HELP", "OTHER", "老人在小区里摔倒受伤了"},
            {"HELP", "OTHER", "有人在3号楼门口晕倒"}, {"HELP", "FACILITY", "孩子被困在地库电梯厅"}}) {
            DmnDecisionRuleResult result = triage(request[0], request[1], request[2]);
            assertThat(string(result, "priority")).as(request[2]).isEqualTo("URGENT");
            assertThat(keyItem(result)).as(request[2]).isTrue();
        }
    }

    /** Issue 15: the registrar raised it to urgent (with a reason the case records): urgent, whatever the words. */
    @Test
    void aRequestTheRegistrarRaisedIsUrgent() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("type", "HELP");
        variables.put("category", "OTHER");
        variables.put("description", "请尽快来3号楼2单元");
        variables.put("urgentRaised", true);
        DmnDecisionRuleResult raised = engine.evaluateDecisionTable(decision, variables).getSingleResult();
        assertThat(string(raised, "priority")).isEqualTo("URGENT");
        variables.put("urgentRaised", false);
        assertThat(string(engine.evaluateDecisionTable(decision, variables).getSingleResult(), "priority"))
            .isEqualTo("NORMAL");
    }

    @Test
    void hazardOutsideTechnicalCategoriesSendsSecurity() {
        DmnDecisionRuleResult result = triage("COMPLAINT", "PARKING", "地库有车辆起火，浓烟很大");
        assertThat(string(result, "priority")).isEqualTo("URGENT");
        assertThat(string(result, "responsibleGroup")).isEqualTo("security");
    }

    @Test
    void missingDescriptionIsNoHazard() {
        DmnDecisionRuleResult result = triage("REPAIR", "DRAIN", null);
        assertThat(string(result, "priority")).isEqualTo("NORMAL");
        assertThat(string(result, "responsibleGroup")).isEqualTo("maintenance");
    }

    @Test
    void hazardWordsInAnInquiryDoNotEscalate() {
        DmnDecisionRuleResult result = triage("INQUIRY", "WATER_ELECTRIC", "请问明天停电几点恢复？");
        assertThat(string(result, "priority")).isEqualTo("LOW");
        assertThat(string(result, "responsibleGroup")).isEqualTo("butler");
    }

    @Test
    void attitudeComplaintGoesToSupervisor() {
        DmnDecisionRuleResult result = triage("COMPLAINT", "STAFF_ATTITUDE", "前台客服说话很不耐烦");
        assertThat(string(result, "priority")).isEqualTo("HIGH");
        assertThat(keyItem(result)).isTrue();
        assertThat(string(result, "responsibleGroup")).isEqualTo("supervisor");
    }

    @Test
    void complaintsAreKeyItems() {
        for (String category : CATEGORIES) {
            assertThat(keyItem(triage("COMPLAINT", category, HAZARD_FREE))).as(category).isTrue();
        }
        assertThat(string(triage("COMPLAINT", "CLEANING", "垃圾两天没清"), "responsibleGroup")).isEqualTo("cleaning");
        assertThat(string(triage("COMPLAINT", "GREENING", "草坪没人修剪"), "responsibleGroup")).isEqualTo("landscaping");
        assertThat(string(triage("COMPLAINT", "NOISE", "楼上半夜装修"), "responsibleGroup")).isEqualTo("security");
    }

    @Test
    void constructionDefectStaysWithButler() {
        for (String type : List.of("REPAIR", "COMPLAINT", "HELP")) {
            DmnDecisionRuleResult result = triage(type, "CONSTRUCTION_DEFECT", "外墙渗水，交房时就有");
            assertThat(string(result, "responsibleGroup")).as(type).isEqualTo("butler");
            assertThat(keyItem(result)).as(type).isTrue();
            assertThat(string(result, "resolveTarget")).as(type).isEqualTo("P30D");
        }
    }

    @Test
    void escortIsKeyForSecurity() {
        DmnDecisionRuleResult result = triage("ESCORT", "OTHER", "明早8点接行动不便的老人去小区门口");
        assertThat(string(result, "priority")).isEqualTo("HIGH");
        assertThat(keyItem(result)).isTrue();
        assertThat(string(result, "responsibleGroup")).isEqualTo("security");
        // the booking confirmed within 15 minutes; done within an hour of the booked time (handle-escort counts it)
        assertThat(string(result, "responseTarget")).isEqualTo("PT15M");
        assertThat(string(result, "resolveTarget")).isEqualTo("PT1H");
    }

    @Test
    void inquiryAndSuggestionAreLowForButler() {
        for (String type : List.of("INQUIRY", "SUGGESTION")) {
            DmnDecisionRuleResult result = triage(type, "GREENING", "小区可以多种点花吗");
            assertThat(string(result, "priority")).as(type).isEqualTo("LOW");
            assertThat(keyItem(result)).as(type).isFalse();
            assertThat(string(result, "responsibleGroup")).as(type).isEqualTo("butler");
        }
    }

    @Test
    void unknownTypeFallsBackToButler() {
        DmnDecisionRuleResult result = triage("UNKNOWN", "OTHER", HAZARD_FREE);
        assertThat(matchedRuleIds).containsExactly("Rule_Fallback");
        assertThat(string(result, "priority")).isEqualTo("NORMAL");
        assertThat(string(result, "responsibleGroup")).isEqualTo("butler");
    }

    @Test
    void everyTypeAndCategoryGetsValidIsoTargets() {
        for (String type : TYPES) {
            for (String category : CATEGORIES) {
                for (String description : List.of(HAZARD_FREE, "楼道里有燃气味")) {
                    String combination = type + "/" + category + "/" + description;
                    matchedRuleIds.clear();
                    DmnDecisionTableResult results = evaluate(type, category, description);
                    assertThat(results).as(combination).hasSize(1);
                    DmnDecisionRuleResult result = results.getSingleResult();

                    assertThat(matchedRuleIds).as(combination).hasSize(1).doesNotContain("Rule_Fallback");
                    // progressInterval: only a long case (a construction defect) tells its progress on a clock
                    String progress = (String) result.getEntryMap().get("progressInterval");
                    assertThat(result.getEntryMap()).as(combination).hasSize(progress == null ? 10 : 11);
                    assertThat(progress).as(combination).isEqualTo(
                        "CONSTRUCTION_DEFECT".equals(category) && !Set.of("INQUIRY", "SUGGESTION", "ESCORT").contains(type)
                            ? "P7D" : null);
                    assertThat(result.getEntryMap().entrySet().stream()
                        .filter(e -> !"progressInterval".equals(e.getKey()) && e.getValue() == null)).as(combination).isEmpty();
                    // the path the case takes is the one the old model's request-type gateway took
                    String path = "ESCORT".equals(type) ? "handle-escort"
                            : "INQUIRY".equals(type) ? "handle-inquiry"
                            : "SUGGESTION".equals(type) ? "handle-feedback"
                            : "CONSTRUCTION_DEFECT".equals(category) ? "handle-construction-defect"
                            : "STAFF_ATTITUDE".equals(category) ? "handle-attitude-complaint"
                            : "handle-on-site";
                    assertThat(string(result, "handlingPath")).as(combination).isEqualTo(path);
                    assertThat(result.<Object>getEntry("confirmWithResident")).as(combination)
                            .isEqualTo(path.equals("handle-on-site") || path.equals("handle-construction-defect"));
                    assertThat(string(result, "priority")).as(combination).isIn(PRIORITIES);
                    assertThat(string(result, "responsibleGroup")).as(combination).isIn(GROUPS);
                    assertThat(result.<Object>getEntry("keyItem")).as(combination).isInstanceOf(Boolean.class);
                    for (String target : TARGETS) {
                        assertIsoDuration(combination, target, string(result, target));
                    }
                }
            }
        }
    }
}
