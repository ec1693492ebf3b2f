package com.guanjia.scoring;

import com.guanjia.GuanjiaProperties;
import com.guanjia.process.Decisions;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * R7: one ledger of scored facts: a missed target, a broken promise, a substantiated attitude complaint, a
 * reopened case, a dissatisfied or deeply moved resident, praise. Each fact gets its points from the
 * {@code scoring-points} table (the version in force when it happened) and counts in a month: its own, or the
 * next open one when its own month's scorecards were already confirmed. Writes are keyed: a step run again
 * records nothing more. A fact is never deleted; a supervisor may annul it, with a reason.
 */
@Service
public class ScoreLedger {
  /** What may be scored; {@code scoring-points} gives each its points. */
  public enum Kind { MISSED_TARGET, BROKEN_PROMISE, ATTITUDE_COMPLAINT, REOPENED, DISSATISFIED, DEEPLY_MOVED, PRAISE }

  public record Fact(long id, String kind, String staffUserId, String requestNo, String step, OffsetDateTime occurredAt,
      String countsIn, int points, String reason, String source, String note, OffsetDateTime annulledAt,
      String annulledBy, String annulReason) {
    public boolean annulled() {
      return annulledAt != null;
    }
  }

  private static final RowMapper<Fact> FACT = (rs, n) -> new Fact(rs.getLong("id"), rs.getString("kind"),
      rs.getString("staff_user_id"), rs.getString("request_no"), rs.getString("step"),
      rs.getObject("occurred_at", OffsetDateTime.class), rs.getString("counts_in"), rs.getInt("points"),
      rs.getString("reason"), rs.getString("source"), rs.getString("note"),
      rs.getObject("annulled_at", OffsetDateTime.class), rs.getString("annulled_by"), rs.getString("annul_reason"));

  private final JdbcClient jdbc;
  private final Decisions decisions;
  private final Clock clock;
  private final GuanjiaProperties properties;

  ScoreLedger(JdbcClient jdbc, Decisions decisions, Clock clock, GuanjiaProperties properties) {
    this.jdbc = jdbc;
    this.decisions = decisions;
    this.clock = clock;
    this.properties = properties;
  }

  /**
   * Records a fact about {@code staffUserId} (or {@code group:<id>}) on request {@code requestNo}, at step
   * {@code step}; {@code target} and {@code priority} are what a missed target's points depend on.
   * @return whether it was new (false: the same key was recorded before)
   */
  public boolean record(String dedupeKey, Kind kind, String staffUserId, String requestNo, String step, String target,
      String priority) {
    // a step run again records nothing, and asks the table nothing (each question is kept in decision history)
    if (staffUserId == null || exists(dedupeKey)) {
      return false;
    }
    var points = decisions.scoringPoints(kind.name(), target, priority);
    OffsetDateTime now = OffsetDateTime.now(clock);
    YearMonth own = YearMonth.from(now.atZoneSameInstant(properties.timeZone()));
    YearMonth countsIn = own;
    while (frozen(countsIn)) {
      countsIn = countsIn.plusMonths(1);
    }
    String note = countsIn.equals(own) ? null
        : "发生于 %s，该月考核已确认，计入 %s".formatted(own, countsIn);
    return jdbc.sql("""
            insert into score_fact (dedupe_key, kind, staff_user_id, request_no, step, occurred_at, counts_in, points,
                                    reason, source, note)
            select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from (values (1)) as one (x)
             where not exists (select 1 from score_fact where dedupe_key = ?)""")
        .params(dedupeKey, kind.name(), staffUserId, requestNo, step, now, countsIn.toString(), points.points(),
            points.reason(), "scoring-points v" + points.version(), note, dedupeKey)
        .update() > 0;
  }

  /** A supervisor annuls a fact (an appeal upheld): it stays in the ledger, marked, and counts no more. */
  /** @return whether this call annulled it (false: no such fact, or annulled already) */
  public boolean annul(long id, String by, String reason) {
    return jdbc.sql("""
            update score_fact set annulled_at = ?, annulled_by = ?, annul_reason = ?
             where id = ? and annulled_at is null""")
        .params(OffsetDateTime.now(clock), by, reason, id).update() > 0;
  }

  public Optional<Fact> find(long id) {
    return jdbc.sql("select * from score_fact where id = ?").param(id).query(FACT).optional();
  }

  /** A person's facts counting in a month, annulled ones too, in the order they happened. */
  public List<Fact> of(String staffUserId, YearMonth month) {
    return jdbc.sql("select * from score_fact where staff_user_id = ? and counts_in = ? order by occurred_at, id")
        .params(staffUserId, month.toString()).query(FACT).list();
  }

  public List<Fact> forRequest(String requestNo) {
    return jdbc.sql("select * from score_fact where request_no = ? order by occurred_at, id").param(requestNo)
        .query(FACT).list();
  }

  /** Points per person in a month, annulled facts left out. */
  public record Total(String staffUserId, int violationPoints, int bonusPoints, int facts) {
    public int points() {
      return violationPoints + bonusPoints;
    }
  }

  public List<Total> totals(YearMonth month) {
    return jdbc.sql("""
            select staff_user_id,
                   coalesce(sum(case when points < 0 then points else 0 end), 0) as violation_points,
                   coalesce(sum(case when points > 0 then points else 0 end), 0) as bonus_points,
                   count(*) as facts
              from score_fact
             where counts_in = ? and annulled_at is null
             group by staff_user_id
             order by staff_user_id""")
        .param(month.toString())
        .query((rs, n) -> new Total(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))).list();
  }

  /** Whether quality confirmed the month's scorecards (its facts are final; later ones count in the next month). */
  boolean frozen(YearMonth month) {
    return jdbc.sql("select count(*) from scorecard_month where scored_month = ?").param(month.toString())
        .query(Integer.class).single() > 0;
  }

  private boolean exists(String dedupeKey) {
    return jdbc.sql("select count(*) from score_fact where dedupe_key = ?").param(dedupeKey).query(Integer.class)
        .single() > 0;
  }
}
