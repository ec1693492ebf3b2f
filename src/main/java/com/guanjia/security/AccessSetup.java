package com.guanjia.security;

import static com.guanjia.process.ProcessContract.*;
import static org.camunda.bpm.engine.authorization.Permissions.*;
import static org.camunda.bpm.engine.authorization.Resources.*;

import com.guanjia.process.EngineQueries;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Groups of DOMAIN.md, what each may do, and the Tasklist filters, on every start and every database
 * (idempotent). Staff work their groups' tasks (Camunda grants a task to its candidates by itself);
 * supervisors read everything, reassign and deploy models; auditors read, history included, and change
 * nothing; the admin group administers (Camunda's admin-user setup grants it everything).
 */
@Component
@Order(1)
class AccessSetup implements ApplicationRunner {
  static final List<String> STAFF = List.of(GROUP_CUSTOMER_SERVICE, GROUP_BUTLER, GROUP_MAINTENANCE, GROUP_CLEANING,
      GROUP_SECURITY, GROUP_LANDSCAPING, GROUP_SUPERVISOR, GROUP_PROJECT_MANAGER, GROUP_QUALITY);
  static final List<String> OVERSIGHT = List.of(GROUP_SUPERVISOR, GROUP_PROJECT_MANAGER, GROUP_QUALITY);

  static final String FILTER_MINE = "我的任务";
  static final String FILTER_CLAIMABLE = "可认领的任务";
  static final String FILTER_ALL = "全部任务";
  static final String FILTER_GROUP = "我所在组的任务";
  static final String FILTER_OVERDUE = "已逾期";
  static final String FILTER_ESCALATED = "督办中";
  static final String FILTER_CALLBACKS_TODAY = "今日待回访";

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final TaskService tasks;
  private final JdbcClient jdbc;

  AccessSetup(IdentityService identity, AuthorizationService authorizations, FilterService filters, TaskService tasks,
      JdbcClient jdbc) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.filters = filters;
    this.tasks = tasks;
    this.jdbc = jdbc;
  }

  @Override
  public void run(ApplicationArguments args) {
    GROUP_NAMES.forEach(this::group);

    for (String g : STAFF) {
      grant(g, APPLICATION, "tasklist", ACCESS);
      // staff read the cases they work on (CaseAccess), not every case
      grant(g, PROCESS_DEFINITION, PROCESS_SERVICE_REQUEST, READ, CREATE_INSTANCE);
      grant(g, PROCESS_DEFINITION, PROCESS_CALLBACK_VISITS, READ);
      PATH_PROCESSES.forEach(path -> grant(g, PROCESS_DEFINITION, path, READ));
      grant(g, PROCESS_INSTANCE, "*", CREATE);
      grant(g, USER, "*", READ);
      grant(g, GROUP, "*", READ);
    }
    for (String g : OVERSIGHT) {
      grant(g, APPLICATION, "cockpit", ACCESS);
      grant(g, PROCESS_DEFINITION, "*", READ, READ_HISTORY, READ_INSTANCE, READ_TASK, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE);
      grant(g, PROCESS_INSTANCE, "*", READ);
      grant(g, TASK, "*", READ);
      grant(g, DECISION_DEFINITION, "*", READ, READ_HISTORY);
      grant(g, DECISION_REQUIREMENTS_DEFINITION, "*", READ);
      grant(g, DEPLOYMENT, "*", READ);
    }
    // supervisors: reassign, transfer ownership (R1), change the models in Modeler and move running cases to them
    grant(GROUP_SUPERVISOR, PROCESS_DEFINITION, "*", READ, READ_HISTORY, READ_INSTANCE, READ_TASK,
        ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE, UPDATE_TASK, TASK_ASSIGN, ProcessDefinitionPermissions.UPDATE_INSTANCE_VARIABLE,
        ProcessDefinitionPermissions.MIGRATE_INSTANCE);
    grant(GROUP_SUPERVISOR, PROCESS_DEFINITION, PROCESS_OWNERSHIP_TRANSFER, READ, READ_HISTORY, CREATE_INSTANCE);
    // ... and tell a case and its path of a new owner (the Msg_CaseUpdated message), or move a stuck case on
    for (String caseProcess : CASE_PROCESSES) {
      grant(GROUP_SUPERVISOR, PROCESS_DEFINITION, caseProcess, ProcessDefinitionPermissions.UPDATE_INSTANCE);
    }
    // a message that could not be delivered is an incident supervisors retry in Cockpit (R6)
    grant(GROUP_SUPERVISOR, PROCESS_DEFINITION, PROCESS_MESSAGE_DELIVERY, ProcessDefinitionPermissions.RETRY_JOB,
        ProcessDefinitionPermissions.UPDATE_INSTANCE);
    grant(GROUP_SUPERVISOR, DEPLOYMENT, "*", READ, CREATE);
    // auditors: read everything, change nothing
    grant(GROUP_AUDITOR, APPLICATION, "cockpit", ACCESS);
    grant(GROUP_AUDITOR, PROCESS_DEFINITION, "*", READ, READ_HISTORY, READ_INSTANCE, READ_TASK, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE);
    grant(GROUP_AUDITOR, PROCESS_INSTANCE, "*", READ);
    grant(GROUP_AUDITOR, TASK, "*", READ);
    grant(GROUP_AUDITOR, DECISION_DEFINITION, "*", READ, READ_HISTORY);
    grant(GROUP_AUDITOR, DECISION_REQUIREMENTS_DEFINITION, "*", READ);
    grant(GROUP_AUDITOR, DEPLOYMENT, "*", READ);
    grant(GROUP_AUDITOR, USER, "*", READ);
    grant(GROUP_AUDITOR, GROUP, "*", READ);

    filter(FILTER_MINE, "分配给我的任务", -10, tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"), STAFF);
    filter(FILTER_CLAIMABLE, "我或我所在的组可以认领的任务", -5,
        tasks.createTaskQuery().taskCandidateUserExpression("${currentUser()}"), STAFF);
    filter(FILTER_GROUP, "我所在组的任务，已被认领的也在内", -4,
        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks(), STAFF);
    filter(FILTER_OVERDUE, "分配给我或我所在组、已过到期时间的任务", -3, tasks.createTaskQuery()
        .or().taskAssigneeExpression("${currentUser()}").taskCandidateGroupInExpression("${currentUserGroups()}").endOr()
        .dueBeforeExpression("${now()}").orderByDueDate().asc(), STAFF);
    filter(FILTER_ESCALATED, "已升级督办的请求的任务（督办级别 1–3）", -2,
        tasks.createTaskQuery().processVariableValueGreaterThan(VAR_ESCALATION_LEVEL, 0), STAFF);
    filter(FILTER_CALLBACKS_TODAY, "今天到期的回访电话", -1, tasks.createTaskQuery().taskDefinitionKey(TASK_CALL_RESIDENT)
        .dueBeforeExpression("${dateTime().plusDays(1).withTimeAtStartOfDay().toDate()}").orderByDueDate().asc(),
        List.of(GROUP_CUSTOMER_SERVICE, GROUP_SUPERVISOR));
    filter(FILTER_ALL, "所有未完成的任务", 0, tasks.createTaskQuery(), OVERSIGHT);
    apply();
    moveHistoryGrants();
  }

  /**
   * Per-case grants on history written by earlier versions become case readers ({@link CaseAccess});
   * Camunda's grants on tasks' history go, as Camunda no longer checks either. A no-op once done.
   */
  private void moveHistoryGrants() {
    int instance = HISTORIC_PROCESS_INSTANCE.resourceType();
    try {
      jdbc.sql("insert into case_reader (process_instance_id, kind, reader_id) select distinct A.RESOURCE_ID_, "
              + "case when A.USER_ID_ is null then 'G' else 'U' end, coalesce(A.USER_ID_, A.GROUP_ID_) "
              + "from ACT_RU_AUTHORIZATION A where A.RESOURCE_TYPE_ = ? and A.TYPE_ = 1 and A.RESOURCE_ID_ <> '*' "
              + "and not exists (select 1 from case_reader R where R.process_instance_id = A.RESOURCE_ID_ "
              + "and R.kind = case when A.USER_ID_ is null then 'G' else 'U' end "
              + "and R.reader_id = coalesce(A.USER_ID_, A.GROUP_ID_))")
          .param(instance).update();
    } catch (DuplicateKeyException movedByAnotherNode) {
      // a node starting beside this one moved them
    }
    jdbc.sql("delete from ACT_RU_AUTHORIZATION where RESOURCE_TYPE_ in (?, ?) and RESOURCE_ID_ <> '*'")
        .params(instance, HISTORIC_TASK.resourceType()).update();
  }

  private void group(String id, String name) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
      identity.saveGroup(group);
    }
  }

  private record Target(String groupId, Resource resource, String resourceId) {}

  /** What each group gets, gathered first: one group may be granted on one resource in several places. */
  private final Map<Target, java.util.Set<Permission>> wanted = new java.util.LinkedHashMap<>();

  private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    wanted.computeIfAbsent(new Target(groupId, resource, resourceId), t -> new java.util.LinkedHashSet<>())
        .addAll(List.of(permissions));
  }

  /**
   * Exactly the wanted permissions: a start after an upgrade also takes back what a group no longer has.
   * Only what differs is written, so nodes starting together on one database do not update the same rows.
   */
  private void apply() {
    wanted.forEach((target, permissions) -> {
      int mask = permissions.stream().mapToInt(Permission::getValue).reduce(0, (a, b) -> a | b);
      Authorization authorization = EngineQueries.all(authorizations.createAuthorizationQuery().groupIdIn(target.groupId())
          .resourceType(target.resource()).resourceId(target.resourceId())).stream()
          .filter(a -> a.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT).findFirst()
          .orElseGet(() -> {
            Authorization created = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            created.setGroupId(target.groupId());
            created.setResource(target.resource());
            created.setResourceId(target.resourceId());
            return created;
          });
      if (authorization.getId() != null && ((AuthorizationEntity) authorization).getPermissions() == mask) {
        return;
      }
      authorization.setPermissions(permissions.toArray(Permission[]::new));
      authorizations.saveAuthorization(authorization);
    });
    wanted.clear();
  }

  private void filter(String name, String description, int priority, TaskQuery query, List<String> readers) {
    Filter filter = filters.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filters.newTaskFilter(name).setQuery(query)
          .setProperties(Map.of("description", description, "priority", priority, "refresh", true,
              "variables", List.of(Map.of("name", VAR_REQUEST_NO, "label", "请求编号"),
                  Map.of("name", VAR_DESCRIPTION, "label", "问题描述"), Map.of("name", VAR_PRIORITY, "label", "优先级"),
                  Map.of("name", VAR_ESCALATION_LEVEL, "label", "督办级别"))));
      filters.saveFilter(filter);
    }
    for (String g : readers) {
      grant(g, FILTER, filter.getId(), READ);
    }
  }
}
