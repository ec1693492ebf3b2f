package com.guanjia.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.DecisionTable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code notice-quiet-hours} table as deployed: which resident messages go out at night too (R6). */
class NoticeQuietHoursDecisionTest {
  /** What went out at night before the table: the old {@code ResidentNotices.URGENT}. */
  private static final Set<String> SENT_AT_NIGHT = Set.of("RECEIVED", "STAFF_ON_THE_WAY", "ESCORT_BOOKED");
  private static final DecisionTable TABLE = DecisionTable.parse("notice-quiet-hours");

  @BeforeEach
  void forget() {
    TABLE.forget();
  }

  private static boolean bypass(String notice) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("notice", notice);
    return TABLE.evaluate(facts).getSingleResult().<Boolean>getEntry("bypassQuietHours");
  }

  @Test
  void theReceiptOfARequestJustMadeGoesOutAtNight() {
    assertThat(bypass("RECEIVED")).isTrue();
    assertThat(TABLE.matched()).containsExactly("Rule_Received");
  }

  @Test
  void staffOnTheWayGoesOutAtNight() {
    assertThat(bypass("STAFF_ON_THE_WAY")).isTrue();
    assertThat(TABLE.matched()).containsExactly("Rule_StaffOnTheWay");
  }

  @Test
  void aBookedEscortGoesOutAtNight() {
    assertThat(bypass("ESCORT_BOOKED")).isTrue();
    assertThat(TABLE.matched()).containsExactly("Rule_EscortBooked");
  }

  @Test
  void everythingElseWaitsForTheMorning() {
    assertThat(bypass("COMPLETED")).isFalse();
    assertThat(TABLE.matched()).containsExactly("Rule_Other");
    assertThat(bypass("SOMETHING_NEW")).as("an event the table does not know").isFalse();
  }

  @Test
  void everyEventIsDecidedAsBeforeTheTable() {
    List<String> events = Stream.concat(Arrays.stream(Notice.values()).map(Notice::name),
        Stream.of(ResidentNotices.ETA_CHANGED, ResidentNotices.CALLBACK_SURVEY)).toList();
    for (String event : events) {
      TABLE.forget();
      assertThat(bypass(event)).as(event).isEqualTo(SENT_AT_NIGHT.contains(event));
      assertThat(TABLE.matched()).as(event).hasSize(1);
    }
  }
}
