package com.guanjia.scoring;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.resident.StaffDirectory;
import com.guanjia.security.CurrentUser;
import com.guanjia.web.ConflictException;
import com.guanjia.web.ForbiddenException;
import com.guanjia.web.InvalidFieldException;
import com.guanjia.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The month's scorecards (R7) and the ledger behind them. {@code GET /api/scorecards/{yyyy-MM}}: one row per staff
 * member (JSON, or CSV for Excel with {@code Accept: text/csv}); {@code GET /api/scorecards/{yyyy-MM}/{staffId}}:
 * that person's facts with their request numbers; {@code POST /api/score-facts/{id}/annulment}: a supervisor
 * annuls a fact with a reason (an appeal). Supervisors, project managers, quality and auditors read everyone's;
 * a member of staff reads their own; annulling is for supervisors, project managers and quality.
 */
@RestController
class ScorecardController {
  static final String[] READERS = {GROUP_SUPERVISOR, GROUP_PROJECT_MANAGER, GROUP_QUALITY, GROUP_AUDITOR};
  static final String[] ANNULLERS = {GROUP_SUPERVISOR, GROUP_PROJECT_MANAGER, GROUP_QUALITY};

  private final ScoreLedger ledger;
  private final StaffDirectory staff;
  private final CurrentUser user;
  private final MonthlyScorecards monthly;
  private final TeamScorecards teams;

  ScorecardController(ScoreLedger ledger, StaffDirectory staff, CurrentUser user, MonthlyScorecards monthly,
      TeamScorecards teams) {
    this.monthly = monthly;
    this.teams = teams;
    this.ledger = ledger;
    this.staff = staff;
    this.user = user;
  }

