package com.guanjia.callback;

import static com.guanjia.process.ProcessContract.TASK_CALL_RESIDENT;

import com.guanjia.scoring.ScoreLedger;
import java.util.LinkedHashSet;
import org.springframework.stereotype.Component;

/**
 * R7: a deeply moved or a dissatisfied resident, at a callback or in the survey, is a scored fact of each who
 * served: the handler and the owner ({@code scoring-points} gives the points). Other answers score nothing.
 */
@Component
class SatisfactionScores {
  private final ScoreLedger ledger;

  SatisfactionScores(ScoreLedger ledger) {
    this.ledger = ledger;
  }

  void score(String requestNo, String satisfaction, String handler, String owner, String answerKey) {
    ScoreLedger.Kind kind = Satisfaction.DEEPLY_MOVED.name().equals(satisfaction) ? ScoreLedger.Kind.DEEPLY_MOVED
        : Satisfaction.DISSATISFIED.name().equals(satisfaction) ? ScoreLedger.Kind.DISSATISFIED : null;
    if (kind == null) {
      return;
    }
    var served = new LinkedHashSet<String>();
    if (handler != null) {
      served.add(handler);
    }
    if (owner != null) {
      served.add(owner);
    }
    for (String member : served) {
      ledger.record(String.join(":", requestNo, kind.name(), answerKey, member), kind, member, requestNo,
          TASK_CALL_RESIDENT, null, null);
    }
  }
}
