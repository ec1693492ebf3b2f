package com.guanjia.test;

import com.guanjia.GuanjiaApplication;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Another Guanjia node in a JVM of its own, on the test context's database, as a second server of a
 * cluster runs in production. Its output goes to {@code target/<name>.log}.
 */
public final class AppNode implements AutoCloseable {
  private final String name;
  private final Process process;
  private final int port;
  private final File log;

  private AppNode(String name, Process process, int port, File log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts a node on the given database with extra command-line properties ({@code --key=value}). */
  public static AppNode start(String name, String url, String user, String password, String... properties)
      throws IOException {
    return start(GuanjiaApplication.class, name, url, user, password, properties);
  }

  /** Starts another application of the test class path ({@code main}) the same way. */
  public static AppNode start(Class<?> main, String name, String url, String user, String password,
      String... properties) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    File log = Path.of("target", name + ".log").toFile();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), main.getName(),
        "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
        "--spring.datasource.password=" + password, "--server.port=" + port, "--guanjia.data-dir=target/test-data"));
    command.addAll(List.of(properties));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    return new AppNode(name, process, port, log);
  }

  public int port() {
    return port;
  }

  public Api api() {
    return new Api(port);
  }

  /** Waits until the node answers its health check (two minutes at most). */
  public AppNode awaitUp() throws InterruptedException {
    Api api = api();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("node " + name + " stopped; see " + log);
      }
      try {
        if (api.get(null, "/actuator/health").status() == 200) {
          return this;
        }
      } catch (IllegalStateException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("node " + name + " did not start within 2 minutes; see " + log);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
