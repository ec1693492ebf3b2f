package com.guanjia.notification;

import com.guanjia.test.Api;

/** A fresh resident with one repair the front desk registered, for tests outside this package. */
public final class MessageCenterPageTestAccess {
  private MessageCenterPageTestAccess() {}

  public static String residentWithARepair(Api api) {
    String residentId = MessageCenterPageTest.aResidentWithAnInquiry(api, "矩阵住户");
    var repair = api.post("frontdesk", "/api/requests",
        Api.request("REPAIR", "WATER_ELECTRIC", "PHONE", "矩阵：卫生间灯不亮", residentId));
    if (repair.status() != 201) {
      throw new IllegalStateException(repair.body());
    }
    return residentId;
  }
}
