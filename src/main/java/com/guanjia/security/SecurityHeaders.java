package com.guanjia.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The browser's protections on every page and API answer: a content security policy (scripts, styles, fonts and
 * data only from the application itself, which serves its chart and diagram libraries; no plugins; no framing),
 * no content-type sniffing, no framing by other sites, and the address of a page (a survey link's token) not
 * passed on to other sites. The Camunda webapps under {@code /camunda} write their own policy (their header
 * security settings); they get the other headers here.
 */
@Configuration(proxyBeanMethods = false)
class SecurityHeaders {
  /**
   * Guanjia's pages put their figures into inline scripts (Thymeleaf), hence {@code 'unsafe-inline'} for scripts;
   * nothing is loaded from anywhere else.
   */
  static final String POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' "
      + "'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
      + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> securityHeadersFilter() {
    var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/camunda/")) {
          response.setHeader("Content-Security-Policy", POLICY);
          response.setHeader("X-Content-Type-Options", "nosniff");
        }
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        chain.doFilter(request, response);
      }
    });
    registration.setName("security headers");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE); // before sign-in: a 401 carries them too
    registration.addUrlPatterns("/*");
    return registration;
  }
}
