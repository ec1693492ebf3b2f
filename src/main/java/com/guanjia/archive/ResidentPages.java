package com.guanjia.archive;

import static com.guanjia.process.ProcessContract.GROUP_ADMIN;
import static com.guanjia.process.ProcessContract.GROUP_CUSTOMER_SERVICE;
import static com.guanjia.process.ProcessContract.GROUP_SUPERVISOR;

import com.guanjia.resident.ResidentDetails;
import com.guanjia.security.CurrentUser;
import com.guanjia.web.FormToken;
import com.guanjia.web.InvalidFieldException;
import com.guanjia.web.NotFoundException;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;

/**
 * The front desk's pages for the resident archive (Tasklist login): look a resident up by id or unit, add one,
 * change one, record a move-out, and import the company's spreadsheet with a dry run first. The same rules
 * as {@code /api/residents}; only customer service and supervisors open them.
 */
@Controller
class ResidentPages {
  private static final String KIND = "RESIDENTS";
  private final ResidentMaintenance maintenance;
  private final ImportPages importPages;
  private final com.guanjia.resident.ResidentArchive archive;
  private final Validator validator;
  private final CurrentUser user;

  ResidentPages(ResidentMaintenance maintenance, ImportPages importPages,
      com.guanjia.resident.ResidentArchive archive, Validator validator, CurrentUser user) {
    this.maintenance = maintenance;
    this.importPages = importPages;
    this.archive = archive;
    this.validator = validator;
    this.user = user;
  }

  /** The resident form as the page posts it: text fields, lists one per line, check boxes. */
  static final class Fields {
    public String residentId = "";
    public String unitId = "";
    public String name = "";
    public String phone = "";
    public String otherPhones = "";
    public String gender = "";
    public String occupancy = "OWNER";
    public String household = "";
    public boolean vip;
    public boolean elderly;
    public boolean disabled;
    public boolean hardOfHearing;
    public String specialNeedsNote = "";
    public String preferredLanguage = "zh-CN";
    public String preferredChannel = "SMS";
    public String email = "";
    public String wechatOpenId = "";
    public String movedInOn = "";
    public String building = "";

    public void setResidentId(String v) { residentId = v; }
    public void setUnitId(String v) { unitId = v; }
    public void setName(String v) { name = v; }
    public void setPhone(String v) { phone = v; }
    public void setOtherPhones(String v) { otherPhones = v; }
    public void setGender(String v) { gender = v; }
    public void setOccupancy(String v) { occupancy = v; }
    public void setHousehold(String v) { household = v; }
    public void setVip(boolean v) { vip = v; }
    public void setElderly(boolean v) { elderly = v; }
    public void setDisabled(boolean v) { disabled = v; }
    public void setHardOfHearing(boolean v) { hardOfHearing = v; }
    public void setSpecialNeedsNote(String v) { specialNeedsNote = v; }
    public void setPreferredLanguage(String v) { preferredLanguage = v; }
    public void setPreferredChannel(String v) { preferredChannel = v; }
    public void setEmail(String v) { email = v; }
    public void setWechatOpenId(String v) { wechatOpenId = v; }
    public void setMovedInOn(String v) { movedInOn = v; }
    public void setBuilding(String v) { building = v; }

    static Fields of(ResidentMaintenance.View view) {
      ResidentDetails r = view.resident();
      Fields f = new Fields();
      f.residentId = r.residentId();
      f.unitId = r.unitId();
      f.name = r.name();
      f.phone = r.phone();
      f.otherPhones = String.join("\n", r.otherPhones());
      f.gender = r.gender() == null ? "" : r.gender();
      f.occupancy = r.occupancy();
      f.household = String.join("\n", r.household());
      f.vip = r.vip();
      f.elderly = r.elderly();
      f.disabled = r.disabled();
      f.hardOfHearing = r.hardOfHearing();
      f.specialNeedsNote = r.specialNeedsNote() == null ? "" : r.specialNeedsNote();
      f.preferredLanguage = view.preferredLanguage();
      f.preferredChannel = view.preferredChannel();
      f.email = view.email().orElse("");
      f.wechatOpenId = view.wechatOpenId().orElse("");
      f.movedInOn = r.movedInOn() == null ? "" : r.movedInOn().toString();
      return f;
    }

