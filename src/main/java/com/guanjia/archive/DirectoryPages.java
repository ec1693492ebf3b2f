package com.guanjia.archive;

import static com.guanjia.process.ProcessContract.GROUP_ADMIN;
import static com.guanjia.process.ProcessContract.GROUP_SUPERVISOR;

import com.guanjia.security.CurrentUser;
import com.guanjia.web.FormToken;
import com.guanjia.web.InvalidFieldException;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /staff/directory}: supervisors see who serves which zone, add or change a member of staff or a zone, and
 * import the company's staff list (Tasklist login; the same rules as {@code /api/staff} and {@code /api/zones}).
 */
@Controller
class DirectoryPages {
  private static final String KIND = "STAFF";
  private final StaffMaintenance maintenance;
  private final Projects projects;
  private final ImportPages importPages;
  private final Validator validator;
  private final CurrentUser user;

  private final com.guanjia.escalation.ServiceHours serviceHours;

  DirectoryPages(StaffMaintenance maintenance, ImportPages importPages, Validator validator, CurrentUser user,
      Projects projects, com.guanjia.escalation.ServiceHours serviceHours) {
    this.serviceHours = serviceHours;
    this.projects = projects;
    this.maintenance = maintenance;
    this.importPages = importPages;
    this.validator = validator;
    this.user = user;
  }

  @GetMapping("/staff/directory")
  ModelAndView directory(@RequestParam(required = false) String edit, @RequestParam(required = false) String saved,
      HttpSession session) {
    ModelAndView page = page("directory");
    if (page.getStatus() != null) {
      return page;
    }
    var member = edit == null ? null : maintenance.find(edit).orElse(null);
    return fill(page, session, member == null ? Map.of("userId", edit == null ? "" : edit) : Map.of(
        "userId", member.userId(), "displayName", member.displayName(), "trade", member.trade(),
        "workPhone", member.workPhone() == null ? "" : member.workPhone(),
        "supervisorId", member.supervisorId() == null ? "" : member.supervisorId(),
        "active", Boolean.toString(member.active()),
        "projectId", member.projectId() == null ? "" : member.projectId()), member == null ? List.of() : member.zones(), Map.of(), saved);
  }

  @PostMapping("/staff/directory/staff")
  ModelAndView keepStaff(@RequestParam Map<String, String> form, @RequestParam(required = false) List<String> zones,
      HttpSession session) {
    FormToken.check(session, form.get(FormToken.FIELD));
    ModelAndView page = page("directory");
    if (page.getStatus() != null) {
      return page;
    }
    String userId = form.getOrDefault("userId", "").strip();
    var staff = new StaffForm(form.getOrDefault("displayName", ""), form.get("trade"), form.get("workPhone"),
        form.get("supervisorId"), !"false".equals(form.get("active")), zones == null ? List.of() : zones,
        null, form.get("password") == null || form.get("password").isBlank() ? null : form.get("password"),
        blankToNull(form.get("projectId")));
    Map<String, String> errors = new LinkedHashMap<>();
    for (ConstraintViolation<StaffForm> violation : validator.validate(staff)) {
      errors.putIfAbsent(violation.getPropertyPath().iterator().next().getName(), switch (
          violation.getPropertyPath().iterator().next().getName()) {
        case "displayName" -> "姓名必填，一行，最多50字";
        case "trade" -> "请选岗位";
        case "workPhone" -> "电话只能有数字、“-”、“+”和空格";
        case "password" -> "初始密码至少8位";
        default -> violation.getMessage();
      });
    }
    if (errors.isEmpty()) {
      try {
        maintenance.keep(userId, staff, user.id());
        return new ModelAndView("redirect:/staff/directory?saved=" + userId);
      } catch (InvalidFieldException e) {
        errors.put(e.field(), switch (e.field()) {
          case "userId" -> "账号只能有字母、数字和“.”“_”“-”";
          case "zones" -> "只有管家、维修、保洁、保安和绿化负责责任区";
          case "supervisorId" -> "上级须是名录中的另一位员工";
          case "projectId" -> "没有这个管理处";
          default -> e.getMessage();
        });
      }
    }
    page.setStatus(HttpStatus.BAD_REQUEST);
    return fill(page, session, form, zones == null ? List.of() : zones, errors, null);
  }

