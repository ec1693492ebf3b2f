package com.guanjia.ownership;

import com.guanjia.process.Category;
import com.guanjia.process.Channel;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.guanjia.resident.StaffDirectory;
import org.springframework.stereotype.Service;

/**
 * R1 first-responder responsibility: whoever first receives a request owns it. For self-service
 * channels nobody received it in person, so the butler of the resident's zone does.
 */
@Service
class FirstResponders {
  private static final Logger LOG = LoggerFactory.getLogger(FirstResponders.class);
  private final StaffDirectory staff;

  FirstResponders(StaffDirectory staff) {
    this.staff = staff;
  }

  /**
   * @param category a complaint about staff attitude may concern the zone's butler himself: it is
   *     then owned by the butler's supervisor (R4: never by the staff member concerned)
   */
  String choose(Channel channel, Category category, String residentId, String registeredBy) {
    if (!channel.selfService()) {
      return registeredBy;
    }
    Optional<String> butler = staff.zoneButler(residentId);
    if (butler.isEmpty()) {
      LOG.warn("No butler serves the zone of resident {}: {} owns the request until one is assigned", residentId,
          registeredBy);
      return registeredBy;
    }
    if (category == Category.STAFF_ATTITUDE) {
      return staff.supervisorOf(butler.get()).stream().findFirst().orElse(registeredBy);
    }
    return butler.get();
  }
}
