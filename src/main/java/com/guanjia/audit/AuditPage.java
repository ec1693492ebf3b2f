package com.guanjia.audit;

import static com.guanjia.process.ProcessContract.VAR_REQUEST_NO;

import com.guanjia.intake.RequestRecords.RequestRecord;
import com.guanjia.security.CaseAccess;
import com.guanjia.web.ForbiddenException;
import com.guanjia.web.NotFoundException;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /audit/{requestNo}} (Tasklist login): the case's timeline beside the diagram of each model version it ran on
 * (the request, its path, escalations, callback plan), the elements it passed highlighted, where it waits now marked;
 * with the CSV and the seal's verdict. The diagrams are drawn by bpmn-js, served by the application (/webjars).
 */
@Controller
class AuditPage {
  private final AuditReaders readers;
  private final CaseTimeline timeline;
  private final AuditSeals seals;
  private final RepositoryService repository;
  private final CaseAccess access;
  private final com.guanjia.security.CurrentUser user;
  private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
  private final java.time.ZoneId zone;

  AuditPage(AuditReaders readers, CaseTimeline timeline, AuditSeals seals, RepositoryService repository,
      CaseAccess access, com.guanjia.security.CurrentUser user, org.springframework.jdbc.core.simple.JdbcClient jdbc,
      com.guanjia.GuanjiaProperties properties) {
    this.user = user;
    this.jdbc = jdbc;
    this.zone = properties.timeZone();
    this.readers = readers;
    this.timeline = timeline;
    this.seals = seals;
    this.repository = repository;
    this.access = access;
  }

  /**
   * {@code /audit}: where an auditor starts (Cockpit's top bar links here): a request number to look up, and the
   * latest requests of the projects they see.
   */
  @GetMapping("/audit")
  ModelAndView search(@org.springframework.web.bind.annotation.RequestParam(required = false) String requestNo) {
    if (!readers.readsTrails()) {
      ModelAndView refused = new ModelAndView("audit");
      refused.addObject("error", "forbidden");
      refused.setStatus(HttpStatus.FORBIDDEN);
      return refused;
    }
    if (requestNo != null && !requestNo.isBlank()) {
      return new ModelAndView("redirect:/audit/" + java.net.URLEncoder.encode(requestNo.strip(),
          StandardCharsets.UTF_8));
    }
    ModelAndView page = new ModelAndView("audit");
    page.addObject("search", true);
    page.addObject("latest", jdbc.sql("""
            select request_no, type, category, registered_at, project_id from service_request
            order by registered_at desc, request_no desc fetch first 200 rows only""")
        .query((rs, n) -> new Latest(rs.getString("request_no"), rs.getString("type"), rs.getString("category"),
            rs.getObject("registered_at", java.time.OffsetDateTime.class).atZoneSameInstant(zone).toOffsetDateTime(),
            rs.getString("project_id")))
        .list().stream().filter(r -> user.seesProject(r.projectId())).limit(20).toList());
    return page;
  }

  record Latest(String requestNo, String type, String category, java.time.OffsetDateTime registeredAt,
      String projectId) {}

  @GetMapping("/audit/{requestNo}")
  ModelAndView show(@PathVariable String requestNo) {
    ModelAndView page = new ModelAndView("audit");
    page.addObject(VAR_REQUEST_NO, requestNo);
    RequestRecord request;
    try {
      request = readers.readable(requestNo);
    } catch (ForbiddenException e) {
      page.addObject("error", "forbidden");
      page.setStatus(HttpStatus.FORBIDDEN);
      return page;
    } catch (NotFoundException e) {
      page.addObject("error", "notfound");
      page.setStatus(HttpStatus.NOT_FOUND);
      return page;
    }
    page.addObject("request", request);
    var events = timeline.of(request);
    page.addObject("events", events);
    page.addObject("paths", timeline.paths(request));
    page.addObject("seal", seals.verify(requestNo, events).orElse(null));
    return page;
  }

  /** The timeline as CSV, for the page's download link (the API's, behind the Tasklist login). */
  @GetMapping("/audit/{requestNo}/timeline.csv")
  ResponseEntity<byte[]> csv(@PathVariable String requestNo) {
    return AuditController.csv(requestNo, timeline.of(readers.readable(requestNo)));
  }

  /** The BPMN of a model version the case ran on (for the page's diagram). */
  @GetMapping(path = "/audit/{requestNo}/diagram/{definitionId}", produces = MediaType.APPLICATION_XML_VALUE)
  ResponseEntity<String> diagram(@PathVariable String requestNo, @PathVariable String definitionId) {
    RequestRecord request = readers.readable(requestNo);
    if (!timeline.ranOn(request, definitionId)) {
      throw new NotFoundException(requestNo + " did not run on " + definitionId);
    }
    // the reader may read this case (checked above): the model is read as the case's
    String xml = access.asAllowed(() -> {
      try (var in = repository.getProcessModel(definitionId)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(xml);
  }
}
