package com.guanjia.ownership;

import com.guanjia.GuanjiaProperties;
import org.springframework.stereotype.Component;

/**
 * When the day shift takes over (the {@code duty-handover} timer, {@code ${dutyHandover.cron()}}): every day at the
 * start of service hours ({@code guanjia.business-hours.start}) in Guanjia's time zone.
 */
@Component("dutyHandover")
public class DutyHandover {
  private final GuanjiaProperties properties;

  DutyHandover(GuanjiaProperties properties) {
    this.properties = properties;
  }

  /**
   * A Camunda cron for the start of service hours every day. Camunda reads a cron in the server's time zone, so
   * the start in Guanjia's time zone is given in the server's.
   */
  public String cron() {
    var start = java.time.ZonedDateTime.of(java.time.LocalDate.now(properties.timeZone()),
        properties.businessHours().start(), properties.timeZone()).withZoneSameInstant(java.time.ZoneId.systemDefault());
    return "0 " + start.getMinute() + " " + start.getHour() + " * * ?";
  }
}
