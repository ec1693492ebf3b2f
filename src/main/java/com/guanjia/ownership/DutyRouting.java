package com.guanjia.ownership;

import com.guanjia.escalation.BusinessHours;
import com.guanjia.resident.DutyRoster;
import com.guanjia.resident.StaffDirectory;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Who a step is offered to by name (the group is always offered it too): in service hours, and for anything not
 * urgent, the staff of the resident's zone in the trade; an urgent request outside service hours, whoever is on
 * duty in the trade (值班), else the zone's staff. Exposed to the models as {@code ${dutyRouting}}:
 * {@code camunda:candidateUsers="${dutyRouting.offeredTo(residentId, responsibleGroup, priority)}"}.
 */
@Service("dutyRouting")
public class DutyRouting {
  private final StaffDirectory staff;
  private final DutyRoster roster;
  private final BusinessHours hours;
  private final Clock clock;

  DutyRouting(StaffDirectory staff, DutyRoster roster, BusinessHours hours, Clock clock) {
    this.staff = staff;
    this.roster = roster;
    this.hours = hours;
    this.clock = clock;
  }

  public List<String> offeredTo(String residentId, String trade, String priority) {
    if (outsideServiceHours(priority) && trade != null) {
      List<String> onDuty = roster.onDuty(trade, clock.instant()).stream().map(DutyRoster.Shift::userId).distinct()
          .toList();
      if (!onDuty.isEmpty()) {
        return onDuty;
      }
    }
    return staff.zoneStaff(residentId, trade);
  }

  /**
   * For an urgent request outside service hours, the phone to call: whoever is on duty in the trade, else the
   * 24-hour duty phone of the request's project (管理处); empty in service hours, when not urgent, or when
   * there is neither.
   */
  public Optional<String> dutyPhone(String trade, String priority, String projectId) {
    if (!outsideServiceHours(priority)) {
      return Optional.empty();
    }
    Optional<String> onDuty = trade == null ? Optional.empty() : roster.phone(trade, clock.instant());
    return onDuty.isPresent() || projectId == null ? onDuty : roster.projectDutyPhone(projectId);
  }

  private boolean outsideServiceHours(String priority) {
    return "URGENT".equals(priority) && !hours.isServiceTime(clock.instant());
  }
}