    ResidentForm form(Map<String, String> errors) {
      LocalDate movedIn = null;
      if (!movedInOn.isBlank()) {
        try {
          movedIn = LocalDate.parse(movedInOn.strip());
        } catch (DateTimeParseException e) {
          errors.put("movedInOn", "请填日期，如 2020-06-01");
        }
      }
      return new ResidentForm(blank(residentId), unitId.strip(), name.strip(), phone.replaceAll("\\s", ""),
          lines(otherPhones).stream().map(p -> p.replaceAll("\\s", "")).toList(), blank(gender), occupancy,
          lines(household), vip, elderly, disabled, hardOfHearing, blank(specialNeedsNote), preferredLanguage,
          preferredChannel, blank(email), blank(wechatOpenId), movedIn, blank(building));
    }

    private static List<String> lines(String text) {
      return text == null ? List.of()
          : Arrays.stream(text.split("[\\n;；、]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String blank(String text) {
      return text == null || text.isBlank() ? null : text.strip();
    }
  }

  @GetMapping("/residents")
  ModelAndView lookUp(@RequestParam(required = false) String q) {
    ModelAndView page = page("residents");
    if (page.getStatus() != null) {
      return page;
    }
    page.addObject("q", q == null ? "" : q);
    if (q != null && !q.isBlank()) {
      page.addObject("found", archive.lookUp(q, 50));
    }
    return page;
  }

  @GetMapping("/residents/new")
  ModelAndView blank(HttpSession session) {
    return form(page("resident"), new Fields(), Map.of(), session, null);
  }

  @PostMapping("/residents/new")
  ModelAndView create(@ModelAttribute Fields fields, @RequestParam(FormToken.FIELD) String token, HttpSession session) {
    FormToken.check(session, token);
    ModelAndView page = page("resident");
    if (page.getStatus() != null) {
      return page;
    }
    Map<String, String> errors = new LinkedHashMap<>();
    ResidentForm form = checked(fields, errors);
    if (errors.isEmpty()) {
      try {
        var created = maintenance.create(form, user.id());
        return new ModelAndView("redirect:/residents/" + created.resident().residentId() + "?saved");
      } catch (InvalidFieldException e) {
        errors.put(e.field(), chinese(e));
      }
    }
    page.setStatus(HttpStatus.BAD_REQUEST);
    return form(page, fields, errors, session, null);
  }

  @GetMapping("/residents/{residentId}")
  ModelAndView show(@PathVariable String residentId, @RequestParam(required = false) String saved,
      HttpSession session) {
    ModelAndView page = page("resident");
    if (page.getStatus() != null) {
      return page;
    }
    var view = view(residentId);
    if (view == null) {
      page.addObject("missing", residentId);
      page.setStatus(HttpStatus.NOT_FOUND);
      return page;
    }
    page.addObject("saved", saved != null);
    return form(page, Fields.of(view), Map.of(), session, view);
  }

  @PostMapping("/residents/{residentId}")
  ModelAndView update(@PathVariable String residentId, @ModelAttribute Fields fields,
      @RequestParam(FormToken.FIELD) String token, HttpSession session) {
    FormToken.check(session, token);
    ModelAndView page = page("resident");
    if (page.getStatus() != null) {
      return page;
    }
    var view = view(residentId);
    if (view == null) {
      throw new NotFoundException("no resident " + residentId + " in the archive");
    }
    fields.residentId = residentId;
    Map<String, String> errors = new LinkedHashMap<>();
    ResidentForm form = checked(fields, errors);
    if (errors.isEmpty()) {
      try {
        maintenance.update(residentId, form, user.id());
        return new ModelAndView("redirect:/residents/" + residentId + "?saved");
      } catch (InvalidFieldException e) {
        errors.put(e.field(), chinese(e));
      }
    }
    page.setStatus(HttpStatus.BAD_REQUEST);
    return form(page, fields, errors, session, view);
  }

  @PostMapping("/residents/{residentId}/move-out")
  ModelAndView moveOut(@PathVariable String residentId, @RequestParam String movedOutOn,
      @RequestParam(FormToken.FIELD) String token, HttpSession session) {
    FormToken.check(session, token);
    ModelAndView page = page("resident");
    if (page.getStatus() != null) {
      return page;
    }
    var view = view(residentId);
    if (view == null) {
      throw new NotFoundException("no resident " + residentId + " in the archive");
    }
    try {
      maintenance.moveOut(residentId, LocalDate.parse(movedOutOn), user.id());
      return new ModelAndView("redirect:/residents/" + residentId + "?saved");
    } catch (DateTimeParseException | InvalidFieldException e) {
      page.setStatus(HttpStatus.BAD_REQUEST);
      return form(page, Fields.of(view), Map.of("movedOutOn", "迁出日期不对：请填入住之后的日期，如 2026-01-31"), session,
          view);
    }
  }

  // ---- import ----------------------------------------------------------------------------------------------------

  private static final ImportPages.Texts IMPORT = new ImportPages.Texts(KIND, "/residents/import", "archive.import",
      "archive.import.about", "archive.import.columns", "/residents", "archive.title", true);

  @GetMapping("/residents/import")
  ModelAndView importPage(HttpSession session) {
    return importPages.form(page("import"), IMPORT, session);
  }

  @PostMapping("/residents/import")
  ModelAndView startImport(@RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(defaultValue = "true") boolean dryRun, @RequestParam(FormToken.FIELD) String token,
      HttpSession session) throws java.io.IOException {
    FormToken.check(session, token);
    return importPages.start(page("import"), IMPORT, file, dryRun, session);
  }

  @GetMapping("/residents/import/{importId}")
  ModelAndView importReport(@PathVariable String importId, HttpSession session) {
    return importPages.report(page("import"), IMPORT, importId, session);
  }

  @PostMapping("/residents/import/{importId}/confirm")
  ModelAndView confirmImport(@PathVariable String importId, @RequestParam(FormToken.FIELD) String token,
      HttpSession session) {
    FormToken.check(session, token);
    return importPages.confirm(page("import"), IMPORT, importId);
  }

  // ---- helpers -----------------------------------------------------------------------------------------------------

  /** The page, or a 403 page for those who do not keep the archive. */
  private ModelAndView page(String view) {
    ModelAndView page = new ModelAndView(view);
    if (!user.inAnyGroup(GROUP_CUSTOMER_SERVICE, GROUP_SUPERVISOR, GROUP_ADMIN)) {
      page.setViewName("residents");
      page.addObject("forbidden", true);
      page.setStatus(HttpStatus.FORBIDDEN);
    }
    return page;
  }

  private ResidentMaintenance.View view(String residentId) {
    try {
      return maintenance.view(residentId);
    } catch (NotFoundException e) {
      return null;
    }
  }

  private ResidentForm checked(Fields fields, Map<String, String> errors) {
    ResidentForm form = fields.form(errors);
    for (ConstraintViolation<ResidentForm> violation : validator.validate(form)) {
      String field = violation.getPropertyPath().iterator().next().getName();
      errors.putIfAbsent(field, ResidentForm.problem(field, violation.getMessage()));
    }
    return form;
  }

  private static String chinese(InvalidFieldException e) {
    return switch (e.field()) {
      case "unitId" -> "档案中没有这个房号：请选它所在的楼，保存时新增这个房号";
      case "building" -> "档案中没有这栋楼";
      case com.guanjia.process.ProcessContract.VAR_RESIDENT_ID -> "这个住户编号已经有人用了";
      default -> e.getMessage();
    };
  }

  private ModelAndView form(ModelAndView page, Fields fields, Map<String, String> errors, HttpSession session,
      ResidentMaintenance.View view) {
    if (view != null) {
      page.addObject("changes", maintenance.changes(view.resident().residentId()));
    }
    page.addObject("f", fields);
    page.addObject("errors", errors);
    page.addObject("token", FormToken.of(session));
    page.addObject("existing", view);
    page.addObject("buildings", archive.buildings());
    return page;
  }
}
