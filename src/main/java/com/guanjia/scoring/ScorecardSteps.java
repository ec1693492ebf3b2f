package com.guanjia.scoring;

import com.guanjia.GuanjiaProperties;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.Spin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps of {@code monthly-scorecards} (月度考核), each one call of {@link MonthlyScorecards}. The month is the
 * instance's {@code scoredMonth} (yyyy-MM): given when the process is started by hand, else the month before the
 * timer fired, in {@code guanjia.time-zone}.
 */
@Configuration(proxyBeanMethods = false)
class ScorecardSteps {
  static final String VAR_SCORED_MONTH = "scoredMonth";
  static final String VAR_SUMMARY = "scorecardSummary";
  static final String VAR_RETRAINING = "retrainingCandidates";
  static final String VAR_RATEES = "ratees";

  /**
   * 准备主管评定: which month (given, else the one before the timer fired), and whom the supervisors rate: every zone
   * staff member, each by their own supervisor.
   */
  @Bean
  JavaDelegate prepareRatingsDelegate(MonthlyScorecards monthly, Clock clock, GuanjiaProperties properties) {
    return execution -> {
      Object given = execution.getVariable(VAR_SCORED_MONTH);
      YearMonth month;
      try {
        // the month before the one the timer fired for: a day later, in guanjia.time-zone, then back a month, so that
        // a timer the JVM's zone fires late on the last day (or during the 1st) still scores the month just ended
        month = given == null || given.toString().isBlank()
            ? YearMonth.from(clock.instant().plus(java.time.Duration.ofDays(1)).atZone(properties.timeZone()))
                .minusMonths(1)
            : YearMonth.parse(given.toString());
      } catch (java.time.DateTimeException e) {
        throw new com.guanjia.process.InvalidVariableException(VAR_SCORED_MONTH,
            "a month is written yyyy-MM, e.g. 2026-11 (not " + given + ")");
      }
      execution.setVariable(VAR_SCORED_MONTH, month.toString());
      if (execution.getProcessBusinessKey() == null) {
        execution.setProcessBusinessKey("scorecards-" + month);
      }
      execution.setVariable(VAR_RATEES, Spin.JSON(monthly.ratees()));
    };
  }

  /**
   * 主管评定月度表现: created, the task goes to the staff member's supervisor (the group when none is on file) and
   * names whom it rates; completed, the rating (1–5) and its note are the month's.
   */
  @Bean
  TaskListener supervisorRatingListener(MonthlyScorecards monthly, com.guanjia.process.CaseHistory history) {
    return task -> {
      if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
        SpinJsonNode ratee = (SpinJsonNode) task.getVariable("ratee");
        task.setVariableLocal("staffId", ratee.prop("staffId").stringValue());
        task.setVariableLocal("staffName", ratee.prop("name").stringValue());
        if (ratee.hasProp("supervisorId") && !ratee.prop("supervisorId").isNull()) {
          task.setAssignee(ratee.prop("supervisorId").stringValue());
        }
        return;
      }
      var v = com.guanjia.process.RequestVariables.of(task);
      Integer rating = v.rating("supervisorRating");
      if (rating == null) {
        throw new com.guanjia.process.InvalidVariableException("supervisorRating",
            "请填写月度评定，1 到 5 的整数 (supervisorRating 1-5 is required)");
      }
      String note = v.text("supervisorRatingNote");
      String by = task.getAssignee();
      monthly.rate(YearMonth.parse(v.text(VAR_SCORED_MONTH)), (String) task.getVariableLocal("staffId"), by, rating,
          note == null || note.isBlank() ? null : note.strip());
      task.getExecution().removeVariable("supervisorRating");
      task.getExecution().removeVariable("supervisorRatingNote");
    };
  }

  /** 计算月度考核: the scorecards are computed (with the supervisors' ratings) and kept; the review form shows them. */
  @Bean
  JavaDelegate computeScorecardsDelegate(MonthlyScorecards monthly) {
    return execution -> {
      YearMonth month = YearMonth.parse(execution.getVariable(VAR_SCORED_MONTH).toString());
      var computed = monthly.compute(month);
      StringBuilder summary = new StringBuilder("**%s 月度考核**：共 %d 人参与考核，达标 %d 人，未达标 %d 人。"
          .formatted(month, computed.scored(), computed.passed(), computed.failed()));
      if (!computed.failedNames().isEmpty()) {
        summary.append("\n\n未达标：").append(String.join("、", computed.failedNames()));
      }
      summary.append("\n\n明细：/api/scorecards/").append(month).append("（可下载 CSV，用 Excel 打开）");
      execution.setVariable(VAR_SUMMARY, summary.toString());
    };
  }

  /** 封存月度考核: quality confirmed; those who failed this month and the one before are flagged for retraining. */
  @Bean
  JavaDelegate freezeScorecardsDelegate(MonthlyScorecards monthly, com.guanjia.process.CaseHistory history) {
    return execution -> {
      YearMonth month = YearMonth.parse(execution.getVariable(VAR_SCORED_MONTH).toString());
      // who confirmed: the review step's performer
      monthly.freeze(month, history.lastPerformer(execution.getProcessInstanceId()));
      List<String> flagged = monthly.failedTwice(month);
      execution.setVariable(VAR_RETRAINING, Spin.JSON(flagged));
    };
  }
}
