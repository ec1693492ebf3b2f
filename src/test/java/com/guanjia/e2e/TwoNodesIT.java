package com.guanjia.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.AppNode;
import com.guanjia.test.GuanjiaTest;
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
    try (AppNode second = AppNode.start("second-node", url, user, password)) {
      Api first = new Api(port);
      Api other = second.awaitUp().api();
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
    }
  }
}
