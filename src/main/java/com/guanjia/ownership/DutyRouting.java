package com.guanjia.ownership;

import com.guanjia.escalation.ServiceHours;
import com.guanjia.resident.DutyRoster;
import com.guanjia.resident.StaffDirectory;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Who a step is offered to by name (the group is always offered it too): in service hours, and for anything not
 * urgent, the staff of the resident's zone in the trade; an urgent request outside its project's service hours,
 * whoever is on duty in the trade for that project (值班: its own staff or company-wide staff), else the zone's
 * staff. Exposed to the models as {@code ${dutyRouting}}:
 * {@code camunda:candidateUsers="${dutyRouting.offeredTo(residentId, responsibleGroup, priority)}"}.
 */
@Service("dutyRouting")
public class DutyRouting {
  private final StaffDirectory staff;
  private final DutyRoster roster;
  private final ServiceHours hours;
  private final Clock clock;

  DutyRouting(StaffDirectory staff, DutyRoster roster, ServiceHours hours, Clock clock) {
    this.staff = staff;
    this.roster = roster;
    this.hours = hours;
    this.clock = clock;
  }

  public List<String> offeredTo(String residentId, String trade, String priority) {
    // only an urgent request looks for the resident's project (管理处): its service hours and its duty roster
    String projectId = "URGENT".equals(priority) ? roster.projectOf(residentId).orElse(null) : null;
    if (outsideServiceHours(priority, projectId) && trade != null) {
      List<String> onDuty = roster.onDuty(trade, clock.instant(), projectId).stream().map(DutyRoster.Shift::userId).distinct()
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
    if (!outsideServiceHours(priority, projectId)) {
      return Optional.empty();
    }
    Optional<String> onDuty = trade == null ? Optional.empty() : roster.phone(trade, clock.instant(), projectId);
    return onDuty.isPresent() || projectId == null ? onDuty : roster.projectDutyPhone(projectId);
  }

  /** Urgent, and outside the service hours of the project (the company's when it has none of its own). */
  private boolean outsideServiceHours(String priority, String projectId) {
    return "URGENT".equals(priority) && !hours.of(projectId).isServiceTime(clock.instant());
  }
}
