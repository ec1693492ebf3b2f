package com.guanjia.archive;

import static com.guanjia.process.ProcessContract.GROUP_ADMIN;
import static com.guanjia.process.ProcessContract.GROUP_CUSTOMER_SERVICE;
import static com.guanjia.process.ProcessContract.GROUP_SUPERVISOR;

import com.guanjia.resident.ResidentArchive;
import com.guanjia.security.CurrentUser;
import com.guanjia.web.ForbiddenException;
import com.guanjia.web.InvalidFieldException;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/residents}: the front desk (customer service) and supervisors keep the resident archive. They
 * see a resident whole, as they need to call them; nobody else reads the archive here.
 */
@RestController
@RequestMapping(path = "/api/residents", produces = MediaType.APPLICATION_JSON_VALUE)
class ResidentController {
  private static final String KIND = "RESIDENTS";
  private final ResidentMaintenance maintenance;
  private final ArchiveImports imports;
  private final CurrentUser user;

  ResidentController(ResidentMaintenance maintenance, ArchiveImports imports, CurrentUser user) {
    this.maintenance = maintenance;
    this.imports = imports;
    this.user = user;
  }

  /**
   * Uploads a resident spreadsheet ({@code .xlsx}, or {@code .csv} in UTF-8 or GBK) as part {@code file}. A dry
   * run ({@code dryRun=true}, the default) only checks; {@code dryRun=false} imports when no row has a problem.
   * Answers 202 at once with the import's address, where its progress and report are.
   */
  @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<ArchiveImports.Report> startImport(@RequestPart(name = "file", required = false) MultipartFile file,
      @RequestParam(defaultValue = "true") boolean dryRun) throws java.io.IOException {
    requireKeeper();
    if (file == null || file.isEmpty()) {
      throw new InvalidFieldException("file", "no file: send the spreadsheet as multipart part 'file'");
    }
    String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
    if (!name.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(xlsx|csv|txt)")) {
      throw new InvalidFieldException("file", "is " + name + ": Guanjia reads .xlsx and .csv files");
    }
    var started = imports.start(KIND, name, file.getBytes(), dryRun, user.id());
    return ResponseEntity.accepted().location(URI.create("/api/residents/imports/" + started.importId())).body(started);
  }

  /** Imports the file a clean dry run checked, without uploading it again (same user, within 30 minutes). */
  @PostMapping("/imports/{importId}/confirm")
  ResponseEntity<ArchiveImports.Report> confirmImport(@PathVariable String importId) {
    requireKeeper();
    var started = imports.confirm(KIND, importId, user.id());
    return ResponseEntity.accepted().location(URI.create("/api/residents/imports/" + started.importId())).body(started);
  }

  @GetMapping("/imports/{importId}")
  ArchiveImports.Report importReport(@PathVariable String importId) {
    requireKeeper();
    return imports.report(KIND, importId);
  }

  @GetMapping("/imports")
  List<ArchiveImports.Report> recentImports() {
    requireKeeper();
    return imports.recent(KIND);
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ResidentMaintenance.View> create(@Valid @RequestBody ResidentForm form) {
    requireKeeper();
    var created = maintenance.create(form, user.id());
    return ResponseEntity.created(URI.create("/api/residents/" + created.resident().residentId())).body(created);
  }

  @GetMapping("/{residentId}")
  ResidentMaintenance.View read(@PathVariable String residentId) {
    requireKeeper();
    return maintenance.view(residentId);
  }

  @PutMapping(path = "/{residentId}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResidentMaintenance.View update(@PathVariable String residentId, @Valid @RequestBody ResidentForm form) {
    requireKeeper();
    return maintenance.update(residentId, form, user.id());
  }

  @PostMapping(path = "/{residentId}/move-out", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResidentMaintenance.View moveOut(@PathVariable String residentId, @Valid @RequestBody MoveOut body) {
    requireKeeper();
    return maintenance.moveOut(residentId, body.movedOutOn(), user.id());
  }

  /** Who changed what and when, oldest first (field names only: old values are not kept in clear). */
  @GetMapping("/{residentId}/changes")
  List<ResidentArchive.Change> changes(@PathVariable String residentId) {
    requireKeeper();
    return maintenance.changes(residentId);
  }

  private void requireKeeper() {
    if (!user.inAnyGroup(GROUP_CUSTOMER_SERVICE, GROUP_SUPERVISOR, GROUP_ADMIN)) {
      throw new ForbiddenException(user.id() + " does not keep the resident archive (customer service and supervisors do)");
    }
  }
}
