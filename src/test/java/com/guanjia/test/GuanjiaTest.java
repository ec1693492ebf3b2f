package com.guanjia.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application with demo data on a random port, on H2 or (with
 * {@code -Dguanjia.test.database=postgres}) a fresh PostgreSQL database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"guanjia.data-dir=target/test-data", "logging.level.org.camunda.bpm.engine.context=off",
        "logging.level.org.camunda.community.process_test_coverage=error",
        // process tests run jobs themselves (timers with a moved clock); no background executor races them
        "camunda.bpm.job-execution.enabled=false",
        // nor does the outbox dispatcher: tests send with OutboxDispatcher.deliverDue()
        "guanjia.notifications.delivery.enabled=false",
        // e-mail tests bring their own SMTP server (GreenMail on a free port)
        "guanjia.demo.mail-catcher=false",
        // the metrics' database gauges are read afresh at every scrape
        "guanjia.metrics.refresh=0s"})
// one shared context for every test over HTTP: a second context would register a second engine named
// "default", and the REST API's sign-in would then address the wrong one. It counts SQL statements
// (StatementCounter) and exports the Prometheus metrics, as production does.
@Import(StatementCounter.Config.class)
@AutoConfigureObservability(tracing = false)
@ContextConfiguration(initializers = TestDatabase.class)
public @interface GuanjiaTest {}
