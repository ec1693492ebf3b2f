package com.guanjia.security;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTP Basic against Camunda's users and groups on Guanjia's API, on the engine's REST API and on the
 * operators' {@code /actuator/prometheus}.
 * Camunda's own filter signs the user in to the engine for the request, so the engine's
 * authorizations apply to everything the request does; a missing or wrong password gets 401.
 *
 * <p>A client such as Tasklist or an integration sends its password with every call, and checking it
 * costs three queries (password, groups, tenants) of the ten or so a task list takes. A user's successful
 * sign-in and groups are therefore remembered for {@code guanjia.security.sign-in-cache} (30 s; {@code 0}
 * turns it off), as Camunda's own webapps remember a session's groups for minutes: a changed password or
 * group takes effect within that time. Wrong passwords are never remembered; each goes to the engine,
 * which counts it towards locking the account. Passwords are remembered only as salted hashes.
 */
@Configuration(proxyBeanMethods = false)
class BasicAuthentication {
  static final int ORDER = 10;

  private final SignIns signIns;

  BasicAuthentication(@Value("${guanjia.security.sign-in-cache:PT30S}") Duration signInCache) {
    this.signIns = new SignIns(signInCache.toMillis());
  }

  /** A changed membership counts from the next call after it is committed, not after the sign-in cache's time. */
  @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
  void membershipChanged(ProjectTenants.MembershipChanged changed) {
    signIns.forget(changed.userIds());
  }

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

  private FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration(String urlPattern,
      String servletPathPrefix) {
    var registration = new FilterRegistrationBean<ProcessEngineAuthenticationFilter>(new RememberingFilter(signIns));
    registration.setName("authentication " + urlPattern);
    registration.setOrder(ORDER);
    registration.addUrlPatterns(urlPattern);
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, servletPathPrefix);
    return registration;
  }

  /** Camunda's filter, asking {@link SignIns} before the engine. */
  static final class RememberingFilter extends ProcessEngineAuthenticationFilter {
    private final SignIns signIns;

    RememberingFilter(SignIns signIns) {
      this.signIns = signIns;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
      super.init(config);
      authenticationProvider = new HttpBasicAuthenticationProvider() {
        @Override
        protected boolean isAuthenticated(ProcessEngine engine, String userName, String password) {
          return signIns.passwordChecked(userName, password, () -> super.isAuthenticated(engine, userName, password));
        }
      };
    }

    @Override
    protected List<String> getGroupsOfUser(ProcessEngine engine, String userId) {
      return signIns.groups(userId, () -> super.getGroupsOfUser(engine, userId));
    }

    @Override
    protected List<String> getTenantsOfUser(ProcessEngine engine, String userId) {
      return signIns.tenants(userId, () -> super.getTenantsOfUser(engine, userId));
    }
  }

  /** Successful sign-ins and the signed-in users' groups and tenants, each for a short while. */
  static final class SignIns {
    private static final int MAX_ENTRIES = 10_000;
    private final long millis;
    private final byte[] salt = new byte[16];
    private final Map<String, Long> passwords = new ConcurrentHashMap<>();
    private final Map<String, Remembered> groups = new ConcurrentHashMap<>();
    private final Map<String, Remembered> tenants = new ConcurrentHashMap<>();

    private record Remembered(List<String> ids, long until) {}

    SignIns(long millis) {
      this.millis = millis;
      new SecureRandom().nextBytes(salt);
    }

    boolean passwordChecked(String user, String password, Supplier<Boolean> check) {
      if (millis <= 0 || user == null || password == null) {
        return check.get();
      }
      String key = user + ":" + hash(password);
      Long until = passwords.get(key);
      long now = System.currentTimeMillis();
      if (until != null && until > now) {
        return true;
      }
      boolean ok = check.get();
      if (ok) {
        bounded(passwords).put(key, now + millis);
      } else {
        passwords.remove(key);
      }
      return ok;
    }

    List<String> groups(String user, Supplier<List<String>> read) {
      return remembered(groups, user, read);
    }

    void forget(java.util.Collection<String> users) {
      users.forEach(user -> {
        groups.remove(user);
        tenants.remove(user);
      });
    }

    List<String> tenants(String user, Supplier<List<String>> read) {
      return remembered(tenants, user, read);
    }

    private List<String> remembered(Map<String, Remembered> cache, String user, Supplier<List<String>> read) {
      if (millis <= 0) {
        return read.get();
      }
      long now = System.currentTimeMillis();
      Remembered known = cache.get(user);
      if (known != null && known.until() > now) {
        return known.ids();
      }
      List<String> ids = List.copyOf(read.get());
      bounded(cache).put(user, new Remembered(ids, now + millis));
      return ids;
    }

    private static <V> Map<String, V> bounded(Map<String, V> cache) {
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
      return cache;
    }

    private String hash(String password) {
      try {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(salt);
        return HexFormat.of().formatHex(digest.digest(password.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
