package com.guanjia.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.ChainListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.ProcessDefinitionCache;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A node reads a model into its cache while requests keep coming (a second node that has just started,
 * or any node after a supervisor deployed a new version elsewhere). Camunda puts the model into the
 * cache before it links the model's timers and async steps to their job definitions (one query of
 * ACT_RU_JOBDEF); a request that finds the model in that moment must still get jobs with their job
 * definition (TwoNodesIT once answered 500: "Invalid process definition id: processDefinitionId is null").
 */
@GuanjiaTest
class ModelCacheTest {
  @LocalServerPort int port;
  @Autowired ProcessEngineConfigurationImpl configuration;
  @Autowired DataSource dataSource;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;

  @Test
  void aRequestArrivingWhileTheModelIsReadIntoTheCacheGetsItsTimers() throws Exception {
    Api api = new Api(port);
    ExecutorService second = Executors.newSingleThreadExecutor();
    AtomicBoolean armed = new AtomicBoolean(true);
    AtomicReference<CompletableFuture<Api.Response>> inTheGap = new AtomicReference<>();
    AtomicReference<String> meanwhile = new AtomicReference<>();
    // the first request reads service-request; when it asks for the model's job definitions, the model
    // is in the cache already and its timers not yet linked: the second request comes in right then
    QueryExecutionListener gap = new QueryExecutionListener() {
      @Override
      public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
        if (!linksServiceRequestJobs(queries) || !armed.compareAndSet(true, false)) {
          return;
        }
        var request = CompletableFuture.supplyAsync(() -> api.post("frontdesk", "/api/requests",
            Api.request("REPAIR", "FACILITY", "PHONE", "读模型时登记 #2", "R-0005")), second);
        inTheGap.set(request);
        meanwhile.set(awaitAnsweredOrWaitingForTheCache(request));
      }

      @Override
      public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
      }
    };
    ChainListener listeners = ((ProxyDataSource) dataSource).getProxyConfig().getQueryListener();
    List<QueryExecutionListener> before = listeners.getListeners();
    List<QueryExecutionListener> with = new ArrayList<>(before);
    with.add(gap);
    configuration.getDeploymentCache().discardProcessDefinitionCache();
    listeners.setListeners(with);
    try {
      var first = api.post("frontdesk", "/api/requests",
          Api.request("REPAIR", "FACILITY", "PHONE", "读模型时登记 #1", "R-0005"));
      assertThat(inTheGap.get()).as("the model was read into the cache by the first request").isNotNull();
      assertThat(meanwhile.get()).as("the second request came in while the first read the model")
          .isIn("answered", "waited for the model");
      var other = inTheGap.get().get(60, TimeUnit.SECONDS);
      assertThat(first.status()).as(first.body()).isEqualTo(201);
      assertThat(other.status()).as(other.body()).isEqualTo(201);
      for (var response : List.of(first, other)) {
        String requestNo = response.json().get("requestNo").asText();
        var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(requestNo)
            .processDefinitionKey(ProcessContract.PROCESS_SERVICE_REQUEST).singleResult();
        List<Job> timers = management.createJobQuery().processInstanceId(instance.getId()).timers().list();
        assertThat(timers).as(requestNo + "'s deadlines").hasSize(2)
            .allSatisfy(timer -> {
              assertThat(timer.getJobDefinitionId()).isNotNull();
              assertThat(timer.getProcessDefinitionId()).isEqualTo(instance.getProcessDefinitionId());
            });
      }
    } finally {
      listeners.setListeners(before);
      second.shutdown();
    }
  }

  /** Camunda's query of a model's job definitions while it reads service-request into the cache. */
  private static boolean linksServiceRequestJobs(List<QueryInfo> queries) {
    return queries.stream().anyMatch(q -> q.getQuery().replaceAll("\\s+", " ").toUpperCase()
        .contains("FROM ACT_RU_JOBDEF WHERE PROC_DEF_ID_ =")
        && q.getParametersList().stream().flatMap(List::stream)
            .anyMatch(p -> p.getArgs() != null && p.getArgs().length > 1
                && String.valueOf(p.getArgs()[1]).startsWith(ProcessContract.PROCESS_SERVICE_REQUEST + ":")));
  }

  /**
   * Lets the second request run until it has its answer or waits for the model this thread is reading
   * (blocked on the process definition cache); then this thread goes on. Says which, or "neither".
   */
  private static String awaitAnsweredOrWaitingForTheCache(CompletableFuture<?> request) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    var threads = ManagementFactory.getThreadMXBean();
    while (System.nanoTime() < deadline) {
      if (request.isDone()) {
        return "answered";
      }
      for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
        if (info != null && info.getThreadState() == Thread.State.BLOCKED && info.getLockInfo() != null
            && info.getLockInfo().getClassName().equals(ProcessDefinitionCache.class.getName())) {
          return "waited for the model";
        }
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return "neither";
  }
}
