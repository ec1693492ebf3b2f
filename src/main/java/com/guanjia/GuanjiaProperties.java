package com.guanjia;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Guanjia's own settings ({@code guanjia.*}).
 *
 * @param timeZone the property's time zone: request numbers, ETAs without an offset
 * @param adminPassword password of the {@code admin} account on first start; required
 * @param dataKey key for the personal data in the resident archive; required
 * @param demo demo data switch
 * @param businessHours working hours and the public-holiday calendars non-urgent targets count in
 */
@ConfigurationProperties("guanjia")
public record GuanjiaProperties(
    @DefaultValue("Asia/Shanghai") ZoneId timeZone,
    String adminPassword,
    String dataKey,
    @DefaultValue Demo demo,
    @DefaultValue BusinessHours businessHours) {

  public record Demo(@DefaultValue("false") boolean enabled) {}

  /**
   * @param start first minute of a working day
   * @param end end of a working day
   * @param calendars where the holiday files are (one CSV per year: date,HOLIDAY|WORKDAY,name)
   */
  public record BusinessHours(
      @DefaultValue("08:30") java.time.LocalTime start,
      @DefaultValue("17:30") java.time.LocalTime end,
      @DefaultValue("classpath*:calendar/*.csv") String calendars) {}
}
