package com.guanjia.ownership;

import com.guanjia.process.Channel;
import com.guanjia.resident.StaffDirectory;
import org.springframework.stereotype.Service;

/**
 * R1 first-responder responsibility: whoever first receives a request owns it. For self-service
 * channels nobody received it in person, so the butler of the resident's zone does.
 */
@Service
class FirstResponders {
  private final StaffDirectory staff;

  FirstResponders(StaffDirectory staff) {
    this.staff = staff;
  }

  String choose(Channel channel, String residentId, String registeredBy) {
    if (channel.selfService()) {
      return staff.zoneButler(residentId).orElseThrow(() -> new IllegalStateException(
          "No butler serves the zone of resident " + residentId + ": assign one in the staff directory"));
    }
    return registeredBy;
  }
}
