package com.guanjia.web;

/** Bad input that only the service can judge (a resident that does not exist): a 400 naming the field. */
public class InvalidFieldException extends RuntimeException {
  private final String field;

  public InvalidFieldException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