  @GetMapping(path = "/api/scorecards/{month}", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Scorecards.Scorecard> month(@PathVariable String month) {
    return rows(parse(month));
  }

  @GetMapping(path = "/api/scorecards/{month}", produces = "text/csv")
  ResponseEntity<byte[]> monthCsv(@PathVariable String month) {
    StringBuilder csv = new StringBuilder("\uFEFF员工编号,姓名,岗位,月份,办理案件数,响应用时中位数(分钟),到场用时中位数(分钟),"
        + "方案用时中位数(分钟),完成用时中位数(分钟),及时率,问题解决率,重开率,回访答复数,业主满意率,环节互评均分,违规积分,奖励积分,"
        + "积分合计,综合得分,是否达标\r\n");
    for (var r : rows(parse(month))) {
      csv.append(String.join(",", cell(r.staffId()), cell(r.name()), cell(r.trade()), r.month(),
          String.valueOf(r.casesHandled()), value(r.medianResponseMinutes()), value(r.medianOnSiteMinutes()),
          value(r.medianPlanMinutes()), value(r.medianCompletionMinutes()), value(r.onTimeRate()),
          value(r.resolutionRate()), value(r.reopenRate()), String.valueOf(r.answered()), value(r.satisfactionRate()),
          value(r.ratingAverage()), String.valueOf(r.violationPoints()), String.valueOf(r.bonusPoints()),
          String.valueOf(r.points()), value(r.composite()),
          r.passed() == null ? "" : r.passed() ? "达标" : "未达标")).append("\r\n");
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header("Content-Disposition", "attachment; filename=\"scorecards-" + month + ".csv\"")
        .body(csv.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** {@code GET /api/scorecards/{yyyy-MM}/teams/{zone|group|project}}: the month added up per team. */
  @GetMapping(path = "/api/scorecards/{month}/teams/{by}", produces = MediaType.APPLICATION_JSON_VALUE)
  List<TeamScorecards.Team> teams(@PathVariable String month, @PathVariable String by) {
    if (!user.inAnyGroup(READERS)) {
      throw new ForbiddenException("team scorecards are read by supervisors, project managers, quality and auditors");
    }
    TeamScorecards.By grouping;
    try {
      grouping = TeamScorecards.By.valueOf(by.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException("by", "teams are by zone, group or project (not " + by + ")");
    }
    YearMonth m = parse(month);
    return teams.month(m, monthly.cards(m), grouping);
  }

  /**
   * {@code GET /api/scorecards/quarters/{yyyy-Qn}}: the quarterly composite (季度综合评估) of each member of staff,
   * from the three months quality confirmed; a quarter with a month not yet confirmed is a 422 naming it.
   */
  @GetMapping(path = "/api/scorecards/quarters/{quarter}", produces = MediaType.APPLICATION_JSON_VALUE)
  List<TeamScorecards.Quarter> quarter(@PathVariable String quarter) {
    var matcher = java.util.regex.Pattern.compile("(\\d{4})-Q([1-4])").matcher(quarter);
    if (!matcher.matches()) {
      throw new InvalidFieldException("quarter", "a quarter is written yyyy-Qn, e.g. 2026-Q4 (not " + quarter + ")");
    }
    int year = Integer.parseInt(matcher.group(1));
    int q = Integer.parseInt(matcher.group(2));
    var months = new java.util.LinkedHashMap<YearMonth, List<Scorecards.Scorecard>>();
    for (int i = 0; i < 3; i++) {
      YearMonth m = YearMonth.of(year, (q - 1) * 3 + 1 + i);
      if (!monthly.frozen(m)) {
        throw new ConflictException("quarter", m + " is not confirmed by quality yet: the quarter waits for it");
      }
      months.put(m, monthly.kept(m).orElseGet(List::of));
    }
    boolean readsAll = user.inAnyGroup(READERS);
    if (!readsAll && staff.find(user.id()).isEmpty()) {
      throw new ForbiddenException("scorecards are read by supervisors, project managers, quality, auditors and staff");
    }
    return teams.quarter(year, q, months).stream().filter(r -> readsAll || r.staffId().equals(user.id())).toList();
  }

  record FactView(long id, String kind, String requestNo, String step, OffsetDateTime time, int points, String reason,
      String source, String note, boolean annulled, String annulledBy, OffsetDateTime annulledAt, String annulReason) {
    static FactView of(ScoreLedger.Fact f) {
      return new FactView(f.id(), f.kind(), f.requestNo(), f.step(), f.occurredAt(), f.points(), f.reason(),
          f.source(), f.note(), f.annulled(), f.annulledBy(), f.annulledAt(), f.annulReason());
    }
  }

  record StaffMonth(String staffId, String name, String month, int points, List<FactView> facts) {}

  @GetMapping(path = "/api/scorecards/{month}/{staffId}", produces = MediaType.APPLICATION_JSON_VALUE)
  StaffMonth staffMonth(@PathVariable String month, @PathVariable String staffId) {
    YearMonth m = parse(month);
    if (!user.inAnyGroup(READERS) && !user.id().equals(staffId)) {
      throw new ForbiddenException("a member of staff reads their own scorecard only");
    }
    var facts = ledger.of(staffId, m);
    int points = facts.stream().filter(f -> !f.annulled()).mapToInt(ScoreLedger.Fact::points).sum();
    return new StaffMonth(staffId, staff.displayName(staffId), m.toString(), points,
        facts.stream().map(FactView::of).toList());
  }

  record Annulment(@NotBlank @Size(max = 500) String reason) {}

  @PostMapping(path = "/api/score-facts/{id}/annulment", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  FactView annul(@PathVariable long id, @Valid @RequestBody Annulment body) {
    if (!user.inAnyGroup(ANNULLERS)) {
      throw new ForbiddenException("only supervisors, project managers and quality annul a scored fact");
    }
    var fact = ledger.find(id).orElseThrow(() -> new NotFoundException("No scored fact " + id));
    if (fact.annulled()) {
      throw new ConflictException("id", "fact " + id + " was annulled already by " + fact.annulledBy());
    }
    if (!ledger.annul(id, user.id(), body.reason().strip())) {
      throw new ConflictException("id", "fact " + id + " was annulled a moment ago");
    }
    return FactView.of(ledger.find(id).orElseThrow());
  }

  private List<Scorecards.Scorecard> rows(YearMonth month) {
    boolean readsAll = user.inAnyGroup(READERS);
    if (!readsAll && staff.find(user.id()).isEmpty()) {
      throw new ForbiddenException("scorecards are read by supervisors, project managers, quality, auditors and staff");
    }
    return monthly.cards(month).stream().filter(r -> readsAll || r.staffId().equals(user.id())).toList();
  }

  private static String value(Object value) {
    return value == null ? "" : value.toString();
  }

  private static YearMonth parse(String month) {
    try {
      return YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException("month", "a month is written yyyy-MM, e.g. 2026-11 (not " + month + ")");
    }
  }

  private static String cell(String value) {
    if (value == null) {
      return "";
    }
    return value.contains(",") || value.contains("\"") || value.contains("\n")
        ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
