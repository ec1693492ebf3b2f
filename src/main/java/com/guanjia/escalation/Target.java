package com.guanjia.escalation;

/** The promises a case is watched for (R2, R3), as the model names them in the input {@code target}. */
public enum Target {
  RESPONSE("响应"),
  ON_SITE("到场"),
  PLAN("初步方案"),
  ETA("承诺完成时间"),
  RESOLVE("解决");

  final String label;

  Target(String label) {
    this.label = label;
  }
}
