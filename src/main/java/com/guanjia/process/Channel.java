package com.guanjia.process;

/** Where a request came in (DOMAIN.md; seed 002 §3.2, R11). */
public enum Channel {
  PHONE, WECHAT, APP, EMAIL, WALK_IN, PATROL, OWNER_MEETING;

  /** Residents file these themselves: nobody registered them, so the zone's butler owns them (R1). */
  public boolean selfService() {
    return this == WECHAT || this == APP || this == EMAIL;
  }

  /** Found by staff on a round or raised at an owners' meeting: may concern no single resident (R11). */
  public boolean raisedByStaff() {
    return this == PATROL || this == OWNER_MEETING;
  }
}
