package com.guanjia.audit;

import com.guanjia.intake.RequestRecords;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tamper evidence: when a case closes, its timeline ({@link CaseTimeline}) is chained by hash, each event's SHA-256
 * covering its time, kind, actor, detail and row, and the hash before it, and the chain is kept
 * ({@code audit_seal}). {@link #verify} reads the timeline again and names each sealed event whose row was changed
 * (its hash no longer matches) or deleted (its row is gone). Events after the seal (callbacks made months later) are
 * counted, not judged: the next close seals them too.
 */
@Service
public class AuditSeals {
  private static final Logger LOG = LoggerFactory.getLogger(AuditSeals.class);
  private static final String GENESIS = "0".repeat(64);

  private final CaseTimeline timeline;
  private final RequestRecords requests;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate newTransaction;

  private final org.springframework.jdbc.core.JdbcTemplate batch;

  AuditSeals(CaseTimeline timeline, RequestRecords requests, JdbcClient jdbc, Clock clock,
      PlatformTransactionManager transactions, org.springframework.jdbc.core.JdbcTemplate batch) {
    this.batch = batch;
    this.timeline = timeline;
    this.requests = requests;
    this.jdbc = jdbc;
    this.clock = clock;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Seals the case once the transaction that closes it has committed (the engine writes that transaction's history
   * as it commits: sealing inside it would miss the last step). A seal that fails is logged; the hourly
   * {@code audit-seal-sweep} seals it then ({@link #sealMissed}), and until then verify says it is not sealed.
   */
  public void sealAfterCommit(String requestNo) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      seal(requestNo);
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        try {
          newTransaction.executeWithoutResult(status -> seal(requestNo));
        } catch (RuntimeException e) {
          LOG.error("Could not seal the audit trail of {}: verify will say it is not sealed", requestNo, e);
        }
      }
    });
  }

  /** How far back the sweep looks for a close without its seal, and how long it leaves a close to seal itself. */
  static final Duration SWEEP_WINDOW = Duration.ofDays(7);
  static final Duration SETTLE = Duration.ofMinutes(10);

  /**
   * Seals the cases closed in the last week (and more than ten minutes ago) whose seal is missing or older than
   * their last close: the seal after the close failed, or the server stopped before it ran. Answers the request
   * numbers sealed now. A case whose old seal no longer holds keeps it (and is not counted).
   */
  public List<String> sealMissed() {
    Instant now = clock.instant();
    List<String> unsealed = jdbc.sql("""
            select s.request_no from case_summary s
             where s.closed_at >= ? and s.closed_at < ?
               and not exists (select 1 from audit_seal a
                                where a.request_no = s.request_no and a.seq = 0 and a.sealed_at >= s.closed_at)
             order by s.closed_at, s.request_no""")
        .param(OffsetDateTime.ofInstant(now.minus(SWEEP_WINDOW), ZoneOffset.UTC))
        .param(OffsetDateTime.ofInstant(now.minus(SETTLE), ZoneOffset.UTC))
        .query(String.class).list();
    List<String> sealed = new ArrayList<>();
    for (String requestNo : unsealed) {
      if (seal(requestNo)) {
        sealed.add(requestNo);
      }
    }
    if (!sealed.isEmpty()) {
      LOG.info("Sealed the audit trail of {} closed case(s) their close had not sealed: {}", sealed.size(), sealed);
    }
    return sealed;
  }

  /**
   * Chains the case's events as they stand. A case sealed before is sealed again only if its old seal holds.
   *
   * @return whether the case is sealed now (false: its old seal no longer holds and is kept)
   */
  public boolean seal(String requestNo) {
    var events = timeline.of(requests.find(requestNo).orElseThrow());
    Optional<Verification> before = verify(requestNo, events);
    if (before.isPresent() && !before.get().intact()) {
      LOG.warn("The audit trail of {} no longer matches its seal ({} changed, {} missing): the old seal is kept",
          requestNo, before.get().changed().size(), before.get().missing().size());
      return false;
    }
    jdbc.sql("delete from audit_seal where request_no = ?").param(requestNo).update();
    OffsetDateTime now = OffsetDateTime.now(clock);
    String previous = GENESIS;
    int seq = 0;
    List<Object[]> rows = new ArrayList<>();
    for (CaseTimeline.Event event : events) {
      previous = hash(previous, event);
      rows.add(new Object[] {requestNo, seq++, event.ref(), previous, now});
    }
    // one batch: a closing case is sealed in a few round trips, not one per event
    batch.batchUpdate("insert into audit_seal (request_no, seq, ref, hash, sealed_at) values (?, ?, ?, ?, ?)", rows);
    return true;
  }

  /** A sealed event as verify names it. */
  public record Named(int seq, String ref, OffsetDateTime time, String kind) {}

  /**
   * What verify found: {@code intact} when every sealed event is there unchanged; else the events {@code changed}
   * and {@code missing}; {@code laterEvents} happened after the seal; {@code head} is the chain's last hash (an
   * auditor who noted it can tell a seal rewritten as a whole).
   */
  public record Verification(String requestNo, OffsetDateTime sealedAt, int sealedEvents, boolean intact,
      List<Named> changed, List<Named> missing, int laterEvents, String head) {}

  /** Empty when the case was never sealed (not closed yet). */
  public Optional<Verification> verify(String requestNo) {
    return verify(requestNo, null);
  }

  /** The same, against the case's events as just read ({@code null}: read them here, if the case was sealed). */
  Optional<Verification> verify(String requestNo, List<CaseTimeline.Event> events) {
    record Link(int seq, String ref, String hash, OffsetDateTime sealedAt) {}
    List<Link> chain = jdbc.sql("select seq, ref, hash, sealed_at from audit_seal where request_no = ? order by seq")
        .param(requestNo).query((rs, n) -> new Link(rs.getInt("seq"), rs.getString("ref"), rs.getString("hash"),
            rs.getObject("sealed_at", OffsetDateTime.class))).list();
    if (chain.isEmpty()) {
      return Optional.empty();
    }
    Map<String, CaseTimeline.Event> now = new LinkedHashMap<>();
    for (CaseTimeline.Event e : events != null ? events : timeline.of(requests.find(requestNo).orElseThrow())) {
      now.put(e.ref(), e);
    }
    List<Named> changed = new ArrayList<>();
    List<Named> missing = new ArrayList<>();
    String previous = GENESIS;
    for (Link link : chain) {
      CaseTimeline.Event event = now.remove(link.ref());
      if (event == null) {
        missing.add(new Named(link.seq(), link.ref(), null, null));
      } else if (!hash(previous, event).equals(link.hash())) {
        changed.add(new Named(link.seq(), link.ref(), event.time(), event.kind()));
      }
      previous = link.hash(); // each link checked on its own: one edited row is named alone
    }
    Link last = chain.get(chain.size() - 1);
    return Optional.of(new Verification(requestNo, last.sealedAt(), chain.size(),
        changed.isEmpty() && missing.isEmpty(), changed, missing, now.size(), last.hash()));
  }

  static String hash(String previous, CaseTimeline.Event e) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String content = String.join("\u001f", previous, e.time().toInstant().toString(), e.kind(), e.actor(),
          String.valueOf(e.detail()), e.ref());
      return HexFormat.of().formatHex(sha.digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
