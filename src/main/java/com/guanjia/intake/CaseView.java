package com.guanjia.intake;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.intake.RequestRecords.RequestRecord;
import com.guanjia.process.Category;
import com.guanjia.process.EngineQueries;
import com.guanjia.process.RequestVariables;
import com.guanjia.resident.Masking;
import com.guanjia.resident.NotesAsWritten;
import com.guanjia.resident.Resident;
import com.guanjia.resident.ResidentArchive;
import com.guanjia.resident.StaffDirectory;
import com.guanjia.security.CaseAccess;
import com.guanjia.security.CurrentUser;
import com.guanjia.web.ForbiddenException;
import com.guanjia.web.NotFoundException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Service;

/**
 * A case as staff see it ({@code GET /api/requests/{requestNo}}), read from the engine's history so
 * that open and closed cases look alike. Residents' data is masked unless the reader needs it (R10).
 */
@Service
class CaseView {
  /** Groups that talk to residents and may see their name, phone and address in full. */
  private static final List<String> SEE_RESIDENTS = List.of(GROUP_CUSTOMER_SERVICE, GROUP_BUTLER, GROUP_SUPERVISOR,
      GROUP_PROJECT_MANAGER);

  private final RequestRecords records;
  private final com.guanjia.resident.PersonalDataReveals reveals;
  private final NotesAsWritten notesAsWritten;
  private final HistoryService history;
  private final CaseAccess access;
  private final ResidentArchive residents;
  private final StaffDirectory staff;
  private final CurrentUser user;
  private final ZoneId zone;

  CaseView(RequestRecords records, HistoryService history, CaseAccess access,
      ResidentArchive residents, StaffDirectory staff, CurrentUser user, com.guanjia.GuanjiaProperties properties,
      com.guanjia.resident.PersonalDataReveals reveals, NotesAsWritten notesAsWritten) {
    this.reveals = reveals;
    this.notesAsWritten = notesAsWritten;
    this.records = records;
    this.history = history;
    this.access = access;
    this.residents = residents;
    this.staff = staff;
    this.user = user;
    this.zone = properties.timeZone();
  }

  record Case(String requestNo, String status, String type, String category, String channel, String description,
      String location, ResidentView resident, Person owner, String priority, String urgentReason, Boolean keyItem,
      String responsibleGroup,
      OffsetDateTime eta, Integer escalationLevel, OffsetDateTime registeredAt, String registeredBy,
      OffsetDateTime closedAt, List<OpenTask> openTasks, List<NotesAsWritten.Note> notesAsWritten) {}

  /** @param needs elderly, disabled, hard of hearing: shown to everyone on the case (flags, not notes) */
  record ResidentView(String residentId, String name, String phone, String address, boolean masked,
      List<String> needs) {}

  record Person(String userId, String name, String phone) {}

  record OpenTask(String taskId, String activityId, String name, String assignee, List<String> candidateGroups,
      List<String> candidateUsers, OffsetDateTime created) {}

  /** The case belongs to a project (管理处) the reader does not work for. */
  static final class OtherProject extends ForbiddenException {
    final String projectId;

    OtherProject(String projectId, String message) {
      super(message);
      this.projectId = projectId;
    }
  }

  Case find(String requestNo) {
    RequestRecord record = records.find(requestNo)
        .orElseThrow(() -> new NotFoundException("No request " + requestNo));
    if (!user.readsEveryCase() && !access.mayRead(record.processInstanceId(), user.id(), user.groups())) {
      throw new ForbiddenException(user.id() + " does not work on " + requestNo);
    }
    if (!user.seesProject(record.projectId())) {
      // staff of one project (管理处) see its cases only, whatever their role (ProjectTenants)
      throw new OtherProject(record.projectId(), user.id() + " works for another project than " + requestNo + "'s ("
          + record.projectId() + ")");
    }
    if (Category.STAFF_ATTITUDE.name().equals(record.category()) && !user.id().equals(record.registeredBy())
        && !user.inAnyGroup(GROUP_SUPERVISOR, GROUP_PROJECT_MANAGER, GROUP_QUALITY, GROUP_AUDITOR)) {
      // R4: a complaint about a staff member's attitude is not shown to staff, who may be concerned
      throw new ForbiddenException("attitude complaints are read by supervisors, managers, quality and audit only");
    }
    // the reader may read this case (checked above): its history is read without Camunda's per-query
    // checks, whose joins of the authorization table cost more with every case in the database
    return access.asAllowed(() -> read(requestNo, record));
  }

