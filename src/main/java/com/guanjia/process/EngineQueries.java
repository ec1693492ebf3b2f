package com.guanjia.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.query.Query;

/**
 * Reads all of an engine query's results. The engine refuses a signed-in caller an unbounded list
 * ({@code query-max-results-limit}, so that no REST call pulls a year of history into memory); Guanjia's own
 * reads, which name one case, one instance or one project, ask for pages below that limit when they run on a
 * signed-in request's thread. Inside the engine's own command (a delegate, a listener, a case read as allowed)
 * the limit does not apply and the query runs as one statement, as before the limit.
 */
public final class EngineQueries {
  /** Rows per page: well below the engine's limit. */
  static final int PAGE = 500;

  private EngineQueries() {
  }

  /** Every result of {@code query}, in its order (the engine orders by id when the query names no order). */
  public static <T> List<T> all(Query<?, T> query) {
    if (Context.getCommandContext() != null) {
      return query.list();
    }
    List<T> all = new ArrayList<>();
    for (int first = 0; ; first += PAGE) {
      List<T> page = query.listPage(first, PAGE);
      all.addAll(page);
      if (page.size() < PAGE) {
        return all;
      }
    }
  }
}
