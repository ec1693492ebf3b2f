package com.guanjia.web;

/** The request contradicts what was stored before (an idempotency key reused for other content): 422. */
public class ConflictException extends RuntimeException {
  private final String field;

  public ConflictException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
