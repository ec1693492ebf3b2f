package com.guanjia.callback;

/** How the resident felt about the service, asked at callbacks (DOMAIN.md R7). */
public enum Satisfaction {
  DISSATISFIED("不满意"),
  MET_EXPECTATIONS("达到预期效果"),
  SATISFIED("感到满意"),
  DEEPLY_MOVED("深受感动");

  final String label;

  Satisfaction(String label) {
    this.label = label;
  }
}
