package com.guanjia.security;

import static com.guanjia.process.ProcessContract.GROUP_ADMIN;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /actuator/prometheus} is for operators: after the HTTP Basic sign-in ({@link BasicAuthentication},
 * anonymous callers get 401) only members of {@code camunda-admin} read it, everyone else gets 403.
 * {@code /actuator/health} stays open: load balancers and the nodes poll it.
 */
@Configuration(proxyBeanMethods = false)
class OperatorEndpoints {
  static final String PROMETHEUS = "/actuator/prometheus";

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> operatorsOnly(IdentityService identity) {
    var registration = new FilterRegistrationBean<OncePerRequestFilter>(new AdministratorsOnly(identity));
    registration.setName("operators only " + PROMETHEUS);
    registration.addUrlPatterns(PROMETHEUS);
    registration.setOrder(BasicAuthentication.ORDER + 1); // after sign-in
    return registration;
  }

  private static final class AdministratorsOnly extends OncePerRequestFilter {
    private final IdentityService identity;

    AdministratorsOnly(IdentityService identity) {
      this.identity = identity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      Authentication user = identity.getCurrentAuthentication();
      if (user == null || user.getGroupIds() == null || !user.getGroupIds().contains(GROUP_ADMIN)) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"title\":\"Forbidden\",\"status\":403,"
            + "\"detail\":\"metrics are for the camunda-admin group\"}");
        return;
      }
      chain.doFilter(request, response);
    }
  }
}
