package com.guanjia.archive;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * One kind of company file Guanjia imports (residents, staff, zones): it compares the file with what Guanjia
 * holds and says what it would change and what stops it; {@link ArchiveImports} runs it.
 */
interface Importer {
  /** The kind as recorded with each import: {@code RESIDENTS}, {@code STAFF}, {@code ZONES}. */
  String kind();

  /** Compares {@code table} with what Guanjia holds, reporting each checked row to {@code rowChecked}. */
  Checked check(Spreadsheet.Table table, IntConsumer rowChecked);

  /** What a file would do, and what stops it. */
  interface Checked {
    int rows();

    List<RowProblem> problems();

    int created();

    int updated();

    int unchanged();

    /** Things the file adds beside its rows (units of new residents), 0 when none. */
    int alsoCreated();

    /** Writes all of it in one transaction, or nothing; only called when there is no problem. */
    void write(String by, String source, IntConsumer rowsWritten);

    default boolean ok() {
      return problems().isEmpty();
    }
  }
}
