package com.guanjia.security;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTP Basic against Camunda's users and groups on Guanjia's API, on the engine's REST API and on the
 * operators' {@code /actuator/prometheus}.
 * Camunda's own filter signs the user in to the engine for the request, so the engine's
 * authorizations apply to everything the request does; a missing or wrong password gets 401.
 */
@Configuration(proxyBeanMethods = false)
class BasicAuthentication {
  static final int ORDER = 10;

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    return registration("/engine-rest/*", "/engine-rest");
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> apiAuthentication() {
    return registration("/api/*", "");
  }

  /** The operators' metrics: the same sign-in, then {@link OperatorEndpoints} lets only administrators through. */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> metricsAuthentication() {
    return registration(OperatorEndpoints.PROMETHEUS, "");
  }

  private static FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration(String urlPattern,
      String servletPathPrefix) {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("authentication " + urlPattern);
    registration.setOrder(ORDER);
    registration.addUrlPatterns(urlPattern);
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, servletPathPrefix);
    return registration;
  }
}
