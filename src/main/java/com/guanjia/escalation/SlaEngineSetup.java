package com.guanjia.escalation;

import com.guanjia.process.EngineIndexes;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Puts the working-time calendar into the engine's timer and due-date evaluation, and gives the job
 * table the index that acquisition by due date needs (many due timers: see application.yaml).
 */
@Component
class SlaEngineSetup extends AbstractProcessEnginePlugin {
  private final ServiceHours hours;

  SlaEngineSetup(ServiceHours hours) {
    this.hours = hours;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    SlaCalendar calendar = new SlaCalendar(hours);
    MapBusinessCalendarManager calendars = new MapBusinessCalendarManager();
    calendars.addBusinessCalendar(DurationBusinessCalendar.NAME, calendar);
    calendars.addBusinessCalendar(DueDateBusinessCalendar.NAME, calendar);
    calendars.addBusinessCalendar(CycleBusinessCalendar.NAME, new CycleBusinessCalendar());
    configuration.setBusinessCalendarManager(calendars);
    // many timers fall due at once: take the oldest due first, timers before continuations, and
    // give every job a due date so the acquisition query can use the index below
    configuration.setJobExecutorAcquireByDueDate(true);
    configuration.setJobExecutorPreferTimerJobs(true);
    configuration.setEnsureJobDueDateNotNull(true);
    // A case is a tree of instances (its path, escalation and callback plan), but exclusive jobs stay per
    // instance: acquiring them over the hierarchy cost a quarter of the escalation burst's throughput
    // (ScaleBenchmark, 3,000 escalations: 37/s against 46/s), and the rare path job that changes the case
    // at the same moment as the case's own fails on its optimistic lock and is simply run again.
    // a job that fails is tried again after 1, 5 and 20 minutes, then becomes an incident
    if (configuration.getFailedJobRetryTimeCycle() == null) {
      configuration.setFailedJobRetryTimeCycle(RETRY_BACK_OFF);
    }
  }

  static final String RETRY_BACK_OFF = "PT1M,PT5M,PT20M";

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    // acquisition asks for due, active jobs in due-date order; Camunda's own indexes do not cover it
    EngineIndexes.ensure(configuration, "GJ_IDX_JOB_ACQUISITION", "ACT_RU_JOB", "DUEDATE_, SUSPENSION_STATE_, RETRIES_");
    // ... ordered as it asks for them (timers first, then by due date), so that with thousands of jobs due
    // at once it reads the first few instead of sorting them all: 10 ms → 0.2 ms per acquisition with
    // 9,000 due timers on PostgreSQL, where acquisition had been a quarter of the database's time in the
    // escalation burst (pg_stat_statements)
    EngineIndexes.ensure(configuration, "GJ_IDX_JOB_ACQUISITION_ORDER", "ACT_RU_JOB", "TYPE_ DESC, DUEDATE_",
        "SUSPENSION_STATE_ = 1 and RETRIES_ > 0");
    // ... and which instances have an exclusive job running now (the query skips their other jobs): the
    // few locked jobs, not a scan of them all
    if ("postgres".equals(configuration.getDatabaseType())) {
      EngineIndexes.ensure(configuration, "GJ_IDX_JOB_LOCKED", "ACT_RU_JOB", "PROCESS_INSTANCE_ID_",
          "LOCK_OWNER_ is not null");
    }
  }
}
