package com.guanjia.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The month's assessment (月度考核, R7) as {@code monthly-scorecards} runs it: the scorecards are computed and kept for
 * quality's review; when quality confirms, the month is frozen (its scorecards no longer change, a later fact counts in
 * the next month); who failed this month and the month before is flagged for a retraining review (people decide).
 */
@Service
public class MonthlyScorecards {
  private final Scorecards scorecards;
  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  private final ScoreLedger ledger;

  MonthlyScorecards(Scorecards scorecards, ScoreLedger ledger, JdbcClient jdbc, ObjectMapper json, Clock clock) {
    this.ledger = ledger;
    this.scorecards = scorecards;
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** What quality reviews: how many were scored, passed and failed, and who failed. */
  public record Computed(YearMonth month, int scored, int passed, int failed, List<String> failedNames,
      boolean frozen) {}

  /** Computes the month's scorecards and keeps them for review (again, when the month is not yet frozen). */
  public Computed compute(YearMonth month) {
    if (frozen(month)) {
      List<Scorecards.Scorecard> kept = kept(month).orElseThrow();
      return summary(month, kept, true);
    }
    List<Scorecards.Scorecard> cards = scorecards.month(month);
    jdbc.sql("delete from scorecard where scored_month = ?").param(month.toString()).update();
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (var card : cards) {
      jdbc.sql("""
              insert into scorecard (scored_month, staff_user_id, passed, composite, card, computed_at)
              values (?, ?, ?, ?, ?, ?)""")
          .params(month.toString(), card.staffId(), card.passed(), card.composite(), write(card), now).update();
    }
    return summary(month, cards, false);
  }

  /** A zone staff member their supervisor rates for the month (no supervisor on file: any supervisor). */
  public record Ratee(String staffId, String name, String supervisorId) {}

  /** Who is rated for the month: every active member of staff who serves a zone. */
  public List<Ratee> ratees() {
    return jdbc.sql("""
            select s.user_id, s.display_name, s.supervisor_id from staff_member s
             where s.active and exists (select 1 from zone_staff z where z.user_id = s.user_id)
             order by s.user_id""")
        .query((rs, n) -> new Ratee(rs.getString(1), rs.getString(2), rs.getString(3))).list();
  }

  /** The supervisor's rating of a staff member for the month, 1–5 with a note (again: the later one counts). */
  public void rate(YearMonth month, String staffId, String by, int rating, String note) {
    jdbc.sql("delete from supervisor_rating where scored_month = ? and staff_user_id = ?")
        .params(month.toString(), staffId).update();
    jdbc.sql("""
            insert into supervisor_rating (scored_month, staff_user_id, rated_by, rating, note, rated_at)
            values (?, ?, ?, ?, ?, ?)""")
        .params(month.toString(), staffId, by == null ? "system" : by, rating, note, OffsetDateTime.now(clock))
        .update();
  }

  /** Quality confirmed: the month's scorecards are final. */
  public void freeze(YearMonth month, String by) {
    jdbc.sql("""
            insert into scorecard_month (scored_month, frozen_at, frozen_by)
            select ?, ?, ? from (values (1)) as one (x)
             where not exists (select 1 from scorecard_month where scored_month = ?)""")
        .params(month.toString(), OffsetDateTime.now(clock), by == null ? "system" : by, month.toString()).update();
  }

  public boolean frozen(YearMonth month) {
    return ledger.frozen(month);
  }

  /** The month's scorecards: those quality confirmed, or for a month not confirmed yet, computed now. */
  public List<Scorecards.Scorecard> cards(YearMonth month) {
    return frozen(month) ? kept(month).orElseGet(() -> scorecards.month(month)) : scorecards.month(month);
  }

  /** Members of staff who failed this month and the month before (both as kept): to be reviewed for retraining. */
  public List<String> failedTwice(YearMonth month) {
    return jdbc.sql("""
            select this_month.staff_user_id from scorecard this_month
              join scorecard last_month on last_month.staff_user_id = this_month.staff_user_id
                                       and last_month.scored_month = ?
             where this_month.scored_month = ? and this_month.passed = false and last_month.passed = false
             order by this_month.staff_user_id""")
        .params(month.minusMonths(1).toString(), month.toString()).query(String.class).list();
  }

  /** The month's scorecards as computed for review or frozen, if they were computed. */
  public Optional<List<Scorecards.Scorecard>> kept(YearMonth month) {
    List<String> cards = jdbc.sql("select card from scorecard where scored_month = ? order by staff_user_id")
        .param(month.toString()).query(String.class).list();
    if (cards.isEmpty()) {
      return Optional.empty();
    }
    List<Scorecards.Scorecard> read = new ArrayList<>();
    for (String card : cards) {
      try {
        read.add(json.readValue(card, Scorecards.Scorecard.class));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("scorecard of " + month + " unreadable", e);
      }
    }
    return Optional.of(read);
  }

  private Computed summary(YearMonth month, List<Scorecards.Scorecard> cards, boolean frozen) {
    int passed = (int) cards.stream().filter(c -> Boolean.TRUE.equals(c.passed())).count();
    List<String> failed = cards.stream().filter(c -> Boolean.FALSE.equals(c.passed()))
        .map(c -> c.name() + "（" + c.staffId() + "，" + c.composite() + " 分）").toList();
    int scored = (int) cards.stream().filter(c -> c.passed() != null).count();
    return new Computed(month, scored, passed, failed.size(), failed, frozen);
  }

  private String write(Scorecards.Scorecard card) {
    try {
      return json.writeValueAsString(card);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
