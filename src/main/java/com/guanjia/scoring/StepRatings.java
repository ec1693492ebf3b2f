package com.guanjia.scoring;

import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Chain ratings (R7): who rated which step of whom, from which task; one rating per task. */
@Repository
public class StepRatings {
  private final JdbcClient jdbc;

  StepRatings(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(String requestNo, String taskId, String activityId, String ratedBy, String ratedActivityId,
      String ratedUser, int rating, OffsetDateTime at) {
    jdbc.sql("""
            insert into step_rating (request_no, task_id, activity_id, rated_by, rated_activity_id, rated_user, rating,
                                     rated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(requestNo, taskId, activityId, ratedBy, ratedActivityId, ratedUser, rating, at)
        .update();
  }
}
