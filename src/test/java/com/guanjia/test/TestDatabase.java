package com.guanjia.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test context at its database: by default a private in-memory H2 database; with
 * {@code -Dguanjia.test.database=postgres} a fresh database on the local PostgreSQL server, created
 * for this run (databases of earlier runs are dropped first).
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {
  static final String SERVER = System.getProperty("guanjia.test.pg.url",
      System.getenv().getOrDefault("GUANJIA_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/"));
  static final String USER = System.getProperty("guanjia.test.pg.user",
      System.getenv().getOrDefault("GUANJIA_TEST_PG_USER", "postgres"));
  static final String PASSWORD = System.getenv().getOrDefault("GUANJIA_TEST_PG_PASSWORD", "");
  private static final String PREFIX = "guanjia_test_";
  private static final String RUN = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
      + "_" + ProcessHandle.current().pid();
  private static int databases;

  public static boolean postgres() {
    return "postgres".equals(System.getProperty("guanjia.test.database"));
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    if (postgres()) {
      context.getEnvironment().setActiveProfiles("postgres", "demo");
    }
    Map<String, Object> properties = postgres()
        ? Map.of("spring.datasource.url", SERVER + freshPostgresDatabase(), "spring.datasource.username", USER,
            "spring.datasource.password", PASSWORD)
        : Map.of("spring.datasource.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "spring.datasource.username", "sa", "spring.datasource.password", "");
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("guanjia-test-database", properties));
  }

  /** A new empty database for one test context on the local server. */
  public static synchronized String freshPostgresDatabase() {
    String name = PREFIX + RUN + "_" + (++databases);
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
        Statement s = c.createStatement()) {
      if (databases == 1) {
        // databases of earlier runs, left when a run ended; a run younger than a day may still be going
        String dayAgo = LocalDateTime.now().minusDays(1).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        List<String> old = new ArrayList<>();
        try (var rs = s.executeQuery("select datname from pg_database where datname like '" + PREFIX + "%'")) {
          while (rs.next()) {
            String db = rs.getString(1);
            if (db.substring(PREFIX.length()).compareTo(dayAgo) < 0) {
              old.add(db);
            }
          }
        }
        for (String db : old) {
          s.execute("drop database if exists " + db + " with (force)");
        }
      }
      s.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + SERVER + " is not reachable as " + USER
          + ": start it (see .ci/run) or set GUANJIA_TEST_PG_URL", e);
    }
    return name;
  }
}
