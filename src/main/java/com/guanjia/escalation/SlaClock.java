package com.guanjia.escalation;

import com.guanjia.process.EngineQueries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Waiting on the resident stops the SLA clock: the case's target timers are suspended, and on resume
 * they are due after the working time (24-hour time for urgent cases) that was left when the wait began.
 */
@Service
public class SlaClock {
  /** The timers that watch the case's targets, on the case and on its handling path (the ETA is a promise of its own, see {@link EtaChanges}). */
  static final Set<String> TARGET_TIMERS = Set.of("BoundaryEvent_ResponseTargetMissed",
      "BoundaryEvent_ResolveTargetMissed", "BoundaryEvent_OnSiteTargetMissed", "BoundaryEvent_PlanTargetMissed");

  private final ManagementService management;
  private final ServiceHours hours;
  private final JdbcClient jdbc;
  private final Clock clock;

  SlaClock(ManagementService management, ServiceHours hours, JdbcClient jdbc, Clock clock) {
    this.management = management;
    this.hours = hours;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void pause(String caseInstanceId, String requestNo, String reason, String by) {
    for (Job job : targetTimers(caseInstanceId, false)) {
      management.suspendJobById(job.getId());
    }
    jdbc.sql("insert into sla_pause (request_no, reason, paused_by, paused_at) values (?, ?, ?, ?)")
        .params(requestNo, reason, by == null ? "system" : by, OffsetDateTime.now(clock)).update();
  }

  /** Runs inside the engine's command (the wait task's end listener). @return how long the wait lasted (wall-clock time), zero when there was no open pause */
  Duration resume(String caseInstanceId, String requestNo, boolean urgent) {
    OffsetDateTime pausedAt = jdbc.sql("""
            select paused_at from sla_pause where request_no = ? and resumed_at is null order by id desc""")
        .param(requestNo).query(OffsetDateTime.class).list().stream().findFirst().orElse(null);
    if (pausedAt == null) {
      return Duration.ZERO;
    }
    Instant now = clock.instant();
    for (Job job : targetTimers(caseInstanceId, true)) {
      Instant due = job.getDuedate().toInstant();
      Instant newDue;
      if (urgent) {
        newDue = now.plus(Duration.between(pausedAt.toInstant(), due).isNegative()
            ? Duration.ZERO : Duration.between(pausedAt.toInstant(), due));
      } else {
        BusinessHours working = hours.of(job.getTenantId()); // the case's project's
        newDue = working.plus(now, working.between(pausedAt.toInstant(), due));
      }
      // one update of the job row: active again, due after the time that was left
      JobEntity entity = Context.getCommandContext().getJobManager().findJobById(job.getId());
      entity.setSuspensionState(SuspensionState.ACTIVE.getStateCode());
      entity.setDuedate(Date.from(newDue));
    }
    jdbc.sql("update sla_pause set resumed_at = ? where request_no = ? and resumed_at is null")
        .params(OffsetDateTime.now(clock), requestNo).update();
    return Duration.between(pausedAt.toInstant(), now);
  }

  /**
   * A target that counts from an appointment (an escort's booked time): the case's timer for {@code target} is due
   * at {@code due}, on the clock. A timer that already fired (the target was missed before the booking) stays
   * fired: its violation stands. Runs inside the engine's command.
   */
  void countFrom(String caseInstanceId, String timerActivityId, Instant due) {
    for (Job job : EngineQueries.all(management.createJobQuery().rootProcessInstanceId(caseInstanceId).activityId(timerActivityId)
        .timers())) {
      Context.getCommandContext().getJobManager().findJobById(job.getId()).setDuedate(Date.from(due));
    }
  }

  private List<Job> targetTimers(String caseInstanceId, boolean suspended) {
    return TARGET_TIMERS.stream().flatMap(activityId -> {
      var query = management.createJobQuery().rootProcessInstanceId(caseInstanceId).activityId(activityId).timers();
      return EngineQueries.all((suspended ? query.suspended() : query.active())).stream();
    }).toList();
  }
}
