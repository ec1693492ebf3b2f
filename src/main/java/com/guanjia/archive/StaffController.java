package com.guanjia.archive;

import static com.guanjia.process.ProcessContract.GROUP_ADMIN;
import static com.guanjia.process.ProcessContract.GROUP_SUPERVISOR;

import com.guanjia.security.CurrentUser;
import com.guanjia.web.ForbiddenException;
import com.guanjia.web.InvalidFieldException;
import com.guanjia.web.NotFoundException;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/staff} and {@code /api/zones}: supervisors keep the staff directory (Camunda users in their trade's
 * group) and the responsibility zones, one by one or from the company's staff list.
 */
@RestController
class StaffController {
  private static final String KIND = "STAFF";
  private final StaffMaintenance maintenance;
  private final ArchiveImports imports;
  private final CurrentUser user;

  private final com.guanjia.resident.DutyRoster roster;
  private final Projects projects;
  private final java.time.Clock clock;
  private final java.time.ZoneId zone;

  StaffController(StaffMaintenance maintenance, ArchiveImports imports, CurrentUser user,
      com.guanjia.resident.DutyRoster roster, java.time.Clock clock, com.guanjia.GuanjiaProperties properties,
      Projects projects) {
    this.roster = roster;
    this.projects = projects;
    this.clock = clock;
    this.zone = properties.timeZone();
    this.maintenance = maintenance;
    this.imports = imports;
    this.user = user;
  }

  @GetMapping(path = "/api/staff", produces = MediaType.APPLICATION_JSON_VALUE)
  List<StaffMaintenance.Staff> staff() {
    requireSupervisor();
    return maintenance.staff();
  }

  @GetMapping(path = "/api/staff/{userId}", produces = MediaType.APPLICATION_JSON_VALUE)
  StaffMaintenance.Staff member(@PathVariable String userId) {
    requireSupervisor();
    return maintenance.view(userId);
  }

