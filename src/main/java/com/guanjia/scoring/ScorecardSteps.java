package com.guanjia.scoring;

import com.guanjia.GuanjiaProperties;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import org.camunda.bpm.engine.delegate.JavaDelegate;
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

  /** 计算月度考核: the scorecards are computed and kept; the review form shows the summary. */
  @Bean
  JavaDelegate computeScorecardsDelegate(MonthlyScorecards monthly, Clock clock, GuanjiaProperties properties) {
    return execution -> {
      Object given = execution.getVariable(VAR_SCORED_MONTH);
      YearMonth month = given == null || given.toString().isBlank()
          ? YearMonth.now(clock.withZone(properties.timeZone())).minusMonths(1) : YearMonth.parse(given.toString());
      var computed = monthly.compute(month);
      execution.setVariable(VAR_SCORED_MONTH, month.toString());
      if (execution.getProcessBusinessKey() == null) {
        execution.setProcessBusinessKey("scorecards-" + month);
      }
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
