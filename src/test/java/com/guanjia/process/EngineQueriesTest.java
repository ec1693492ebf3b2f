package com.guanjia.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.query.Query;
import org.junit.jupiter.api.Test;

/**
 * Guanjia's own engine reads on a signed-in request's thread come in pages below the engine's limit, all of them, in
 * the query's order (inside the engine's command no limit applies, and a read stays one list).
 */
class EngineQueriesTest {

  /** A query over {@code rows} answering pages only, as the engine does for a signed-in caller; logs each page. */
  @SuppressWarnings("unchecked")
  private static Query<?, Integer> pagedOnly(List<Integer> rows, List<String> pages) {
    return (Query<?, Integer>) Proxy.newProxyInstance(Query.class.getClassLoader(), new Class<?>[] {Query.class},
        (proxy, method, args) -> {
          if (!method.getName().equals("listPage")) {
            throw new UnsupportedOperationException(method.getName() + ": an unbound number of results is forbidden");
          }
          int first = (Integer) args[0];
          int max = (Integer) args[1];
          assertThat(max).isLessThanOrEqualTo(2000);
          pages.add(first + "+" + max);
          return rows.subList(Math.min(first, rows.size()), Math.min(first + max, rows.size()));
        });
  }

  @Test
  void everyRowComesInPagesOfFiveHundred() {
    List<Integer> rows = IntStream.range(0, 1234).boxed().toList();
    List<String> pages = new ArrayList<>();
    assertThat(EngineQueries.all(pagedOnly(rows, pages))).isEqualTo(rows);
    assertThat(pages).containsExactly("0+500", "500+500", "1000+500");
  }

  @Test
  void aFullLastPageAsksOnceMoreAndAnEmptyQueryOnce() {
    List<String> pages = new ArrayList<>();
    assertThat(EngineQueries.all(pagedOnly(IntStream.range(0, 1000).boxed().toList(), pages))).hasSize(1000);
    assertThat(pages).containsExactly("0+500", "500+500", "1000+500");
    pages.clear();
    assertThat(EngineQueries.all(pagedOnly(List.of(), pages))).isEmpty();
    assertThat(pages).containsExactly("0+500");
  }
}
