package com.guanjia.process;

import static com.guanjia.process.ProcessContract.*;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Typed access to a {@code request-escalation} instance's variables (and to the outputs of the case's
 * missed-target steps that feed it); the casts live here and nowhere else.
 */
public final class EscalationVariables {
  private final VariableScope scope;

  private EscalationVariables(VariableScope scope) {
    this.scope = scope;
  }

  public static EscalationVariables of(VariableScope scope) {
    return new EscalationVariables(scope);
  }

  public String requestNo() { return text(VAR_REQUEST_NO); }
  public String caseInstanceId() { return text(VAR_CASE_INSTANCE_ID); }
  public String firstResponder() { return text(VAR_FIRST_RESPONDER); }
  /** The target whose miss opened the escalation ({@code target}, a {@code Target} name), if known. */
  public String openedBy() { return text(VAR_TARGET); }
  /** What is overdue, one line per missed target. */
  public String overdue() { return text(VAR_OVERDUE); }
  public void overdue(String lines) { scope.setVariable(VAR_OVERDUE, lines); }
  /** The level the case shows (the highest any of its escalations reached). */
  public int escalationLevel() { return number(VAR_ESCALATION_LEVEL, 0); }
  public void escalationLevel(int level) { scope.setVariable(VAR_ESCALATION_LEVEL, level); }
  /** The model's local input {@code level} of a raise step or level task. */
  public int level() {
    Object level = scope.getVariableLocal(VAR_LEVEL);
    return level instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(level));
  }
  /** What the level's person did (the review-escalation form). */
  public String action() { return text(VAR_ESCALATION_ACTION); }
  public void closingNote(String note) { scope.setVariable(VAR_CLOSING_NOTE, note); }

  // a missed-target step: its local input and outputs, and what a further missed target brings
  /** The model's local input {@code target} of a missed-target step. */
  public String checkedTarget() { return (String) scope.getVariableLocal(VAR_TARGET); }
  public String missedTarget() { return text(VAR_MISSED_TARGET); }
  public String overdueLine() { return text(VAR_OVERDUE_LINE); }

  /** The step's outputs (local; the model maps them to the case): how to escalate, and what for. */
  public void missedTargetOutcome(String escalate, String target, String overdueLine) {
    scope.setVariableLocal(VAR_ESCALATE, escalate);
    scope.setVariableLocal(VAR_MISSED_TARGET, target);
    scope.setVariableLocal(VAR_OVERDUE_LINE, overdueLine);
  }

  private String text(String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : value.toString();
  }

  private int number(String name, int otherwise) {
    return scope.getVariable(name) instanceof Number n ? n.intValue() : otherwise;
  }
}