  @PutMapping(path = "/api/staff/{userId}", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  StaffMaintenance.Staff keep(@PathVariable String userId, @Valid @RequestBody StaffForm form) {
    requireSupervisor();
    return maintenance.keep(userId, form, user.id());
  }

  @GetMapping(path = "/api/zones", produces = MediaType.APPLICATION_JSON_VALUE)
  List<StaffMaintenance.Zone> zones() {
    requireSupervisor();
    return maintenance.zones();
  }

  @GetMapping(path = "/api/zones/{zoneId}", produces = MediaType.APPLICATION_JSON_VALUE)
  StaffMaintenance.Zone zone(@PathVariable String zoneId) {
    requireSupervisor();
    return maintenance.zone(zoneId).orElseThrow(() -> new NotFoundException("no zone " + zoneId));
  }

  @PutMapping(path = "/api/zones/{zoneId}", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  StaffMaintenance.Zone keepZone(@PathVariable String zoneId, @Valid @RequestBody StaffMaintenance.ZoneForm form) {
    requireSupervisor();
    return maintenance.keepZone(zoneId, form, user.id());
  }

  /** The company's staff list ({@code .xlsx} or {@code .csv}); checked first unless {@code dryRun=false}. */
  @PostMapping(path = "/api/staff/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ArchiveImports.Report> startImport(@RequestPart(name = "file", required = false) MultipartFile file,
      @RequestParam(defaultValue = "true") boolean dryRun) throws java.io.IOException {
    return upload(KIND, "/api/staff/imports/", file, dryRun);
  }

  @GetMapping(path = "/api/staff/imports/{importId}", produces = MediaType.APPLICATION_JSON_VALUE)
  ArchiveImports.Report importReport(@PathVariable String importId) {
    requireSupervisor();
    return imports.report(KIND, importId);
  }

  @GetMapping(path = "/api/projects", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Projects.Project> projects() {
    requireSupervisor();
    return projects.all();
  }

  @GetMapping(path = "/api/projects/{projectId}", produces = MediaType.APPLICATION_JSON_VALUE)
  Projects.Project project(@PathVariable String projectId) {
    requireSupervisor();
    return projects.find(projectId).orElseThrow(() -> new com.guanjia.web.NotFoundException("no project " + projectId));
  }

  @PutMapping(path = "/api/projects/{projectId}", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Projects.Project keepProject(@PathVariable String projectId, @Valid @RequestBody Projects.ProjectForm form) {
    requireSupervisor();
    return projects.keep(projectId, form);
  }

  /** The company's zones and buildings: 责任区编号, 责任区名称, 楼栋编号, 楼栋名称, one building per row. */
  @PostMapping(path = "/api/zones/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ArchiveImports.Report> startZoneImport(@RequestPart(name = "file", required = false) MultipartFile file,
      @RequestParam(defaultValue = "true") boolean dryRun) throws java.io.IOException {
    return upload("ZONES", "/api/zones/imports/", file, dryRun);
  }

  @GetMapping(path = "/api/zones/imports/{importId}", produces = MediaType.APPLICATION_JSON_VALUE)
  ArchiveImports.Report zoneImportReport(@PathVariable String importId) {
    requireSupervisor();
    return imports.report("ZONES", importId);
  }

  private ResponseEntity<ArchiveImports.Report> upload(String kind, String reports, MultipartFile file, boolean dryRun)
      throws java.io.IOException {
    requireSupervisor();
    if (file == null || file.isEmpty()) {
      throw new InvalidFieldException("file", "no file: send the spreadsheet as multipart part 'file'");
    }
    String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
    if (!name.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(xlsx|csv|txt)")) {
      throw new InvalidFieldException("file", "is " + name + ": Guanjia reads .xlsx and .csv files");
    }
    var started = imports.start(kind, name, file.getBytes(), dryRun, user.id());
    return ResponseEntity.accepted().location(URI.create(reports + started.importId())).body(started);
  }

  /** The duty roster (值班表), as for the staff list: 日期, 开始, 结束, 岗位, 值班人, 值班电话. */
  @PostMapping(path = "/api/duty/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ArchiveImports.Report> startDutyImport(@RequestPart(name = "file", required = false) MultipartFile file,
      @RequestParam(defaultValue = "true") boolean dryRun) throws java.io.IOException {
    return upload("DUTY", "/api/duty/imports/", file, dryRun);
  }

  @GetMapping(path = "/api/duty/imports/{importId}", produces = MediaType.APPLICATION_JSON_VALUE)
  ArchiveImports.Report dutyImportReport(@PathVariable String importId) {
    requireSupervisor();
    return imports.report("DUTY", importId);
  }

  /** Who is on duty from {@code from} (a date, today by default) for {@code days} days. */
  @GetMapping(path = "/api/duty", produces = MediaType.APPLICATION_JSON_VALUE)
  List<com.guanjia.resident.DutyRoster.Shift> duty(@RequestParam(required = false) java.time.LocalDate from,
      @RequestParam(defaultValue = "7") int days) {
    if (!user.inAnyGroup(GROUP_SUPERVISOR, GROUP_ADMIN, com.guanjia.process.ProcessContract.GROUP_CUSTOMER_SERVICE)) {
      throw new ForbiddenException(user.id() + " does not read the duty roster (supervisors and customer service do)");
    }
    if (days < 1 || days > 62) {
      throw new InvalidFieldException("days", "is " + days + ": 1 to 62");
    }
    java.time.LocalDate start = from == null ? java.time.LocalDate.now(clock.withZone(zone)) : from;
    return roster.between(start.atStartOfDay(zone).toInstant(), start.plusDays(days).atStartOfDay(zone).toInstant());
  }

  private void requireSupervisor() {
    if (!user.inAnyGroup(GROUP_SUPERVISOR, GROUP_ADMIN)) {
      throw new ForbiddenException(user.id() + " does not keep the staff directory (supervisors do)");
    }
  }
}
