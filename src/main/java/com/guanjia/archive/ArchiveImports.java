package com.guanjia.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.guanjia.web.ConflictException;
import com.guanjia.web.NotFoundException;
import jakarta.annotation.PreDestroy;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Runs resident imports one at a time, beside the web request that uploaded the file: the uploader gets the
 * import's address at once and follows its progress there (rows read, checked, written). A dry run checks and
 * reports; an import checks, and writes everything in one transaction only when no row has a problem. Each
 * import is recorded (who, which file by its hash, when, how it ended, the problems); the file is not kept.
 */
@Service
class ArchiveImports {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveImports.class);
  private final Map<String, Importer> importers = new java.util.HashMap<>();
  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;
  private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "resident-import");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<String, Progress> running = new ConcurrentHashMap<>();
  /** Files whose dry run found nothing wrong, kept in memory (never on disk) a while for "import this file". */
  private final Map<String, Held> checked = new ConcurrentHashMap<>();

  private record Held(String kind, String fileName, byte[] content, String by, long until) {}

  private static final long HOLD_MILLIS = 30 * 60 * 1000L;
  private static final int HOLD_AT_MOST = 5;

  private final org.springframework.transaction.support.TransactionTemplate transaction;

  ArchiveImports(List<Importer> importers, JdbcClient jdbc, ObjectMapper json, Clock clock,
      org.springframework.transaction.PlatformTransactionManager transactions) {
    this.transaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
    importers.forEach(importer -> this.importers.put(importer.kind(), importer));
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /**
   * How an import stands. {@code phase}: READING, CHECKING, WRITING while it runs. {@code unitsCreated}: what a
   * file adds beside its rows (the units of new residents).
   */
  record Report(String importId, String kind, String fileName, boolean dryRun, String state, String phase, String startedBy,
      OffsetDateTime startedAt, OffsetDateTime finishedAt, int rowsTotal, int rowsRead, int rowsChecked,
      int rowsWritten, int created, int updated, int unchanged, int unitsCreated,
      List<RowProblem> problems) {}

  private static final class Progress {
    volatile String phase = "READING";
    final AtomicInteger read = new AtomicInteger();
    final AtomicInteger checked = new AtomicInteger();
    final AtomicInteger written = new AtomicInteger();
    volatile int total;
  }

  /** Mark imports that a stopped node left running as failed: their transaction never committed. */
  @EventListener(ApplicationReadyEvent.class)
  void interruptedImports() {
    int stale = jdbc.sql("update archive_import set state = 'FAILED', finished_at = ?, problems = ? "
            + "where state = 'RUNNING'")
        .params(OffsetDateTime.now(clock), problemsJson(List.of(new RowProblem(0, null, null,
            "导入被中断（服务重启），没有写入任何数据，请重新导入"))))
        .update();
    if (stale > 0) {
      LOG.warn("{} resident import(s) were interrupted by a restart and wrote nothing", stale);
    }
  }

  /** Starts checking (and, unless {@code dryRun}, importing) {@code content}; returns at once. */
  synchronized Report start(String kind, String fileName, byte[] content, boolean dryRun, String by) {
    Importer importer = importers.get(kind);
    if (!running.isEmpty()) {
      throw new ConflictException("file", "另一个导入正在进行，请等它结束（" + running.keySet().iterator().next() + "）");
    }
    String importId = UUID.randomUUID().toString();
    Progress progress = new Progress();
    running.put(importId, progress);
    jdbc.sql("""
            insert into archive_import (import_id, kind, file_name, file_sha256, dry_run, state, started_by, started_at)
            values (?, ?, ?, ?, ?, 'RUNNING', ?, ?)""")
        .params(importId, kind, fileName, sha256(content), dryRun, by, OffsetDateTime.now(clock)).update();
    runner.execute(() -> run(importer, importId, fileName, content, dryRun, by, progress));
    return report(kind, importId);
  }

  private void run(Importer importer, String importId, String fileName, byte[] content, boolean dryRun, String by,
      Progress progress) {
    try {
      Spreadsheet.Table table = Spreadsheet.read(fileName, content, progress.read::set);
      progress.total = table.rows().size();
      progress.phase = "CHECKING";
      Importer.Checked plan = importer.check(table, progress.checked::set);
      String state;
      if (dryRun) {
        state = "CHECKED";
      } else if (!plan.ok()) {
        state = "REJECTED";
      } else {
        progress.phase = "WRITING";
        // all of it or nothing: every importer's writes in one transaction
        transaction.executeWithoutResult(status -> plan.write(by, "import:" + importId, progress.written::set));
        state = "IMPORTED";
      }
      if (dryRun && plan.ok()) {
        // at hand before the report says CHECKED: a client may confirm the moment it reads that
        hold(importId, new Held(importer.kind(), fileName, content, by, System.currentTimeMillis() + HOLD_MILLIS));
      }
      finish(importId, state, plan.rows(), plan.created(), plan.updated(), plan.unchanged(), plan.alsoCreated(),
          plan.problems());
      LOG.info("{} import {} ({}, {} rows) by {}: {}, {} problem(s)", importer.kind(), importId, fileName, plan.rows(),
          by, state, plan.problems().size());
    } catch (Spreadsheet.Unreadable e) {
      finish(importId, "FAILED", 0, 0, 0, 0, 0, List.of(new RowProblem(0, null, null, e.getMessage())));
    } catch (RuntimeException e) {
      LOG.error("{} import {} ({}) failed; nothing was written", importer.kind(), importId, fileName, e);
      finish(importId, "FAILED", progress.total, 0, 0, 0, 0, List.of(new RowProblem(0, null, null,
          "导入失败，没有写入任何数据：" + e.getClass().getSimpleName())));
    } finally {
      running.remove(importId);
    }
  }

  private void finish(String importId, String state, int rows, int created, int updated, int unchanged,
      int unitsCreated, List<RowProblem> problems) {
    // no longer in the way of the next import once its report says it ended: a client that reads the end and
    // uploads the next file at once must not be told that this one is still running
    running.remove(importId);
    jdbc.sql("""
            update archive_import set state = ?, finished_at = ?, rows_total = ?, created_count = ?, updated_count = ?,
                   unchanged_count = ?, units_created = ?, problems = ?
             where import_id = ?""")
        .params(state, OffsetDateTime.now(clock), rows, created, updated, unchanged, unitsCreated,
            problemsJson(problems), importId)
        .update();
  }

  private void hold(String importId, Held held) {
    long now = System.currentTimeMillis();
    checked.values().removeIf(h -> h.until() < now);
    while (checked.size() >= HOLD_AT_MOST) {
      checked.entrySet().stream().min(java.util.Comparator.comparingLong(e -> e.getValue().until()))
          .ifPresent(oldest -> checked.remove(oldest.getKey()));
    }
    checked.put(importId, held);
  }

  /** Whether the file of a clean dry run is still at hand, so that it can be imported without uploading it again. */
  boolean canConfirm(String kind, String importId, String by) {
    Held held = checked.get(importId);
    return held != null && held.kind().equals(kind) && held.by().equals(by)
        && held.until() >= System.currentTimeMillis();
  }

  /**
   * Imports the file a clean dry run checked, as its uploader: the file is checked again against the archive
   * as it is now, and written only if still nothing is wrong.
   */
  Report confirm(String kind, String importId, String by) {
    if (!canConfirm(kind, importId, by)) {
      throw new ConflictException("importId", "这次检查的文件已不在服务器上（只保留 30 分钟，只给上传的人）：请重新上传并导入");
    }
    Held held = checked.remove(importId);
    return start(kind, held.fileName(), held.content(), false, by);
  }

  /** An import as it stands: live counts while it runs, the recorded outcome after. */
  Report report(String kind, String importId) {
    return jdbc.sql("select * from archive_import where import_id = ? and kind = ?").params(importId, kind)
        .query((rs, row) -> report(kind, rs, true))
        .optional().orElseThrow(() -> new NotFoundException("no " + kind.toLowerCase(java.util.Locale.ROOT)
            + " import " + importId));
  }

  /** The latest imports, newest first, without their problems. */
  List<Report> recent(String kind) {
    return jdbc.sql("select * from archive_import where kind = ? order by started_at desc fetch first 20 rows only")
        .param(kind).query((rs, row) -> report(kind, rs, false)).list();
  }

  private Report report(String kind, java.sql.ResultSet rs, boolean withProblems) throws java.sql.SQLException {
    Progress progress = running.get(rs.getString("import_id"));
    boolean live = progress != null && "RUNNING".equals(rs.getString("state"));
    return new Report(rs.getString("import_id"), kind, rs.getString("file_name"), rs.getBoolean("dry_run"),
        rs.getString("state"), live ? progress.phase : null, rs.getString("started_by"),
        rs.getObject("started_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
        live ? progress.total : rs.getInt("rows_total"), live ? progress.read.get() : rs.getInt("rows_total"),
        live ? progress.checked.get() : rs.getInt("rows_total"),
        live ? progress.written.get() : rs.getInt("created_count") + rs.getInt("updated_count"),
        rs.getInt("created_count"), rs.getInt("updated_count"), rs.getInt("unchanged_count"),
        rs.getInt("units_created"), withProblems ? problems(rs.getString("problems")) : List.of());
  }

  @PreDestroy
  void stop() {
    runner.shutdownNow();
  }

  private String problemsJson(List<RowProblem> problems) {
    try {
      return json.writeValueAsString(problems);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<RowProblem> problems(String text) {
    if (text == null) {
      return List.of();
    }
    try {
      return json.readValue(text, new TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
