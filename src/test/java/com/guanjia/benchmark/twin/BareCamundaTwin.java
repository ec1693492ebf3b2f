package com.guanjia.benchmark.twin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The scale benchmark's yardstick: Camunda 7.24 as its starter ships it, with the REST API, and nothing
 * of Guanjia (no listener, delegate, plugin, authorization or table of ours). It reads
 * {@code twin.yaml} instead of Guanjia's {@code application.yaml}; the benchmark starts it in a JVM of
 * its own on a database of its own on the same PostgreSQL server and deploys the twin models over REST.
 */
@SpringBootApplication
public class BareCamundaTwin {
  public static void main(String[] args) {
    System.setProperty("spring.config.name", "twin");
    SpringApplication.run(BareCamundaTwin.class, args);
  }
}
