package com.guanjia.scoring;

import static com.guanjia.process.ProcessContract.VAR_PREVIOUS_STEP_RATING;

import static com.guanjia.process.ProcessContract.START_REQUEST_RECEIVED;

import com.guanjia.process.CaseHistory;
import com.guanjia.process.CaseInstances;
import com.guanjia.process.InvalidVariableException;
import com.guanjia.process.RequestVariables;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.stereotype.Component;

/**
 * Chain evaluation (R7): a task that follows another person's step asks {@code previousStepRating};
 * on completion the rating is stored against the step and the person it rates. The variable is then
 * removed, so the next task's rating is its own (the history keeps every value).
 */
@Component("chainRatingListener")
class ChainRatingListener implements TaskListener {
  private final CaseHistory caseHistory;
  private final StepRatings ratings;
  private final Clock clock;

  ChainRatingListener(CaseHistory caseHistory, StepRatings ratings, Clock clock) {
    this.caseHistory = caseHistory;
    this.ratings = ratings;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    var v = RequestVariables.of(task.getExecution());
    Integer rating = v.previousStepRating();
    if (rating == null) {
      // R7: the chain is the engine's rule, not only the form's: whatever completes the step (Tasklist, the REST API)
      throw new InvalidVariableException(VAR_PREVIOUS_STEP_RATING,
          "请为上一步评分，1 到 5 的整数 (previousStepRating 1-5 is required to complete this step)");
    }
    var previous = caseHistory.previousStep(CaseInstances.caseOf(task.getExecution()), task.getTaskDefinitionKey());
    String ratedActivity = previous.map(HistoricTaskInstance::getTaskDefinitionKey).orElse(START_REQUEST_RECEIVED);
    String ratedUser = previous.map(HistoricTaskInstance::getAssignee).orElse(v.registeredBy());
    ratings.record(v.requestNo(), task.getId(), task.getTaskDefinitionKey(), task.getAssignee(), ratedActivity,
        ratedUser, rating, OffsetDateTime.now(clock));
    v.clearPreviousStepRating();
  }
}
