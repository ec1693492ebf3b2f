package com.guanjia.security;

import static com.guanjia.process.ProcessContract.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The case's own facts (its number, owner, triage, escalation level, ...) are set by Guanjia, never
 * by whoever completes a task or edits variables over Camunda's REST API (Tasklist and Cockpit use it
 * too): a change of owner goes through the supervisor's transfer (R1), with its reason. A request that
 * would set or delete such a variable is refused with 403 before the engine sees it.
 */
@Configuration(proxyBeanMethods = false)
class ProtectedVariables {
  static final Set<String> PROTECTED = java.util.stream.Stream.concat(TRIAGE_TARGETS.stream(), java.util.stream.Stream.of(
      VAR_REQUEST_NO, VAR_TYPE, VAR_CATEGORY, VAR_CHANNEL, VAR_RESIDENT_ID, VAR_REGISTERED_BY, VAR_FIRST_RESPONDER,
      VAR_PRIORITY, VAR_KEY_ITEM, VAR_RESPONSIBLE_GROUP, VAR_ESCALATION_LEVEL, VAR_HANDLER,
      // the follow-up's own facts (R5): when the case closed, how often it was reopened, the visit plan
      VAR_CLOSED_AT, VAR_REOPEN_COUNT, VAR_CASE_INSTANCE_ID, VAR_TIER, VAR_CALLBACK_NO, VAR_ATTEMPT,
      VAR_LATEST_SATISFACTION))
      .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /** Calls that change a case's (not a task's local) variables. */
  private static final Pattern CHANGES_VARIABLES = Pattern.compile(
      "^/engine-rest/(?:engine/[^/]+/)?(task|process-instance|execution)/[^/]+/"
          + "(complete|submit-form|resolve|variables)(?:/([^/]+)(?:/data)?)?/?$");

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> protectedVariablesFilter(ObjectMapper json) {
    var registration = new FilterRegistrationBean<OncePerRequestFilter>(new Guard(json));
    registration.addUrlPatterns("/engine-rest/*");
    registration.setName("protected case variables");
    registration.setOrder(BasicAuthentication.ORDER + 1); // after sign-in: anonymous callers get 401 first
    return registration;
  }

  static final class Guard extends OncePerRequestFilter {
    private final ObjectMapper json;

    Guard(ObjectMapper json) {
      this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      Matcher call = CHANGES_VARIABLES.matcher(request.getRequestURI().substring(request.getContextPath().length()));
      if ("GET".equals(request.getMethod()) || !call.matches()) {
        chain.doFilter(request, response);
        return;
      }
      List<String> names = new ArrayList<>();
      if (call.group(3) != null) {
        names.add(call.group(3)); // PUT/DELETE/POST .../variables/{name}
      }
      byte[] body = request.getInputStream().readAllBytes();
      if (body.length > 0 && request.getContentType() != null && request.getContentType().contains("json")) {
        try {
          JsonNode root = json.readTree(body);
          for (String field : List.of("variables", "modifications")) {
            if (root != null && root.path(field).isObject()) {
              root.path(field).fieldNames().forEachRemaining(names::add);
            }
          }
          if (root != null && root.path("deletions").isArray()) {
            root.path("deletions").forEach(n -> names.add(n.asText()));
          }
        } catch (IOException notJson) {
          // the engine answers malformed JSON itself
        }
      }
      List<String> refused = names.stream().filter(PROTECTED::contains).distinct().toList();
      if (!refused.isEmpty()) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write(json.writeValueAsString(java.util.Map.of("type", "AuthorizationException",
            "message", "Guanjia sets " + String.join(", ", refused)
                + " itself; the owner changes only by a supervisor's transfer (转交首问负责人)")));
        return;
      }
      chain.doFilter(new Replayed(request, body), response);
    }
  }

  /** The request with its body readable once more. */
  private static final class Replayed extends HttpServletRequestWrapper {
    private final byte[] body;

    Replayed(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override public boolean isFinished() { return in.available() == 0; }
        @Override public boolean isReady() { return true; }
        @Override public void setReadListener(ReadListener listener) { throw new UnsupportedOperationException(); }
        @Override public int read() { return in.read(); }
        @Override public int read(byte[] b, int off, int len) { return in.read(b, off, len); }
      };
    }

    @Override
    public java.io.BufferedReader getReader() {
      return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
