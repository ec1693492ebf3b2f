package com.guanjia.process;

import static com.guanjia.process.ProcessContract.*;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Typed access to a {@code callback-visits} plan's variables (what the case passed in, the plan's own
 * schedule and the callback form's answers) and to the case's follow-up facts (closing, reopening); the
 * casts live here and nowhere else.
 */
public final class CallbackVariables {
  private final VariableScope scope;
  private final RequestVariables request;

  private CallbackVariables(VariableScope scope) {
    this.scope = scope;
    this.request = RequestVariables.of(scope);
  }

  public static CallbackVariables of(VariableScope scope) {
    return new CallbackVariables(scope);
  }

  // what the case passed in
  public String requestNo() { return request.requestNo(); }
  public String type() { return request.type(); }
  public String residentId() { return request.residentId(); }
  public String firstResponder() { return request.firstResponder(); }
  public String handler() { return request.handler(); }
  public String recurrenceComment() { return text(VAR_RECURRENCE_COMMENT); }

  /** When the case closed (its callbacks count from then), or null. */
  public Instant closedAt(ZoneId zone) {
    var closed = request.dateTime(VAR_CLOSED_AT, zone);
    return closed == null ? null : closed.toInstant();
  }

  public void closedAt(Instant at) { scope.setVariable(VAR_CLOSED_AT, Date.from(at)); }
  public int reopenCount() { return number(VAR_REOPEN_COUNT, 0); }
  public void reopenCount(int count) { scope.setVariable(VAR_REOPEN_COUNT, count); }

  /** A reopened case: a KEY item from now on, no longer closed, resolved or confirmed. */
  public void reopened(int count) {
    reopenCount(count);
    scope.setVariable(VAR_KEY_ITEM, true);
    for (String done : new String[] {VAR_CLOSED_AT, VAR_RESOLVED_AT, VAR_RESOLVED, VAR_RESIDENT_CONFIRMED}) {
      scope.removeVariable(done);
    }
  }

  // the plan's own facts and schedule
  public void names(String firstResponderName, String handlerName) {
    scope.setVariable(VAR_FIRST_RESPONDER_NAME, firstResponderName);
    scope.setVariable(VAR_HANDLER_NAME, handlerName);
  }

  /** What the {@code callback-tier} table reads beyond the case. */
  public void tierFacts(boolean vip, boolean needsAssistance, boolean repeatRequest, boolean inHeatingSeason) {
    scope.setVariable(VAR_VIP, vip);
    scope.setVariable(VAR_NEEDS_ASSISTANCE, needsAssistance);
    scope.setVariable(VAR_REPEAT_REQUEST, repeatRequest);
    scope.setVariable(VAR_IN_HEATING_SEASON, inHeatingSeason);
  }

  /** The {@code callback-tier} table's answer (a {@code CallbackSchedule.Tier} name). */
  public String tier() { return text(VAR_TIER); }
  /** The callback the plan is at, 1 for the first. */
  public int callbackNo() { return number(VAR_CALLBACK_NO, 1); }
  /** The callback before the next one is planned (0 before the first). */
  public int callbacksPlanned() { return number(VAR_CALLBACK_NO, 0); }
  public int attempt() { return number(VAR_ATTEMPT, 0); }
  public void attempt(int attempt) { scope.setVariable(VAR_ATTEMPT, attempt); }

  /** The next callback (number, due, end of its calling day), or none: {@code nextCallbackAt} null ends the plan. */
  public void nextCallback(int callbackNo, Instant due, Instant deadline) {
    scope.setVariable(VAR_CALLBACK_NO, callbackNo);
    scope.setVariable(VAR_NEXT_CALLBACK_AT, due == null ? null : Date.from(due));
    scope.setVariable(VAR_CALLBACK_DEADLINE, deadline == null ? null : Date.from(deadline));
    scope.setVariable(VAR_ATTEMPT, 0);
    for (String answer : new String[] {VAR_REACHED, VAR_SATISFACTION, VAR_PROBLEM_RECURRED, VAR_COMMENT,
        VAR_CALLBACK_AGENT, VAR_RETRY_AT}) {
      scope.removeVariable(answer);
    }
  }

  public void retryAt(Instant at) { scope.setVariable(VAR_RETRY_AT, at == null ? null : Date.from(at)); }

  // the callback form's answers
  public boolean reached() { return Boolean.TRUE.equals(scope.getVariable(VAR_REACHED)); }
  public void reached(boolean reached) { scope.setVariable(VAR_REACHED, reached); }
  public void forgetReached() { scope.removeVariable(VAR_REACHED); }
  /** The satisfaction as the form sent it (checked against {@code Satisfaction} by the service). */
  public String satisfaction() { return text(VAR_SATISFACTION); }
  public boolean problemRecurred() { return Boolean.TRUE.equals(scope.getVariable(VAR_PROBLEM_RECURRED)); }
  public void problemRecurred(boolean recurred) { scope.setVariable(VAR_PROBLEM_RECURRED, recurred); }
  public String comment() { return text(VAR_COMMENT); }
  public String agent() { return text(VAR_CALLBACK_AGENT); }
  public void agent(String userId) { scope.setVariable(VAR_CALLBACK_AGENT, userId); }
  public Integer previousStepRating() { return request.previousStepRating(); }
  public void clearPreviousStepRating() { request.clearPreviousStepRating(); }
  /** The plan's latest satisfaction (the case gets it through the call's out-mapping). */
  public void latestSatisfaction(String satisfaction) { scope.setVariable(VAR_LATEST_SATISFACTION, satisfaction); }

  private String text(String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : value.toString();
  }

  private int number(String name, int otherwise) {
    return scope.getVariable(name) instanceof Number n ? n.intValue() : otherwise;
  }
}
