package com.guanjia.escalation;

import com.guanjia.notification.StaffNotices;
import com.guanjia.resident.StaffDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * R1: the owner hears of every change to the case someone else makes: a moved promise, a wait on the resident,
 * the end of the wait. The owner's own changes tell nobody but the resident.
 */
@Service
class OwnerUpdates {
  private final StaffNotices notices;
  private final StaffDirectory staff;
  private final Clock clock;

  OwnerUpdates(StaffNotices notices, StaffDirectory staff, Clock clock) {
    this.notices = notices;
    this.staff = staff;
    this.clock = clock;
  }

  void etaChanged(String requestNo, String owner, String by, OffsetDateTime eta, String reason, String remedy) {
    Map<String, Object> values = new HashMap<>();
    values.put("eta", true);
    values.put("time", eta.atZoneSameInstant(clock.getZone()).format(Escalations.TIME));
    values.put("reason", reason);
    values.put("remedy", remedy);
    tell(requestNo, owner, by, "ETA:" + eta.toInstant().toEpochMilli(), values);
  }

  void waiting(String requestNo, String owner, String by, String reason) {
    tell(requestNo, owner, by, "WAITING:" + clock.millis(), Map.of("waiting", true, "reason", reason));
  }

  void resumed(String requestNo, String owner, String by, Duration waited) {
    tell(requestNo, owner, by, "RESUMED:" + clock.millis(),
        Map.of("resumed", true, "minutes", Math.max(0, waited.toMinutes())));
  }

  private void tell(String requestNo, String owner, String by, String key, Map<String, Object> values) {
    if (owner == null || owner.equals(by)) {
      return;
    }
    var all = new HashMap<String, Object>(values);
    all.put("by", by == null ? "系统" : staff.displayName(by));
    notices.tell(requestNo + ":CASE_CHANGED:" + key, requestNo, owner, StaffNotices.CASE_CHANGED, all);
  }
}
