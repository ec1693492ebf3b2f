package com.guanjia.process;

import static com.guanjia.process.ProcessContract.*;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Typed access to a case's variables; the casts live here and nowhere else. */
public final class RequestVariables {
  private final VariableScope scope;

  private RequestVariables(VariableScope scope) {
    this.scope = scope;
  }

  public static RequestVariables of(VariableScope scope) {
    return new RequestVariables(scope);
  }

  public String requestNo() { return text(VAR_REQUEST_NO); }
  public String type() { return text(VAR_TYPE); }
  public String category() { return text(VAR_CATEGORY); }
  public String channel() { return text(VAR_CHANNEL); }
  public String residentId() { return text(VAR_RESIDENT_ID); }
  public String registeredBy() { return text(VAR_REGISTERED_BY); }
  public String firstResponder() { return text(VAR_FIRST_RESPONDER); }
  public String handler() { return text(VAR_HANDLER); }
  /** Whether the request was resolved (its path came back done; {@code resolvedAt}). */
  public boolean resolved() { return scope.getVariable(VAR_RESOLVED_AT) != null; }
  public java.time.Instant resolvedAt() {
    return scope.getVariable(VAR_RESOLVED_AT) instanceof Date d ? d.toInstant() : null;
  }
  public void resolvedAt(java.time.Instant at) { scope.setVariable(VAR_RESOLVED_AT, Date.from(at)); }
  /** The triage's priority ({@code URGENT}, {@code NORMAL}, …), or null before triage. */
  public String priority() { return text(VAR_PRIORITY); }
  public String notice() { return (String) scope.getVariableLocal(VAR_NOTICE); }
  /** The outbox message a {@code message-delivery} instance retries. */
  public long outboxId() { return ((Number) scope.getVariable(VAR_OUTBOX_ID)).longValue(); }

  public void firstResponder(String userId) { scope.setVariable(VAR_FIRST_RESPONDER, userId); }

  /** The step rating submitted with the current task, or null when none was given. */
  public Integer previousStepRating() {
    return rating(VAR_PREVIOUS_STEP_RATING);
  }

  /** A rating 1–5 submitted as {@code name} (a number, or text from a form), null when none was given. */
  public Integer rating(String name) {
    Object value = scope.getVariable(name);
    if (value == null || value instanceof String s && s.isBlank()) {
      return null;
    }
    try {
      double rating = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString());
      if (rating != Math.rint(rating) || rating < 1 || rating > 5) {
        throw new IllegalArgumentException();
      }
      return (int) rating;
    } catch (IllegalArgumentException e) {
      throw new InvalidVariableException(name, "评分须为 1 到 5 的整数 (" + name + " must be 1-5)");
    }
  }

  public void clearPreviousStepRating() { scope.removeVariable(VAR_PREVIOUS_STEP_RATING); }

  /** The promised completion time; Tasklist sends it as text, the REST API as a date. */
  public OffsetDateTime eta(ZoneId zone) {
    return dateTime(VAR_ETA, zone);
  }

  public void eta(OffsetDateTime eta) { scope.setVariable(VAR_ETA, Date.from(eta.toInstant())); }

  public OffsetDateTime dateTime(String name, ZoneId zone) {
    return parseDateTime(name, scope.getVariable(name), zone);
  }

  /**
   * Reads what Camunda Forms, the REST API and Java put into a date-time variable: a Date, or text
   * such as {@code 2026-11-23T21:45+08:00}, {@code 2026-11-23T13:45Z}, {@code 2026-11-23T21:45} (the
   * property's zone) or a bare date (end of that day).
   */
  public static OffsetDateTime parseDateTime(String name, Object value, ZoneId zone) {
    if (value == null || value instanceof String s && s.isBlank()) {
      return null;
    }
    if (value instanceof Date date) {
      return OffsetDateTime.ofInstant(date.toInstant(), zone);
    }
    if (value instanceof OffsetDateTime odt) {
      return odt;
    }
    String text = value.toString().trim();
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException notWithOffset) {
      try {
        return LocalDateTime.parse(text).atZone(zone).toOffsetDateTime();
      } catch (DateTimeParseException notLocal) {
        try {
          return LocalDate.parse(text).atTime(23, 59).atZone(zone).toOffsetDateTime();
        } catch (DateTimeParseException notADate) {
          throw new InvalidVariableException(name, "无法识别的日期时间: " + text);
        }
      }
    }
  }

  /** Any variable as text, whatever type a form or API gave it; null when unset. */
  public String text(String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : value.toString();
  }
}
