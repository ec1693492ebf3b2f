package com.guanjia.process;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A value a person submitted with a task is not acceptable. Thrown inside a command, it rolls the
 * task completion back and Tasklist shows the message, so the person can correct it; the REST API
 * answers 400.
 */
public class InvalidVariableException extends BadUserRequestException {
  private final String field;

  public InvalidVariableException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
