package com.guanjia.archive;

import static com.guanjia.process.ProcessContract.VAR_RESIDENT_ID;

import com.guanjia.notification.ResidentPreferences;
import com.guanjia.resident.ResidentArchive;
import com.guanjia.resident.ResidentDetails;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Compares a company's resident spreadsheet with the archive and, when every row is good, makes the archive
 * say what the file says. A row is a resident: the one with its 住户编号, else the one living in its 房号 under
 * its 姓名, else a new one. Every bad row is named (row, column, why) before anything is written; a row that
 * says what the archive already says changes nothing, so the same file twice writes nothing the second time.
 */
@Service
class ResidentImport implements Importer {
  private static final Pattern LIST_SEPARATORS = Pattern.compile("[;；、\\n]+");
  private static final Pattern PHONE_SEPARATORS = Pattern.compile("[;；、,，/\\s]+");
  private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
      DateTimeFormatter.ofPattern("uuuu/M/d"), DateTimeFormatter.ofPattern("uuuu.M.d"),
      DateTimeFormatter.ofPattern("uuuu-M-d"), DateTimeFormatter.ofPattern("uuuuMMdd"),
      DateTimeFormatter.ofPattern("uuuu年M月d日"));

  /** The placeholder id of a new resident the file gives no number, until the import numbers them. */
  private static final String NEW = "new:";

  private final ResidentArchive archive;
  private final ResidentPreferences preferences;
  private final Validator validator;
  private final Clock clock;

  ResidentImport(ResidentArchive archive, ResidentPreferences preferences, Validator validator, Clock clock) {
    this.archive = archive;
    this.preferences = preferences;
    this.validator = validator;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return "RESIDENTS";
  }

  /** What the file would do to the archive, and what stops it. */
  record Plan(int rows, List<RowProblem> problems, Map<String, String> newUnits, List<ResidentDetails> residentsCreated,
      List<ResidentArchive.Replacement> residentsUpdated, int unchanged,
      Map<String, ResidentPreferences.Preference> preferences, Map<String, Optional<String>> emails,
      ResidentImport writer) implements Checked {
    @Override
    public int created() {
      return residentsCreated.size();
    }

    @Override
    public int updated() {
      return residentsUpdated.size();
    }

    @Override
    public int alsoCreated() {
      return newUnits.size();
    }

    @Override
    public void write(String by, String source, IntConsumer rowsWritten) {
      writer.write(this, by, source, rowsWritten);
    }
  }

  /** Compares {@code table} with the archive, reporting each checked row to {@code rowChecked}. */
  @Override
  public Plan check(Spreadsheet.Table table, IntConsumer rowChecked) {
    Map<ResidentColumn, String> columns = SheetColumn.find(table.headers(), ResidentColumn.class);
    List<RowProblem> problems = new ArrayList<>(SheetColumn.missing(columns, ResidentColumn.REQUIRED));
    if (!problems.isEmpty()) {
      return new Plan(table.rows().size(), problems, Map.of(), List.of(), List.of(), 0, Map.of(), Map.of(), this);
    }

    Archive known = new Archive();
    Map<String, String> newUnits = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    List<ResidentDetails> created = new ArrayList<>();
    List<ResidentArchive.Replacement> updated = new ArrayList<>();
    Map<String, ResidentPreferences.Preference> preferencesToKeep = new LinkedHashMap<>();
    Map<String, Optional<String>> emailsToKeep = new LinkedHashMap<>();
    int unchanged = 0;
    int checked = 0;
    for (Spreadsheet.Row row : table.rows()) {
      checked++;
      rowChecked.accept(checked);
      Cells cells = new Cells(row, columns, problems);
      int before = problems.size();
      ResidentForm form = cells.form();
      String buildingCell = cells.text(ResidentColumn.BUILDING);
      if (problems.size() > before) {
        continue;
      }
      for (ConstraintViolation<ResidentForm> violation : validator.validate(form)) {
        String field = violation.getPropertyPath().iterator().next().getName();
        problems.add(cells.problem(ResidentColumn.ofField(field).orElse(ResidentColumn.NAME), field,
            ResidentForm.problem(field, violation.getMessage())));
      }
      if (problems.size() > before) {
        continue;
      }
      // the unit: known, or new in a known building
      String unitId = form.unitId();
      String unitBuilding = known.units.containsKey(unitId) ? known.units.get(unitId) : newUnits.get(unitId);
      if (buildingCell != null) {
        String building = known.building(buildingCell);
        if (building == null) {
          problems.add(cells.problem(ResidentColumn.BUILDING, "building", "档案中没有这栋楼：" + buildingCell));
          continue;
        }
        if (unitBuilding == null) {
          newUnits.put(unitId, building);
        } else if (!unitBuilding.equals(building)) {
          problems.add(cells.problem(ResidentColumn.UNIT, "unitId",
              "房号 " + unitId + " 在" + known.buildingNames.get(unitBuilding) + "，不在" + buildingCell));
          continue;
        }
      } else if (unitBuilding == null) {
        problems.add(cells.problem(ResidentColumn.UNIT, "unitId",
            "档案中没有房号 " + unitId + "：请填“楼栋”列，导入时新增这个房号"));
        continue;
      }
      // which resident the row is
      ResidentDetails existing;
      String residentId = blankToNull(form.residentId());
      if (residentId != null) {
        existing = known.byId.get(residentId);
      } else {
        List<ResidentDetails> living = known.livingByUnitAndName.getOrDefault(unitId + "\n" + form.name().strip(),
            List.of());
        if (living.size() > 1) {
          problems.add(cells.problem(ResidentColumn.NAME, "name", "房号 " + unitId + " 有两位同名住户：请填“住户编号”"));
          continue;
        }
        existing = living.isEmpty() ? null : living.get(0);
      }
      String key = existing != null ? existing.residentId()
          : residentId != null ? residentId : unitId + "\n" + form.name().strip();
      Integer first = seen.putIfAbsent(key, row.number());
      if (first != null) {
        problems.add(cells.problem(residentId != null ? ResidentColumn.RESIDENT_ID : ResidentColumn.NAME,
            residentId != null ? VAR_RESIDENT_ID : "name", "与第 " + first + " 行是同一位住户（重复）"));
        continue;
      }
      String id = existing != null ? existing.residentId()
          : residentId != null ? residentId : NEW + row.number();
      ResidentDetails after = cells.details(id, form, existing);
      // how they like to hear from us, where the file says
      var had = known.preferences.getOrDefault(id, ResidentPreferences.Preference.DEFAULT);
      var wanted = cells.preference(form, had);
      boolean reachedDifferently = !wanted.equals(had);
      if (reachedDifferently) {
        preferencesToKeep.put(id, wanted);
      }
      if (cells.has(ResidentColumn.EMAIL)) {
        Optional<String> email = Optional.ofNullable(blankToNull(form.email()));
        if (!email.equals(Optional.ofNullable(known.emails.get(id)))) {
          emailsToKeep.put(id, email);
          reachedDifferently = true;
        }
      }
      if (existing == null) {
        created.add(after);
      } else if (after.changedFrom(existing).isEmpty() && !reachedDifferently) {
        unchanged++;
      } else {
        updated.add(new ResidentArchive.Replacement(existing, after));
      }
    }
    return new Plan(table.rows().size(), problems, newUnits, created, updated, unchanged, preferencesToKeep,
        emailsToKeep, this);
  }

  /**
   * Writes a good plan, all of it or (on any failure) nothing: {@code by} is recorded, {@code source} names the
   * import. {@link ArchiveImports} calls it in its transaction; called alone it opens one.
   */
  @Transactional
  void write(Plan plan, String by, String source, IntConsumer rowsWritten) {
    if (!plan.ok()) {
      throw new IllegalStateException("a plan with problems is never written");
    }
    plan = numbered(plan);
    archive.addUnits(plan.newUnits());
    int written = 0;
    for (int from = 0; from < plan.residentsCreated().size(); from += 1000) {
      var chunk = plan.residentsCreated().subList(from, Math.min(from + 1000, plan.residentsCreated().size()));
      archive.createAll(chunk, by, source);
      rowsWritten.accept(written += chunk.size());
    }
    for (int from = 0; from < plan.residentsUpdated().size(); from += 1000) {
      var chunk = plan.residentsUpdated().subList(from, Math.min(from + 1000, plan.residentsUpdated().size()));
      archive.updateAll(chunk, by, source);
      rowsWritten.accept(written += chunk.size());
    }
    plan.preferences().forEach(preferences::keep);
    plan.emails().forEach((residentId, email) -> archive.setEmail(residentId, email.orElse(null)));
  }

  /** The plan with the next R-nnnn ids in place of the placeholders of new residents the file gave no number. */
  private Plan numbered(Plan plan) {
    List<ResidentDetails> unnumbered = plan.residentsCreated().stream().filter(r -> r.residentId().startsWith(NEW)).toList();
    if (unnumbered.isEmpty()) {
      return plan;
    }
    var ids = archive.newResidentIds(unnumbered.size()).iterator();
    Map<String, String> numbers = new HashMap<>();
    unnumbered.forEach(r -> numbers.put(r.residentId(), ids.next()));
    java.util.function.UnaryOperator<String> id = placeholder -> numbers.getOrDefault(placeholder, placeholder);
    List<ResidentDetails> created = plan.residentsCreated().stream().map(r -> new ResidentDetails(id.apply(r.residentId()),
        r.unitId(), r.name(), r.phone(), r.otherPhones(), r.gender(), r.occupancy(), r.household(), r.vip(), r.elderly(),
        r.disabled(), r.hardOfHearing(), r.specialNeedsNote(), r.movedInOn(), r.movedOutOn())).toList();
    Map<String, ResidentPreferences.Preference> preferences = new LinkedHashMap<>();
    plan.preferences().forEach((k, v) -> preferences.put(id.apply(k), v));
    Map<String, Optional<String>> emails = new LinkedHashMap<>();
    plan.emails().forEach((k, v) -> emails.put(id.apply(k), v));
    return new Plan(plan.rows(), plan.problems(), plan.newUnits(), created, plan.residentsUpdated(), plan.unchanged(),
        preferences, emails, this);
  }

  /** What the archive holds, read once for a whole file. */
  private final class Archive {
    final Map<String, ResidentDetails> byId = new HashMap<>();
    final Map<String, List<ResidentDetails>> livingByUnitAndName = new HashMap<>();
    final Map<String, String> units = archive.unitBuildings();
    final Map<String, String> buildingNames = new HashMap<>();
    final List<ResidentArchive.Building> buildings = archive.buildings();
    final Map<String, String> named = new HashMap<>();
    final Map<String, ResidentPreferences.Preference> preferences = ResidentImport.this.preferences.all();
    final Map<String, String> emails = archive.emails();

    Archive() {
      LocalDate today = LocalDate.now(clock);
      for (ResidentDetails resident : archive.all()) {
        byId.put(resident.residentId(), resident);
        if (resident.movedOutOn() == null || resident.movedOutOn().isAfter(today)) {
          livingByUnitAndName.computeIfAbsent(resident.unitId() + "\n" + resident.name(), k -> new ArrayList<>())
              .add(resident);
        }
      }
      for (ResidentArchive.Building building : buildings) {
        buildingNames.put(building.buildingId(), building.name());
      }
    }

    /** The building a cell names (see {@link ResidentArchive#buildingNamed}), remembered per text. */
    String building(String cell) {
      return named.computeIfAbsent(cell, text -> ResidentArchive.buildingNamed(text, buildings).orElse(null));
    }
  }

  /** One row's cells, read into the API's form; a cell that cannot be read becomes a problem. */
  private static final class Cells {
    private final Spreadsheet.Row row;
    private final Map<ResidentColumn, String> columns;
    private final List<RowProblem> problems;

    Cells(Spreadsheet.Row row, Map<ResidentColumn, String> columns, List<RowProblem> problems) {
      this.row = row;
      this.columns = columns;
      this.problems = problems;
    }

    boolean has(ResidentColumn column) {
      return columns.containsKey(column);
    }

    String text(ResidentColumn column) {
      return SheetColumn.cell(row, columns, column);
    }

    RowProblem problem(ResidentColumn column, String field, String message) {
      return new RowProblem(row.number(), field, columns.getOrDefault(column, column.header), message);
    }

    ResidentForm form() {
      String phone = text(ResidentColumn.PHONE);
      return new ResidentForm(text(ResidentColumn.RESIDENT_ID), text(ResidentColumn.UNIT), text(ResidentColumn.NAME),
          phone == null ? null : phone.replaceAll("\\s", ""), phones(), gender(), occupancy(),
          list(ResidentColumn.HOUSEHOLD), yes(ResidentColumn.VIP), yes(ResidentColumn.ELDERLY),
          yes(ResidentColumn.DISABLED), yes(ResidentColumn.HARD_OF_HEARING), text(ResidentColumn.SPECIAL_NEEDS_NOTE),
          language(), channel(), text(ResidentColumn.EMAIL), text(ResidentColumn.WECHAT_OPEN_ID), date(),
          text(ResidentColumn.BUILDING));
    }

    /** The resident as the archive will keep them: columns not in the file keep what {@code existing} had. */
    ResidentDetails details(String residentId, ResidentForm f, ResidentDetails existing) {
      ResidentDetails e = existing != null ? existing
          : new ResidentDetails(residentId, f.unitId(), f.name(), f.phone(), List.of(), null, "OWNER", List.of(), false,
              false, false, false, null, null, null);
      return new ResidentDetails(residentId, f.unitId(), f.name().strip(), f.phone(),
          has(ResidentColumn.OTHER_PHONES) ? f.otherPhones() : e.otherPhones(),
          has(ResidentColumn.GENDER) ? f.gender() : e.gender(),
          has(ResidentColumn.OCCUPANCY) ? f.occupancy() : e.occupancy(),
          has(ResidentColumn.HOUSEHOLD) ? f.household() : e.household(),
          has(ResidentColumn.VIP) ? f.vip() : e.vip(),
          has(ResidentColumn.ELDERLY) ? f.elderly() : e.elderly(),
          has(ResidentColumn.DISABLED) ? f.disabled() : e.disabled(),
          has(ResidentColumn.HARD_OF_HEARING) ? f.hardOfHearing() : e.hardOfHearing(),
          has(ResidentColumn.SPECIAL_NEEDS_NOTE) ? f.specialNeedsNote() : e.specialNeedsNote(),
          has(ResidentColumn.MOVED_IN_ON) ? f.movedInOn() : e.movedInOn(), e.movedOutOn());
    }

    ResidentPreferences.Preference preference(ResidentForm f, ResidentPreferences.Preference had) {
      var none = ResidentPreferences.Preference.DEFAULT;
      return new ResidentPreferences.Preference(
          !has(ResidentColumn.LANGUAGE) ? had.locale()
              : f.preferredLanguage() == null ? none.locale() : Locale.forLanguageTag(f.preferredLanguage()),
          !has(ResidentColumn.CHANNEL) ? had.channel()
              : f.preferredChannel() == null ? none.channel() : f.preferredChannel(),
          !has(ResidentColumn.WECHAT_OPEN_ID) ? had.weChatOpenId() : Optional.ofNullable(blankToNull(f.wechatOpenId())));
    }

    private List<String> phones() {
      String cell = text(ResidentColumn.OTHER_PHONES);
      return cell == null ? List.of() : Arrays.stream(PHONE_SEPARATORS.split(cell)).filter(p -> !p.isBlank()).toList();
    }

    private List<String> list(ResidentColumn column) {
      String cell = text(column);
      return cell == null ? List.of()
          : Arrays.stream(LIST_SEPARATORS.split(cell)).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    private String gender() {
      return choice(ResidentColumn.GENDER, "填“男”或“女”", Map.of("男", "MALE", "女", "FEMALE", "male", "MALE",
          "female", "FEMALE", "m", "MALE", "f", "FEMALE"));
    }

    private String occupancy() {
      String value = choice(ResidentColumn.OCCUPANCY, "填“业主”或“租户”", Map.of("业主", "OWNER", "租户", "TENANT",
          "owner", "OWNER", "tenant", "TENANT"));
      return value == null ? "OWNER" : value;
    }

    private String language() {
      return choice(ResidentColumn.LANGUAGE, "填“中文”或“英文”", Map.of("中文", "zh-CN", "简体中文", "zh-CN",
          "zh-cn", "zh-CN", "英文", "en", "english", "en", "en", "en"));
    }

    private String channel() {
      return choice(ResidentColumn.CHANNEL, "填“短信”“微信”“邮件”或“APP”", Map.of("短信", "SMS", "sms", "SMS",
          "微信", "WECHAT", "wechat", "WECHAT", "邮件", "EMAIL", "email", "EMAIL", "app", "APP"));
    }

    private boolean yes(ResidentColumn column) {
      String value = choice(column, "填“是”或“否”", Map.ofEntries(Map.entry("是", "Y"), Map.entry("否", "N"),
          Map.entry("y", "Y"), Map.entry("n", "N"), Map.entry("yes", "Y"), Map.entry("no", "N"),
          Map.entry("true", "Y"), Map.entry("false", "N"), Map.entry("1", "Y"), Map.entry("0", "N"),
          Map.entry("√", "Y"), Map.entry("✓", "Y"), Map.entry("×", "N")));
      return "Y".equals(value);
    }

    private String choice(ResidentColumn column, String hint, Map<String, String> values) {
      String cell = text(column);
      if (cell == null) {
        return null;
      }
      String value = values.get(cell.toLowerCase(Locale.ROOT));
      if (value == null) {
        problems.add(problem(column, column.field, "“" + cell + "”看不懂：" + hint));
      }
      return value;
    }

    private LocalDate date() {
      String cell = text(ResidentColumn.MOVED_IN_ON);
      if (cell == null) {
        return null;
      }
      for (DateTimeFormatter format : DATES) {
        try {
          return LocalDate.parse(cell, format);
        } catch (DateTimeParseException notThisOne) {
          // the next format
        }
      }
      problems.add(problem(ResidentColumn.MOVED_IN_ON, "movedInOn", "“" + cell + "”不是日期（如 2020-06-01）"));
      return null;
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
