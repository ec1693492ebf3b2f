package com.guanjia.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The gauges' reading on a database of their own: the refresh interval, and a database that goes away. */
class BacklogGaugesTest {
  private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

  JdbcClient jdbc;
  SimpleMeterRegistry registry = new SimpleMeterRegistry();
  BacklogGauges gauges;

  @BeforeEach
  void tables() {
    jdbc = JdbcClient.create(new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    jdbc.sql("create table ACT_RU_JOB (ID_ varchar(64), TYPE_ varchar(255), DUEDATE_ timestamp, RETRIES_ integer, "
        + "SUSPENSION_STATE_ integer)").update();
    jdbc.sql("create table ACT_RU_INCIDENT (ID_ varchar(64), PROC_INST_ID_ varchar(64), PROC_DEF_ID_ varchar(64))")
        .update();
    jdbc.sql("create table ACT_RE_PROCDEF (ID_ varchar(64), KEY_ varchar(255))").update();
    jdbc.sql("create table outbox_message (id bigint, status varchar(16))").update();
  }

  @AfterEach
  void stop() {
    gauges.destroy();
  }

  private BacklogGauges gauges(Duration refresh) {
    gauges = new BacklogGauges(new Backlog(jdbc), Clock.fixed(NOW, ZoneOffset.UTC), registry,
        new MetricsSettings(refresh, Duration.ofSeconds(5)));
    return gauges;
  }

  private void job(String type, Instant due, int retries, int suspension) {
    jdbc.sql("insert into ACT_RU_JOB values (?, ?, ?, ?, ?)")
        .params(UUID.randomUUID().toString(), type, due == null ? null : java.sql.Timestamp.from(due), retries, suspension)
        .update();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  @Test
  void countsExecutableJobsDueJobsAndTheOldestDueTimer() {
    gauges(Duration.ZERO);
    job("timer", NOW.minusSeconds(90), 3, 1); // due 90 s ago
    job("timer", NOW.minusSeconds(30), 3, 1);
    job("timer", NOW.plusSeconds(600), 3, 1); // not yet due
    job("message", null, 3, 1); // async continuation: due at once
    job("timer", NOW.minusSeconds(3600), 0, 1); // retries used up: an incident, not backlog
    job("timer", NOW.minusSeconds(7200), 3, 2); // suspended

    assertThat(gauge("guanjia.jobs.backlog")).isEqualTo(4);
    assertThat(gauge("guanjia.jobs.due")).isEqualTo(3);
    assertThat(registry.get("guanjia.timers.oldest.due.lag").timeGauge().value(java.util.concurrent.TimeUnit.SECONDS))
        .isEqualTo(90);
  }

  @Test
  void readsAtMostOncePerRefreshInterval() {
    gauges(Duration.ofHours(1));
    assertThat(gauge("guanjia.jobs.backlog")).isZero();
    job("message", null, 3, 1);
    assertThat(gauge("guanjia.jobs.backlog")).as("still the first reading").isZero();
  }

  @Test
  void aDatabaseThatGoesAwayLeavesTheLastValuesAndNeverFailsTheScrape() {
    gauges(Duration.ZERO);
    job("message", null, 3, 1);
    jdbc.sql("insert into outbox_message values (1, 'PENDING')").update();
    assertThat(gauge("guanjia.jobs.backlog")).isEqualTo(1);
    assertThat(gauge("guanjia.outbox.backlog")).isEqualTo(1);

    jdbc.sql("drop table ACT_RU_JOB").update();
    assertThat(gauge("guanjia.jobs.backlog")).isEqualTo(1);
    assertThat(gauge("guanjia.outbox.backlog")).isEqualTo(1);
  }

  @Test
  void withoutAnyReadingTheGaugesAreUnknown() {
    jdbc.sql("drop table ACT_RU_JOB").update();
    gauges(Duration.ZERO);
    assertThat(gauge("guanjia.jobs.due")).isNaN();
  }

  @Test
  void incidentsCountPerProcessAndFailedDeliveriesPerMessage() {
    gauges(Duration.ZERO);
    jdbc.sql("insert into ACT_RE_PROCDEF values ('d1', 'message-delivery'), ('d2', 'callback-visits')").update();
    jdbc.sql("insert into ACT_RU_INCIDENT values ('i1', 'p1', 'd1'), ('i2', 'p2', 'd1'), ('i3', 'p3', 'd2')")
        .update();

    assertThat(gauge("guanjia.outbox.failed")).isEqualTo(2);
    assertThat(registry.get(BacklogGauges.INCIDENTS).tag("process", "message-delivery").gauge().value()).isEqualTo(2);
    assertThat(registry.get(BacklogGauges.INCIDENTS).tag("process", "callback-visits").gauge().value()).isEqualTo(1);
    assertThat(registry.get(BacklogGauges.INCIDENTS).tag("process", "service-request").gauge().value()).isZero();
  }
}
