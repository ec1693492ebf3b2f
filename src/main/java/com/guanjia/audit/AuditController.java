package com.guanjia.audit;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.intake.RequestRecords;
import com.guanjia.intake.RequestRecords.RequestRecord;
import com.guanjia.security.CurrentUser;
import com.guanjia.web.ConflictException;
import com.guanjia.web.ForbiddenException;
import com.guanjia.web.NotFoundException;
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
  static final String[] READERS = {GROUP_AUDITOR, GROUP_SUPERVISOR, GROUP_PROJECT_MANAGER, GROUP_QUALITY, GROUP_ADMIN};

  private final CaseTimeline timeline;
  private final AuditSeals seals;
  private final RequestRecords requests;
  private final CurrentUser user;

  AuditController(CaseTimeline timeline, AuditSeals seals, RequestRecords requests, CurrentUser user) {
    this.timeline = timeline;
    this.seals = seals;
    this.requests = requests;
    this.user = user;
  }

  record Timeline(String requestNo, List<CaseTimeline.Event> events) {}

  @GetMapping(path = "/api/audit/requests/{requestNo}", produces = MediaType.APPLICATION_JSON_VALUE)
  Timeline timeline(@PathVariable String requestNo) {
    return new Timeline(requestNo, timeline.of(readable(requestNo)));
  }

  @GetMapping(path = "/api/audit/requests/{requestNo}", produces = "text/csv")
  ResponseEntity<byte[]> timelineCsv(@PathVariable String requestNo) throws java.io.IOException {
    var events = timeline.of(readable(requestNo));
    var out = new StringBuilder("\uFEFF"); // Excel reads UTF-8 with a byte-order mark
    try (var csv = new CSVPrinter(out, CSVFormat.EXCEL.builder().setHeader("时间", "类别", "操作人", "内容", "来源").get())) {
      for (var e : events) {
        csv.printRecord(e.time(), e.kind(), e.actor(), e.detail(), e.ref());
      }
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header("Content-Disposition", "attachment; filename=\"audit-" + requestNo + ".csv\"")
        .body(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  @GetMapping(path = "/api/audit/requests/{requestNo}/verify", produces = MediaType.APPLICATION_JSON_VALUE)
  AuditSeals.Verification verify(@PathVariable String requestNo) {
    readable(requestNo);
    return seals.verify(requestNo).orElseThrow(() -> new ConflictException("requestNo",
        requestNo + " is not sealed: a case's audit trail is sealed when it closes"));
  }

  private RequestRecord readable(String requestNo) {
    if (!user.inAnyGroup(READERS)) {
      throw new ForbiddenException("a case's audit trail is read by auditors, supervisors, project managers and quality");
    }
    RequestRecord request = requests.find(requestNo).orElseThrow(() -> new NotFoundException("No request " + requestNo));
    if (!user.seesProject(request.projectId())) {
      throw new ForbiddenException(requestNo + " belongs to a project " + user.id() + " does not see");
    }
    return request;
  }
}
