package com.guanjia.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.guanjia.GuanjiaApplication;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Outside the demo profile the secrets come from the environment; without them Guanjia does not start. */
class StartupRefusalTest {

  private static void startInProduction(String adminPassword, String dataKey) {
    SpringApplication app = new SpringApplicationBuilder(GuanjiaApplication.class).build();
    app.run("--spring.profiles.active=production", "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
        "--server.port=0", "--guanjia.admin-password=" + adminPassword, "--guanjia.data-key=" + dataKey,
        // an engine name of its own: closing it must not unregister the shared test context's "default" engine
        "--camunda.bpm.process-engine-name=refused", "--camunda.bpm.job-execution.enabled=false").close();
  }

  @Test
  void refusesToStartWithoutAnAdminPassword() {
    assertThatThrownBy(() -> startInProduction("", "a-key")).rootCause().hasMessageContaining("GUANJIA_ADMIN_PASSWORD");
  }

  @Test
  void refusesToStartWithoutAKeyForResidentsData() {
    assertThatThrownBy(() -> startInProduction("s3cret", "")).rootCause().hasMessageContaining("GUANJIA_DATA_KEY");
  }
}