  private Case read(String requestNo, RequestRecord record) {
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
        .processInstanceId(record.processInstanceId()).singleResult();
    // the case's own values; while a handling path runs, its promise and handler are the newer ones (they
    // come back to the case when the path ends). The callback plan a closed case calls is its follow-up,
    // shown apart (the case page's callbacks), not work on the case.
    Map<String, Object> vars = new HashMap<>();
    // (by the indexed root id: Camunda has no index on the history's super instance)
    List<String> running = EngineQueries.all(history.createHistoricProcessInstanceQuery()
        .rootProcessInstanceId(record.processInstanceId()).unfinished()).stream()
        .filter(i -> !PROCESS_CALLBACK_VISITS.equals(i.getProcessDefinitionKey()))
        .map(HistoricProcessInstance::getId).filter(id -> !id.equals(record.processInstanceId())).toList();
    List<String> instances = new java.util.ArrayList<>(running);
    instances.add(record.processInstanceId());
    Map<String, Object> path = new HashMap<>();
    for (HistoricVariableInstance v : EngineQueries.all(history.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(instances.toArray(String[]::new)))) {
      if (v.getActivityInstanceId() == null || v.getActivityInstanceId().equals(v.getProcessInstanceId())) {
        (v.getProcessInstanceId().equals(record.processInstanceId()) ? vars : path).put(v.getName(), v.getValue());
      }
    }
    for (String handling : List.of(VAR_ETA, VAR_HANDLER)) {
      if (path.get(handling) != null) {
        vars.put(handling, path.get(handling));
      }
    }
    List<OpenTask> openTasks = EngineQueries.all(history.createHistoricTaskInstanceQuery()
        .rootProcessInstanceId(record.processInstanceId()).unfinished().orderByHistoricActivityInstanceStartTime().asc()
        ).stream().filter(t -> !PROCESS_CALLBACK_VISITS.equals(t.getProcessDefinitionKey()))
        .map(this::openTask).toList();
    String owner = (String) vars.get(VAR_FIRST_RESPONDER);
    // a case is closed when its handling is done; it may still be followed up by callbacks (R5)
    OffsetDateTime closedAt = RequestVariables.parseDateTime(VAR_CLOSED_AT, vars.get(VAR_CLOSED_AT), zone);
    if (closedAt == null && instance != null && instance.getEndTime() != null) {
      closedAt = at(instance.getEndTime());
    }
    String status = status(instance);
    if (closedAt != null && "OPEN".equals(status)) {
      status = "CLOSED";
    }
    ResidentView resident = resident(record.residentId(), owner, openTasks);
    String description = (String) vars.get(VAR_DESCRIPTION);
    List<NotesAsWritten.Note> notes = List.of();
    boolean clear = resident == null ? SEE_RESIDENTS.stream().anyMatch(user.groups()::contains) : !resident.masked();
    if (clear) {
      // R10: the resident's details and what they told us as they told it, to those who need them; who saw them
      // and where is part of the case's audit trail
      description = records.descriptionAsTold(requestNo).orElse(description);
      notes = notesAsWritten.of(record.processInstanceId(), zone);
      if (resident != null || !java.util.Objects.equals(description, vars.get(VAR_DESCRIPTION)) || !notes.isEmpty()) {
        reveals.revealed(requestNo, record.residentId(), user.id(), place());
      }
    }
    return new Case(requestNo, status, record.type(), record.category(), record.channel(),
        description, clear ? record.location() : Masking.location(record.location()),
        resident, person(owner), (String) vars.get(VAR_PRIORITY),
        (String) vars.get(VAR_URGENT_REASON), (Boolean) vars.get(VAR_KEY_ITEM), (String) vars.get(VAR_RESPONSIBLE_GROUP),
        RequestVariables.parseDateTime(VAR_ETA, vars.get(VAR_ETA), zone),
        vars.get(VAR_ESCALATION_LEVEL) instanceof Number n ? n.intValue() : null,
        record.registeredAt().atZoneSameInstant(zone).toOffsetDateTime(), record.registeredBy(), closedAt, openTasks, notes);
  }

  private static String status(HistoricProcessInstance instance) {
    if (instance == null) {
      return "UNKNOWN";
    }
    return switch (instance.getState()) {
      case HistoricProcessInstance.STATE_COMPLETED -> "CLOSED";
      case HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED, HistoricProcessInstance.STATE_INTERNALLY_TERMINATED ->
          "CANCELLED";
      case HistoricProcessInstance.STATE_SUSPENDED -> "SUSPENDED";
      default -> "OPEN";
    };
  }

  private OpenTask openTask(HistoricTaskInstance task) {
    List<HistoricIdentityLinkLog> links = EngineQueries.all(history.createHistoricIdentityLinkLogQuery().taskId(task.getId()));
    Map<String, Boolean> groups = new java.util.LinkedHashMap<>();
    Map<String, Boolean> users = new java.util.LinkedHashMap<>();
    for (HistoricIdentityLinkLog link : links) {
      if (!"candidate".equals(link.getType())) {
        continue;
      }
      boolean add = "add".equals(link.getOperationType());
      if (link.getGroupId() != null) {
        groups.put(link.getGroupId(), add);
      } else if (link.getUserId() != null) {
        users.put(link.getUserId(), add);
      }
    }
    return new OpenTask(task.getId(), task.getTaskDefinitionKey(), task.getName(), task.getAssignee(),
        current(groups), current(users), at(task.getStartTime()));
  }

  private static List<String> current(Map<String, Boolean> links) {
    return links.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
  }

  private ResidentView resident(String residentId, String owner, List<OpenTask> openTasks) {
    if (residentId == null) {
      return null;
    }
    Resident r = residents.find(residentId).orElse(null);
    if (r == null) {
      return new ResidentView(residentId, null, null, null, true, List.of());
    }
    String me = user.id();
    boolean worksOnIt = me.equals(owner) || openTasks.stream().anyMatch(t -> me.equals(t.assignee())
        || t.candidateUsers().contains(me) || t.candidateGroups().stream().anyMatch(user.groups()::contains));
    if (worksOnIt || SEE_RESIDENTS.stream().anyMatch(user.groups()::contains)) {
      return new ResidentView(residentId, r.name(), r.phone(), r.address(), false, r.needs());
    }
    return new ResidentView(residentId, Masking.name(r.name()), Masking.phone(r.phone()),
        Masking.address(r.buildingName()), true, r.needs());
  }

  /** Where the details were shown: the page or API address that asked. */
  private static String place() {
    var attributes = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
    return attributes instanceof org.springframework.web.context.request.ServletRequestAttributes servlet
        ? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI() : "case view";
  }

  private Person person(String userId) {
    if (userId == null) {
      return null;
    }
    return staff.find(userId).map(s -> new Person(userId, s.displayName(), s.workPhone()))
        .orElse(new Person(userId, null, null));
  }

  private OffsetDateTime at(Date date) {
    return date == null ? null : OffsetDateTime.ofInstant(date.toInstant(), zone);
  }
}
