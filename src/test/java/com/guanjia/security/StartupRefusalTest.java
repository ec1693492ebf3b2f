package com.guanjia.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.guanjia.GuanjiaApplication;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Outside the demo profile the secrets come from the environment; without them Guanjia does not start. */
class StartupRefusalTest {

  private static void startInProduction(String adminPassword, String dataKey) {
    startInProduction("jdbc:h2:mem:" + UUID.randomUUID(), adminPassword, dataKey);
  }

  private static void startInProduction(String databaseUrl, String adminPassword, String dataKey) {
    SpringApplication app = new SpringApplicationBuilder(GuanjiaApplication.class).build();
    app.run("--spring.profiles.active=production", "--spring.datasource.url=" + databaseUrl,
        "--server.port=0", "--guanjia.admin-password=" + adminPassword, "--guanjia.data-key=" + dataKey,
        // an engine name of its own: closing it must not unregister the shared test context's "default" engine
        "--camunda.bpm.process-engine-name=refused", "--camunda.bpm.job-execution.enabled=false").close();
  }

  @Test
  void refusesToStartWithoutAnAdminPassword() {
    assertThatThrownBy(() -> startInProduction("", "a-key")).rootCause().hasMessageContaining("GUANJIA_ADMIN_PASSWORD");
  }

  @Test
  void refusesToStartWhenTheDatabaseHoldsARevokeItWouldIgnore() throws Exception {
    String database = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    startInProduction(database, "s3cret", "a-key");
    try (Connection c = DriverManager.getConnection(database, "sa", ""); Statement s = c.createStatement()) {
      // as a database edited by hand (the engine refuses to store one)
      s.execute("insert into ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, USER_ID_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_) "
          + "values ('gj-revoke', 1, 2, 'tech1', 0, 'tasklist', 2)");
    }
    try {
      assertThatThrownBy(() -> startInProduction(database, "s3cret", "a-key")).rootCause()
          .hasMessageContaining("revoke authorization(s) in the database would be ignored");
    } finally {
      try (Connection c = DriverManager.getConnection(database, "sa", ""); Statement s = c.createStatement()) {
        s.execute("shutdown");
      }
    }
  }

  @Test
  void refusesToStartWithoutAKeyForResidentsData() {
    assertThatThrownBy(() -> startInProduction("s3cret", "")).rootCause().hasMessageContaining("GUANJIA_DATA_KEY");
  }

  /** The demo users (password "demo") and residents exist only where profile demo loaded them. */
  @Test
  void outsideTheDemoProfileNoDemoUserOrResidentExists() throws Exception {
    String database = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    startInProduction(database, "s3cret", "a-key");
    try (Connection c = DriverManager.getConnection(database, "sa", ""); Statement s = c.createStatement()) {
      var users = new java.util.ArrayList<String>();
      try (var rs = s.executeQuery("select ID_ from ACT_ID_USER")) {
        while (rs.next()) {
          users.add(rs.getString(1));
        }
      }
      org.assertj.core.api.Assertions.assertThat(users).containsExactly("admin");
      try (var rs = s.executeQuery("select (select count(*) from resident) + (select count(*) from staff_member)")) {
        rs.next();
        org.assertj.core.api.Assertions.assertThat(rs.getLong(1)).isZero();
      }
      s.execute("shutdown");
    }
  }
}
