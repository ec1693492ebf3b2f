package com.guanjia.notification;

/**
 * Milestones the resident hears about (R6). The text here is the plain first version; rendering with
 * templates, forms of address and channels comes with the notification capability.
 */
public enum Notice {
  RECEIVED("您好！您的%s已受理，编号 %s。负责人：%s，联系电话 %s，我们会及时告知处理进展。"),
  STAFF_ON_THE_WAY("您好！您的请求 %2$s 已由工作人员 %3$s 接单，正在前往处理。"),
  ETA_PROMISED("您好！您的请求 %2$s 的初步方案已确定，预计 %5$s 前完成。"),
  ESCORT_BOOKED("您好！您预约的接送服务（%2$s）已安排在 %5$s，保安 %3$s 将准时到达。"),
  ANSWERED("您好！您的咨询 %2$s 已答复，负责人：%3$s，联系电话 %4$s。"),
  ACKNOWLEDGED("您好！感谢您的%1$s（%2$s），我们已认真登记并转达。"),
  COMPLETED("您好！您的请求 %2$s 已处理完成，负责人 %3$s 将与您确认结果，感谢您的支持。"),
  CALLBACK_COMING("您好！我们的客服稍后将致电回访您的请求 %2$s 的处理情况，请留意来电，感谢您的支持。");

  private final String pattern;

  Notice(String pattern) {
    this.pattern = pattern;
  }

  /** Fills the text: 1 type label, 2 request number, 3 staff name, 4 staff phone, 5 time. */
  String text(String typeLabel, String requestNo, String staffName, String staffPhone, String time) {
    return pattern.formatted(typeLabel, requestNo, staffName, staffPhone, time);
  }
}
