package com.guanjia.archive;

import static com.guanjia.process.ProcessContract.GROUP_PROJECT_MANAGER;
import static com.guanjia.process.ProcessContract.GROUP_QUALITY;
import static com.guanjia.process.ProcessContract.GROUP_SUPERVISOR;

import com.guanjia.escalation.ServiceHours;
import com.guanjia.security.ProjectTenants;
import com.guanjia.web.InvalidFieldException;
import com.guanjia.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The company's projects (管理处): each has its zones, its supervisor, project manager and quality contact (members
 * of staff in those trades) and its 24-hour duty phone, printed on its zones' service cards.
 */
@Service
public class Projects {
  private final JdbcClient jdbc;
  private final ServiceHours serviceHours;
  private final ProjectTenants tenants;

  Projects(JdbcClient jdbc, ServiceHours serviceHours, ProjectTenants tenants) {
    this.jdbc = jdbc;
    this.serviceHours = serviceHours;
    this.tenants = tenants;
  }

  /** @param serviceHours the project's own hours; null: it keeps the company's */
  public record Project(String projectId, String name, String supervisorId, String managerId, String qualityId,
      String dutyPhone, List<String> zones, Hours serviceHours) {}

  /**
   * A project's service hours and calendar: from {@code start} to {@code end} (HH:mm) on {@code days} (ISO days of
   * the week, 1 = Monday … 7 = Sunday); {@code publicHolidays}: whether the public holidays (and make-up working
   * days) of the company's calendar apply (default yes). Non-urgent targets of its cases count in these hours.
   */
  public record Hours(
      @NotBlank @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "HH:mm") String start,
      @NotBlank @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]|24:00", message = "HH:mm") String end,
      @NotEmpty @Size(max = 7) List<@NotNull @Min(1) @Max(7) Integer> days,
      Boolean publicHolidays) {}

  /** The body of {@code PUT /api/projects/{projectId}}. */
  public record ProjectForm(
      @NotBlank @Size(max = 100) String name,
      @Size(max = 64) String supervisorId,
      @Size(max = 64) String managerId,
      @Size(max = 64) String qualityId,
      @Size(max = 32) @Pattern(regexp = "[0-9+\\- ]*", message = "digits, '-', '+' and spaces") String dutyPhone,
      @Size(max = 200) List<@NotBlank String> zones,
      @Valid Hours serviceHours) {

    public ProjectForm(String name, String supervisorId, String managerId, String qualityId, String dutyPhone,
        List<String> zones) {
      this(name, supervisorId, managerId, qualityId, dutyPhone, zones, null);
    }
  }

  List<Project> all() {
    return jdbc.sql("select project_id from project order by project_id").query(String.class).list().stream()
        .map(id -> find(id).orElseThrow()).toList();
  }

  Optional<Project> find(String projectId) {
    return jdbc.sql("select * from project where project_id = ?").param(projectId)
        .query((rs, row) -> new Project(rs.getString("project_id"), rs.getString("name"), rs.getString("supervisor_id"),
            rs.getString("manager_id"), rs.getString("quality_id"), rs.getString("duty_phone"),
            jdbc.sql("select zone_id from zone where project_id = ? order by zone_id").param(projectId)
                .query(String.class).list(),
            serviceHours.own(projectId).map(o -> new Hours(o.start().toString(), o.end().toString(),
                o.days().stream().sorted().map(java.time.DayOfWeek::getValue).toList(), o.publicHolidays()))
                .orElse(null)))
        .optional();
  }

  /** The project a zone belongs to, if any. */
  Optional<Project> ofZone(String zoneId) {
    return jdbc.sql("select project_id from zone where zone_id = ? and project_id is not null").param(zoneId)
        .query(String.class).optional().flatMap(this::find);
  }

  /** Adds or changes a project; the zones listed belong to it from now on. */
  @Transactional
  public Project keep(String projectId, ProjectForm form) {
    if (!projectId.matches("[A-Za-z0-9-]{1,32}")) {
      throw new InvalidFieldException("projectId", "is " + projectId + ": letters, digits and '-' only");
    }
    contact("supervisorId", form.supervisorId(), GROUP_SUPERVISOR);
    contact("managerId", form.managerId(), GROUP_PROJECT_MANAGER);
    contact("qualityId", form.qualityId(), GROUP_QUALITY);
    List<String> zones = form.zones() == null ? List.of() : form.zones().stream().map(String::strip).distinct().toList();
    for (String zone : zones) {
      if (jdbc.sql("select count(*) from zone where zone_id = ?").param(zone).query(Integer.class).single() == 0) {
        throw new InvalidFieldException("zones", "no zone " + zone);
      }
    }
    Hours hours = form.serviceHours();
    if (hours != null && !java.time.LocalTime.parse(hours.start()).isBefore(end(hours))) {
      throw new InvalidFieldException("serviceHours.end", "is " + hours.end() + ": must be after start " + hours.start());
    }
    Object[] values = {form.name().strip(), blank(form.supervisorId()), blank(form.managerId()),
        blank(form.qualityId()), blank(form.dutyPhone()), hours == null ? null : hours.start(),
        hours == null ? null : end(hours).toString(),
        hours == null ? null : hours.days().stream().distinct().sorted().map(String::valueOf)
            .collect(java.util.stream.Collectors.joining(",")),
        hours == null ? null : hours.publicHolidays() == null || hours.publicHolidays(), projectId};
    if (jdbc.sql("""
            update project set name = ?, supervisor_id = ?, manager_id = ?, quality_id = ?, duty_phone = ?,
                   service_start = ?, service_end = ?, service_days = ?, public_holidays = ?
             where project_id = ?""").params(values).update() == 0) {
      jdbc.sql("""
              insert into project (name, supervisor_id, manager_id, quality_id, duty_phone, service_start, service_end,
                service_days, public_holidays, project_id)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""").params(values).update();
    }
    for (String zone : zones) {
      jdbc.sql("update zone set project_id = ? where zone_id = ?").params(projectId, zone).update();
    }
    serviceHours.forget(projectId);
    tenants.keepProject(projectId, form.name().strip());
    return find(projectId).orElseThrow(() -> new NotFoundException("no project " + projectId));
  }

  /** A contact must be an active member of staff in the trade the role needs. */
  private void contact(String field, String userId, String trade) {
    String id = blank(userId);
    if (id != null && jdbc.sql("select count(*) from staff_member where user_id = ? and trade = ? and active")
        .params(id, trade).query(Integer.class).single() == 0) {
      throw new InvalidFieldException(field, "is " + id + ": not an active member of staff in " + trade);
    }
  }

  /** The end of the service day: "24:00" is midnight, the last minute a day can hold. */
  private static java.time.LocalTime end(Hours hours) {
    return "24:00".equals(hours.end()) ? java.time.LocalTime.MAX.withSecond(0).withNano(0) : java.time.LocalTime.parse(hours.end());
  }

  private static String blank(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
