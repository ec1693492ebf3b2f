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
 */
@ConfigurationProperties("guanjia")
public record GuanjiaProperties(
    @DefaultValue("Asia/Shanghai") ZoneId timeZone,
    String adminPassword,
    String dataKey,
    @DefaultValue Demo demo) {

  public record Demo(@DefaultValue("false") boolean enabled) {}
}
