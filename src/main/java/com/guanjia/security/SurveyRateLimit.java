package com.guanjia.security;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The survey page ({@code /survey/{token}}) is public: a resident opens it from a message, without a login. Its
 * token is random (128 bits) and answers once; and each client address may open or send it only
 * {@code guanjia.security.survey-requests-per-minute} times a minute (30 unless told), so that nobody tries tokens
 * by the thousand. Beyond that: 429 with {@code Retry-After}.
 */
@Configuration(proxyBeanMethods = false)
class SurveyRateLimit {
  /** Addresses remembered at most; beyond, the count starts afresh (a flood of addresses is not one guesser). */
  private static final int ADDRESSES = 10_000;

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> surveyRateLimitFilter(
      @Value("${guanjia.security.survey-requests-per-minute:30}") int perMinute) {
    var config = RateLimiterConfig.custom().limitForPeriod(perMinute).limitRefreshPeriod(Duration.ofMinutes(1))
        .timeoutDuration(Duration.ZERO).build();
    var registry = RateLimiterRegistry.of(config);
    var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if (registry.getAllRateLimiters().size() > ADDRESSES) {
          registry.getAllRateLimiters().forEach(limiter -> registry.remove(limiter.getName()));
        }
        if (!registry.rateLimiter(request.getRemoteAddr()).acquirePermission()) {
          response.setStatus(429);
          response.setHeader("Retry-After", "60");
          response.setContentType("text/plain;charset=UTF-8");
          response.getWriter().write("请求过于频繁，请一分钟后再试。Too many requests: please try again in a minute.");
          return;
        }
        chain.doFilter(request, response);
      }
    });
    registration.setName("survey rate limit");
    registration.addUrlPatterns("/survey/*");
    registration.setOrder(BasicAuthentication.ORDER - 1);
    return registration;
  }
}
