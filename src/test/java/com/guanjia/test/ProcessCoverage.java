package com.guanjia.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Process test coverage for a model test class: the report lands in
 * {@code target/process-test-coverage/}, and the class fails below 90% of the flow nodes and flows of
 * the models it tests. A class names the models it only passes through in
 * {@code guanjia.test.coverage-excludes} (default: {@code ownership-transfer}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import({ProcessEngineCoverageConfiguration.class, ProcessCoverage.Threshold.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface ProcessCoverage {

  @TestConfiguration(proxyBeanMethods = false)
  class Threshold {
    @Bean
    ProcessEngineCoverageProperties processEngineCoverageProperties(
        @Value("${guanjia.test.coverage-excludes:ownership-transfer}") String[] passedThrough) {
      return new ProcessEngineCoverageProperties.Builder().assertClassCoverageAtLeast(0.9)
          .excludeProcessDefinitionKeys(passedThrough).build();
    }
  }
}
