package com.guanjia.operations;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.camunda.bpm.engine.rest.hal.Hal;
import org.camunda.bpm.engine.rest.hal.cache.DefaultHalResourceCache;
import org.camunda.bpm.engine.rest.hal.cache.HalRelationCacheBootstrap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tasklist lists tasks as HAL ({@code /engine-rest/filter/{id}/list}) and each list embeds the tasks'
 * process definitions, assignees and candidate groups, each read from the database on every call. Camunda
 * can keep these relations in memory (its {@code HalRelationCacheBootstrap}, which a standalone webapp
 * configures in {@code web.xml} and the Spring Boot starter does not): definitions never change under an
 * id, and every member of staff may read every user and group ({@code AccessSetup}), so one reader's
 * cached entry is what any other reader would have read. A renamed user or group shows its new name
 * after {@code guanjia.tasklist.relation-cache-seconds} at the latest ({@code 0}: no cache).
 */
@Component
class TasklistRelationCache {
  private static final String[] CACHED = {
      "org.camunda.bpm.engine.rest.hal.processDefinition.HalProcessDefinition",
      "org.camunda.bpm.engine.rest.hal.user.HalUser",
      "org.camunda.bpm.engine.rest.hal.group.HalGroup"};

  private final long secondsToLive;

  TasklistRelationCache(@Value("${guanjia.tasklist.relation-cache-seconds:300}") long secondsToLive) {
    this.secondsToLive = secondsToLive;
  }

  @PostConstruct
  void configure() {
    if (secondsToLive <= 0) {
      return;
    }
    var caches = new StringBuilder();
    for (String resource : CACHED) {
      caches.append(caches.isEmpty() ? "" : ",")
          .append("\"%s\":{\"capacity\":1000,\"secondsToLive\":%d}".formatted(resource, secondsToLive));
    }
    new HalRelationCacheBootstrap().configureCaches(
        "{\"cacheImplementation\":\"" + SharedCache.class.getName() + "\","
            + "\"caches\":{" + caches + "}}");
  }

  /** Camunda's cache, for many request threads at once (its own is a plain map). */
  public static class SharedCache extends DefaultHalResourceCache {
    @Override
    public synchronized int size() {
      return super.size();
    }

    @Override
    public synchronized void put(String id, Object resource) {
      super.put(id, resource);
    }

    @Override
    public synchronized void remove(String id) {
      super.remove(id);
    }

    @Override
    public synchronized Object get(String id) {
      return super.get(id);
    }

    @Override
    public synchronized void destroy() {
      super.destroy();
    }
  }

  /** The caches are the REST API's static state: a second application in the same JVM starts without them. */
  @PreDestroy
  void destroy() {
    Hal.getInstance().destroyHalRelationCaches();
  }
}
