package com.guanjia.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the SQL statements the application sends, by the statement's opening words ("insert into
 * ACT_HI_VARINST", "select distinct RES.*"), with datasource-proxy wrapped around the application's
 * DataSource. A test or benchmark imports {@link Config}, calls {@link #reset()} before a step and
 * reads {@link #snapshot()} after it. Statements of a batch count one each.
 */
public final class StatementCounter implements QueryExecutionListener {
  private final Map<String, LongAdder> byStatement = new ConcurrentHashMap<>();
  private final LongAdder total = new LongAdder();
  private final java.util.Set<String> texts = ConcurrentHashMap.newKeySet();
  private volatile boolean recording = true;

  /** Wraps the application's DataSource; the counter is a bean of its own. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Config {
    @Bean
    StatementCounter statementCounter() {
      return new StatementCounter();
    }

    @Bean
    static BeanPostProcessor countingDataSource(org.springframework.beans.factory.ObjectProvider<StatementCounter> counter) {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          if (bean instanceof DataSource dataSource && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)) {
            return ProxyDataSourceBuilder.create(dataSource).name(name).listener(counter.getObject()).build();
          }
          return bean;
        }
      };
    }
  }

  /** What one step sent: the total and the count per statement kind, largest first. */
  public record Counts(long total, Map<String, Long> byStatement) {
    public List<Map.Entry<String, Long>> largest(int n) {
      List<Map.Entry<String, Long>> entries = new ArrayList<>(byStatement.entrySet());
      entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
      return entries.subList(0, Math.min(n, entries.size()));
    }
  }

  public void reset() {
    byStatement.clear();
    texts.clear();
    total.reset();
    recording = true;
  }

  public void pause() {
    recording = false;
  }

  /** The statements sent since the last reset, whitespace folded, that contain {@code fragment} (any case). */
  public List<String> containing(String fragment) {
    String wanted = fragment.toUpperCase(java.util.Locale.ROOT);
    return texts.stream().filter(t -> t.toUpperCase(java.util.Locale.ROOT).contains(wanted)).toList();
  }

  public Counts snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    byStatement.forEach((k, v) -> copy.put(k, v.sum()));
    return new Counts(total.sum(), copy);
  }

  @Override
  public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
  }

  @Override
  public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
    if (!recording) {
      return;
    }
    for (QueryInfo query : queryInfoList) {
      int times = Math.max(1, query.getParametersList().size());
      total.add(times);
      byStatement.computeIfAbsent(kind(query.getQuery()), k -> new LongAdder()).add(times);
      texts.add(query.getQuery().replaceAll("\\s+", " ").strip());
    }
  }

  /** A statement's kind: its first words up to the table or the first clause, whitespace folded. */
  static String kind(String sql) {
    String flat = sql.replaceAll("\\s+", " ").strip();
    String upper = flat.toUpperCase(java.util.Locale.ROOT);
    int cut = flat.length();
    for (String clause : new String[] {" WHERE ", " SET ", " VALUES", " (", " LEFT ", " INNER ", " JOIN ", " ORDER "}) {
      int at = upper.indexOf(clause);
      if (at > 0 && at < cut) {
        cut = at;
      }
    }
    String head = flat.substring(0, cut);
    int from = head.toUpperCase(java.util.Locale.ROOT).indexOf(" FROM ");
    if (from > 0) {
      // "select <columns> from T": the table says more than the columns
      String[] select = head.substring(0, from).split(" ");
      head = select[0] + (select.length > 1 && "distinct".equalsIgnoreCase(select[1]) ? " distinct" : "")
          + head.substring(from);
    }
    return head.length() > 90 ? head.substring(0, 90) : head;
  }
}
