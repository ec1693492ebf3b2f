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
    ensure(configuration, index, table, columns, null);
  }

  /**
   * Creates {@code index} as above; on PostgreSQL only over the rows that match {@code where} (a partial
   * index, which PostgreSQL uses where the query's own conditions imply it), elsewhere over every row.
   */
  public static void ensure(ProcessEngineConfigurationImpl configuration, String index, String table, String columns,
      String where) {
    boolean partial = where != null && "postgres".equals(configuration.getDatabaseType());
    String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
    try (var connection = configuration.getDataSource().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("create index if not exists " + index + " on " + prefix + table + " (" + columns + ")"
          + (partial ? " where " + where : ""));
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the index " + index + " on " + table, e);
    }
  }
}
