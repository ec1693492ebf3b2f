package com.guanjia.process;

/** Request types (DOMAIN.md). */
public enum RequestType {
  REPAIR, COMPLAINT, HELP, INQUIRY, ESCORT, SUGGESTION
}
