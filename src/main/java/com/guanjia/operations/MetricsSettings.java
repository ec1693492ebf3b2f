package com.guanjia.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gauges on {@code /actuator/prometheus} read the database ({@code guanjia.metrics.*}).
 *
 * @param refresh the jobs, outbox and incident figures are read together at most this often; a scrape in
 *     between gets the last reading ({@code 0}: every scrape reads)
 * @param refreshWait how long a scrape waits for a reading; a slower database (or none) leaves the scrape
 *     with the last reading while the reading goes on
 */
@ConfigurationProperties("guanjia.metrics")
record MetricsSettings(
    @DefaultValue("PT5S") Duration refresh,
    @DefaultValue("PT2S") Duration refreshWait) {}
