package com.guanjia.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.GuanjiaApplication;
import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two application nodes on one database hand out distinct request numbers under concurrent intake.
 * The second node is a JVM of its own, as in production.
 */
@GuanjiaTest
class TwoNodesIT {
  @LocalServerPort int port;
  @Value("${spring.datasource.url}") String url;
  @Value("${spring.datasource.username}") String user;
  @Value("${spring.datasource.password:}") String password;

  @Test
  void concurrentIntakeOnTwoNodesGetsDistinctNumbers() throws Exception {
    int secondPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      secondPort = socket.getLocalPort();
    }
    Path log = Path.of("target", "second-node.log");
    Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), GuanjiaApplication.class.getName(),
        "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
        "--spring.datasource.password=" + password, "--server.port=" + secondPort,
        "--guanjia.data-dir=target/test-data")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      Api first = new Api(port);
      Api other = new Api(secondPort);
      awaitUp(other, second, log.toFile());
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Callable<String>> calls = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        Api node = i % 2 == 0 ? first : other;
        String body = Api.request("REPAIR", "FACILITY", "PHONE", "楼道灯不亮 #" + i, "R-0005");
        calls.add(() -> {
          var response = node.post("frontdesk", "/api/requests", body);
          assertThat(response.status()).as(response.body()).isEqualTo(201);
          return response.json().get("requestNo").asText();
        });
      }
      List<String> numbers = new ArrayList<>();
      for (Future<String> f : pool.invokeAll(calls)) {
        numbers.add(f.get());
      }
      pool.shutdown();
      assertThat(new HashSet<>(numbers)).hasSize(60);
    } finally {
      second.destroy();
      second.waitFor();
    }
  }

  private static void awaitUp(Api node, Process process, File log) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("the second node stopped; see " + log);
      }
      try {
        if (node.get(null, "/actuator/health").status() == 200) {
          return;
        }
      } catch (IllegalStateException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the second node did not start within 2 minutes; see " + log);
  }
}
