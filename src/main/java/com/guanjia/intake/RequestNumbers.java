package com.guanjia.intake;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Request numbers {@code GJ-yyyyMMdd-NNNN}, counted per day in the database, so that several
 * application nodes on one database never hand out the same number. A number drawn for the API is
 * committed at once: a request that fails afterwards leaves a gap, never a duplicate.
 */
@Component
class RequestNumbers {
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;

  RequestNumbers(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    // Alone (the API draws before its transaction) a draw commits at once; inside a starting case
    // (Tasklist's start form) it joins that transaction rather than hold a second connection.
    ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
  }

  String next() {
    LocalDate day = LocalDate.now(clock);
    for (int attempt = 0; ; attempt++) {
      try {
        Integer number = ownTransaction.execute(status -> draw(day));
        return "GJ-%s-%04d".formatted(day.format(DAY), number);
      } catch (DuplicateKeyException firstOfTheDayRace) {
        if (attempt > 3) {
          throw firstOfTheDayRace;
        }
        // another node opened the day's counter at the same moment: its row exists now
      }
    }
  }

  private int draw(LocalDate day) {
    // The update locks the day's row until commit; concurrent callers queue behind it.
    int updated = jdbc.sql("update request_day_counter set last_no = last_no + 1 where counter_day = ?").param(day).update();
    if (updated == 0) {
      jdbc.sql("insert into request_day_counter (counter_day, last_no) values (?, 1)").param(day).update();
      return 1;
    }
    return jdbc.sql("select last_no from request_day_counter where counter_day = ?").param(day).query(Integer.class).single();
  }
}
