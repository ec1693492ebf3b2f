package com.guanjia.process;

import com.guanjia.GuanjiaProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One clock for Guanjia and the engine: Java code reads Camunda's {@link ClockUtil}, so a test that
 * moves the engine's time moves ours too.
 */
@Configuration(proxyBeanMethods = false)
class EngineClock {

  @Bean
  Clock clock(GuanjiaProperties properties) {
    return new ClockUtilClock(properties.timeZone());
  }

  private static final class ClockUtilClock extends Clock {
    private final ZoneId zone;

    ClockUtilClock(ZoneId zone) {
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
      return new ClockUtilClock(other);
    }

    @Override
    public Instant instant() {
      return ClockUtil.now().toInstant();
    }
  }
}
