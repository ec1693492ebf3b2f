package com.guanjia.process;

import java.sql.SQLException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Indexes Guanjia adds to Camunda's own tables where its queries need one that Camunda does not ship
 * (created at start-up if missing, on H2 and PostgreSQL alike).
 */
public final class EngineIndexes {
  private EngineIndexes() {}

  /** Creates {@code index} on the engine's {@code table} ({@code ACT_…}, without prefix) over {@code columns}. */
  public static void ensure(ProcessEngineConfigurationImpl configuration, String index, String table, String columns) {
    String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
    try (var connection = configuration.getDataSource().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("create index if not exists " + index + " on " + prefix + table + " (" + columns + ")");
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the index " + index + " on " + table, e);
    }
  }
}
