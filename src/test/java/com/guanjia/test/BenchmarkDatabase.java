package com.guanjia.test;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** The benchmarks' database: the test database, but the embedded default as shipped, an H2 file. */
public class BenchmarkDatabase extends TestDatabase {
  @Override
  public void initialize(ConfigurableApplicationContext context) {
    super.initialize(context);
    if (!postgres()) {
      Path dir = Path.of("target", "benchmark-data", "h2-" + ProcessHandle.current().pid());
      context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("benchmark-h2",
          Map.of("spring.datasource.url",
              "jdbc:h2:file:" + dir.toAbsolutePath() + "/guanjia;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE")));
    }
  }
}
