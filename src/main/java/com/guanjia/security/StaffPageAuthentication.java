package com.guanjia.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guanjia's staff pages ({@code /cases/*}, {@code /residents/*}, {@code /staff/*}, {@code /audit/*}) are opened from Tasklist forms: they use the Tasklist login
 * (the Camunda webapp session) rather than a login of their own, and sign that user in to the engine
 * for the request so the engine's authorizations apply, as on the API. Without a session the page
 * sends the user to the Tasklist login (the audit pages: Cockpit's, which auditors use).
 */
@Configuration(proxyBeanMethods = false)
class StaffPageAuthentication {
  static final String TASKLIST = "/camunda/app/tasklist/";
  static final String COCKPIT = "/camunda/app/cockpit/";

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> staffPages(ProcessEngine engine) {
    var registration = new FilterRegistrationBean<OncePerRequestFilter>(new SessionUser(engine));
    registration.setName("staff pages");
    registration.setOrder(BasicAuthentication.ORDER);
    registration.addUrlPatterns("/cases/*", "/residents/*", "/staff/*", "/audit/*");
    return registration;
  }

  private static final class SessionUser extends OncePerRequestFilter {
    private final ProcessEngine engine;

    SessionUser(ProcessEngine engine) {
      this.engine = engine;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      HttpSession session = request.getSession(false);
      Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
      if (authentications == null
          || !(authentications.getAuthenticationForProcessEngine(engine.getName()) instanceof UserAuthentication user)) {
        // auditors have no Tasklist: the audit pages send them to Cockpit's login
        response.sendRedirect(request.getRequestURI().startsWith(request.getContextPath() + "/audit") ? COCKPIT
            : TASKLIST);
        return;
      }
      IdentityService identity = engine.getIdentityService();
      identity.setAuthentication(user.getIdentityId(), user.getGroupIds(), user.getTenantIds());
      try {
        chain.doFilter(request, response);
      } finally {
        identity.clearAuthentication();
      }
    }
  }
}
