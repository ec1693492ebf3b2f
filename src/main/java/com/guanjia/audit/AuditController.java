package com.guanjia.audit;

import static com.guanjia.process.ProcessContract.VAR_REQUEST_NO;

import com.guanjia.intake.RequestRecords.RequestRecord;
import com.guanjia.web.ConflictException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The case's story for auditors (DOMAIN.md): {@code GET /api/audit/requests/{requestNo}} →
 * {@code {requestNo, events:[{time, kind, actor, detail, ref}]}} in time order, or CSV for Excel with
 * {@code Accept: text/csv}; {@code GET /api/audit/requests/{requestNo}/verify} recomputes the seal written when the
 * case closed and names what was changed or deleted since. Auditors, supervisors, project managers, quality and
 * administrators read it, for the projects they see; others get 403.
 */
@RestController
class AuditController {
  private final CaseTimeline timeline;
  private final AuditSeals seals;
  private final AuditReaders readers;

  AuditController(CaseTimeline timeline, AuditSeals seals, AuditReaders readers) {
    this.timeline = timeline;
    this.seals = seals;
    this.readers = readers;
  }

  record Timeline(String requestNo, List<CaseTimeline.Event> events) {}

  @GetMapping(path = "/api/audit/requests/{requestNo}", produces = MediaType.APPLICATION_JSON_VALUE)
  Timeline timeline(@PathVariable String requestNo) {
    return new Timeline(requestNo, timeline.of(readable(requestNo)));
  }

  @GetMapping(path = "/api/audit/requests/{requestNo}", produces = "text/csv")
  ResponseEntity<byte[]> timelineCsv(@PathVariable String requestNo) {
    return csv(requestNo, timeline.of(readable(requestNo)));
  }

  /** The timeline as CSV for Excel: UTF-8 with a byte-order mark, Chinese headers. */
  static ResponseEntity<byte[]> csv(String requestNo, List<CaseTimeline.Event> events) {
    var out = new StringBuilder("\uFEFF");
    try (var csv = new CSVPrinter(out, CSVFormat.EXCEL.builder().setHeader("时间", "类别", "操作人", "内容", "来源").get())) {
      for (var e : events) {
        csv.printRecord(e.time(), e.kind(), e.actor(), e.detail(), e.ref());
      }
    } catch (java.io.IOException impossible) {
      throw new java.io.UncheckedIOException(impossible);
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header("Content-Disposition", "attachment; filename=\"audit-" + requestNo + ".csv\"")
        .body(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  @GetMapping(path = "/api/audit/requests/{requestNo}/verify", produces = MediaType.APPLICATION_JSON_VALUE)
  AuditSeals.Verification verify(@PathVariable String requestNo) {
    readable(requestNo);
    return seals.verify(requestNo).orElseThrow(() -> new ConflictException(VAR_REQUEST_NO,
        requestNo + " is not sealed: a case's audit trail is sealed when it closes"));
  }

  private RequestRecord readable(String requestNo) {
    return readers.readable(requestNo);
  }
}