  @PostMapping("/staff/directory/zones")
  ModelAndView keepZone(@RequestParam String zoneId, @RequestParam String name, @RequestParam String buildings,
      @RequestParam(FormToken.FIELD) String token, HttpSession session) {
    FormToken.check(session, token);
    ModelAndView page = page("directory");
    if (page.getStatus() != null) {
      return page;
    }
    // one building per line: its id and its name ("B07 7号楼")
    List<StaffMaintenance.BuildingForm> listed = new ArrayList<>();
    Map<String, String> errors = new LinkedHashMap<>();
    for (String line : buildings.split("\\R")) {
      String[] parts = line.strip().split("\\s+", 2);
      if (parts[0].isEmpty()) {
        continue;
      }
      if (parts.length < 2 || !parts[0].matches("[A-Za-z0-9-]{1,32}")) {
        errors.put("buildings", "每行一栋楼：编号 空格 名称，如 B07 7号楼（“" + line.strip() + "”）");
        break;
      }
      listed.add(new StaffMaintenance.BuildingForm(parts[0], parts[1].strip()));
    }
    if (name.isBlank()) {
      errors.put("zoneName", "责任区名称必填");
    }
    if (errors.isEmpty()) {
      try {
        maintenance.keepZone(zoneId.strip(), new StaffMaintenance.ZoneForm(name, listed), user.id());
        return new ModelAndView("redirect:/staff/directory?saved=" + zoneId.strip());
      } catch (InvalidFieldException e) {
        errors.put("zoneId", "责任区编号只能有字母、数字和“-”");
      }
    }
    page.setStatus(HttpStatus.BAD_REQUEST);
    page.addObject("zoneForm", Map.of("zoneId", zoneId, "name", name, "buildings", buildings));
    return fill(page, session, Map.of(), List.of(), errors, null);
  }

  // ---- the staff list ---------------------------------------------------------------------------------------------

  private static final ImportPages.Texts IMPORT = new ImportPages.Texts(KIND, "/staff/directory/import",
      "directory.import", "directory.import.about", "directory.import.columns", "/staff/directory", "directory.title",
      false);

  @GetMapping("/staff/directory/import")
  ModelAndView importPage(HttpSession session) {
    return importPages.form(page("import"), IMPORT, session);
  }

  @PostMapping("/staff/directory/import")
  ModelAndView startImport(@RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(defaultValue = "true") boolean dryRun, @RequestParam(FormToken.FIELD) String token,
      HttpSession session) throws java.io.IOException {
    FormToken.check(session, token);
    return importPages.start(page("import"), IMPORT, file, dryRun, session);
  }

  @GetMapping("/staff/directory/import/{importId}")
  ModelAndView importReport(@PathVariable String importId, HttpSession session) {
    return importPages.report(page("import"), IMPORT, importId, session);
  }

  @PostMapping("/staff/directory/import/{importId}/confirm")
  ModelAndView confirmImport(@PathVariable String importId, @RequestParam(FormToken.FIELD) String token,
      HttpSession session) {
    FormToken.check(session, token);
    return importPages.confirm(page("import"), IMPORT, importId);
  }

  // ---- helpers -----------------------------------------------------------------------------------------------------

  private ModelAndView page(String view) {
    ModelAndView page = new ModelAndView(view);
    if (!user.inAnyGroup(GROUP_SUPERVISOR, GROUP_ADMIN)) {
      page.setViewName("directory");
      page.addObject("forbidden", true);
      page.setStatus(HttpStatus.FORBIDDEN);
    }
    return page;
  }

  private ModelAndView fill(ModelAndView page, HttpSession session, Map<String, String> form, List<String> zones,
      Map<String, String> errors, String saved) {
    page.addObject("token", FormToken.of(session));
    page.addObject("zones", maintenance.zones());
    var all = projects.all();
    page.addObject("projects", all);
    page.addObject("projectNames", all.stream().collect(java.util.stream.Collectors.toMap(Projects.Project::projectId,
        Projects.Project::name)));
    var company = serviceHours.company();
    page.addObject("companyHours", new Projects.Hours(company.start().toString(), company.end().toString(),
        company.days(), company.publicHolidays()));
    var staff = maintenance.staff();
    page.addObject("staff", staff);
    Map<String, String> names = new java.util.HashMap<>();
    staff.forEach(m -> names.put(m.userId(), m.displayName()));
    page.addObject("names", names);
    page.addObject("trades", StaffMaintenance.TRADES);
    page.addObject("form", form);
    page.addObject("formZones", zones);
    page.addObject("errors", errors);
    page.addObject("saved", saved);
    if (!page.getModel().containsKey("zoneForm")) {
      page.addObject("zoneForm", Map.of("zoneId", "", "name", "", "buildings", ""));
    }
    return page;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
