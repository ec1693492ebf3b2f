package com.guanjia.security;

import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who may read a case: staff read the cases they work on (its registrar, owner and zone butler, and
 * whoever is offered or given one of its tasks), not every case of the company. A complaint about a
 * staff member's attitude thus stays with the supervisors (R4). Supervisors, managers, quality and
 * auditors read all cases through their grants on the process definitions.
 *
 * <p>Two records, because they are read differently:
 * <ul>
 *   <li>Those offered or given a task hold a Camunda grant on its running instance: Tasklist's columns
 *       read its variables. Every such grant of a person is joined by each of that person's Tasklist
 *       queries, so there are no others (the registrar, owner and butler read the case on its page), and
 *       they last only as long as the work: when the case closes they go ({@link #endWork}), though its
 *       instance waits months for the callbacks.
 *   <li>Who may read the case's history (the case page) is Guanjia's {@code case_reader} table, checked
 *       once per case ({@link #mayRead}). As Camunda grants (one per reader and case, and one per task
 *       candidate for the task's history) they were joined by the same Tasklist queries: the front desk's
 *       task list grew slower with every case it ever registered.
 * </ul>
 */
@Service
public class CaseAccess {
  private static final String USER = "U";
  private static final String GROUP = "G";

  private final AuthorizationService authorizations;
  private final ProcessEngineConfigurationImpl engine;
  private final JdbcClient jdbc;

  CaseAccess(AuthorizationService authorizations, @Lazy ProcessEngineConfigurationImpl engine, JdbcClient jdbc) {
    this.authorizations = authorizations;
    this.engine = engine;
    this.jdbc = jdbc;
  }

  /** Lets a user work on a case (a task of it): read its running instance while it is worked on, and its history. */
  public void letUserRead(String processInstanceId, String userId) {
    letUserWorkOn(processInstanceId, userId);
    letUserReadHistory(processInstanceId, userId);
  }

  /** Lets a group work on a case. */
  public void letGroupRead(String processInstanceId, String groupId) {
    letGroupWorkOn(processInstanceId, groupId);
    letGroupReadHistory(processInstanceId, groupId);
  }

  /** Lets a user work on a follow-up of a case (an escalation, a callback plan): its running instance only. */
  public void letUserWorkOn(String processInstanceId, String userId) {
    if (userId != null) {
      asAllowed(() -> grantRunning(processInstanceId, userId, null));
    }
  }

  /** Lets a group work on a follow-up of a case. */
  public void letGroupWorkOn(String processInstanceId, String groupId) {
    if (groupId != null) {
      asAllowed(() -> grantRunning(processInstanceId, null, groupId));
    }
  }

  /** Lets a user read a case's history only: a follow-up of a closed case (a callback) is not work on it. */
  public void letUserReadHistory(String processInstanceId, String userId) {
    if (userId != null) {
      addReader(processInstanceId, USER, userId);
    }
  }

  /** Lets a group read a case's history only. */
  public void letGroupReadHistory(String processInstanceId, String groupId) {
    if (groupId != null) {
      addReader(processInstanceId, GROUP, groupId);
    }
  }

  /** Whether a user, or one of the user's groups, works or worked on the case. */
  public boolean mayRead(String processInstanceId, String userId, Collection<String> groupIds) {
    List<String> groups = groupIds.isEmpty() ? List.of("") : List.copyOf(groupIds);
    return jdbc.sql("select count(*) from case_reader where process_instance_id = :instance and ((kind = 'U' and "
            + "reader_id = :user) or (kind = 'G' and reader_id in (:groups)))")
        .param("instance", processInstanceId).param("user", userId).param("groups", groups)
        .query(Long.class).single() > 0;
  }

  /**
   * Whether the user works on one of the resident's cases: is, or is in a group that is, one of its readers
   * (registrar, owner, zone butler, those offered or given one of its tasks).
   */
  public boolean worksForResident(String residentId, String userId, Collection<String> groupIds) {
    List<String> groups = groupIds.isEmpty() ? List.of("") : List.copyOf(groupIds);
    return jdbc.sql("select count(*) from service_request s join case_reader r on r.process_instance_id = "
            + "s.process_instance_id where s.resident_id = :resident and ((r.kind = 'U' and r.reader_id = :user) or "
            + "(r.kind = 'G' and r.reader_id in (:groups)))")
        .param("resident", residentId).param("user", userId).param("groups", groups)
        .query(Long.class).single() > 0;
  }

  /**
   * Nobody works on an instance while it waits, maybe for months: a closed case for its callbacks, a
   * callback plan for its next call. The grants on that instance go (one statement, run when the
   * transaction is flushed, so also those made earlier in it: call this where no task is created in the
   * same transaction); a case's readers keep its history. A task created later grants again.
   */
  public void endWork(String processInstanceId) {
    Context.getCommandContext().getAuthorizationManager().deleteAuthorizationsByResourceId(PROCESS_INSTANCE,
        processInstanceId);
  }

  /**
   * Runs work on a case that the caller has already checked may be done (reads after an explicit check,
   * grants), without Camunda's authorization check on each query: in the command under way, if any.
   */
  public <T> T asAllowed(Supplier<T> reads) {
    return engine.getCommandExecutorTxRequired().execute(commandContext -> {
      boolean checking = commandContext.isAuthorizationCheckEnabled();
      commandContext.disableAuthorizationCheck();
      try {
        return reads.get();
      } finally {
        if (checking) {
          commandContext.enableAuthorizationCheck();
        }
      }
    });
  }

  /** In the caller's transaction; a reader already there (granted earlier, or by another node just now) stays. */
  private void addReader(String processInstanceId, String kind, String readerId) {
    String insert = "postgres".equals(engine.getDatabaseType())
        ? "insert into case_reader (process_instance_id, kind, reader_id) values (?, ?, ?) on conflict do nothing"
        : "merge into case_reader (process_instance_id, kind, reader_id) key (process_instance_id, kind, reader_id) "
            + "values (?, ?, ?)";
    jdbc.sql(insert).params(processInstanceId, kind, readerId).update();
  }

  private Void grantRunning(String id, String userId, String groupId) {
    // granted earlier in this command, not yet written: the query below would not see it
    boolean pending = Context.getCommandContext().getDbEntityManager()
        .getCachedEntitiesByType(AuthorizationEntity.class).stream()
        .anyMatch(a -> a.getResourceType() == PROCESS_INSTANCE.resourceType() && id.equals(a.getResourceId())
            && Objects.equals(userId, a.getUserId()) && Objects.equals(groupId, a.getGroupId()));
    if (pending) {
      return null;
    }
    // a case started in this command has no grants in the database yet: no need to look (intake grants
    // its registrar, owner, zone butler and first candidates)
    if (!startedInThisCommand(id)) {
      var query = authorizations.createAuthorizationQuery().resourceType(PROCESS_INSTANCE).resourceId(id);
      query = userId != null ? query.userIdIn(userId) : query.groupIdIn(groupId);
      if (query.count() > 0) {
        return null;
      }
    }
    Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setUserId(userId);
    authorization.setGroupId(groupId);
    authorization.setResource(PROCESS_INSTANCE);
    authorization.setResourceId(id);
    authorization.addPermission(Permissions.READ);
    authorizations.saveAuthorization(authorization);
    return null;
  }

  private static boolean startedInThisCommand(String processInstanceId) {
    var entities = Context.getCommandContext().getDbEntityManager();
    ExecutionEntity instance = entities.getCachedEntity(ExecutionEntity.class, processInstanceId);
    return instance != null && entities.getDbEntityCache().isTransient(instance);
  }
}
