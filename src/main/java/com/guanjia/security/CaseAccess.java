package com.guanjia.security;

import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import java.util.Objects;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * Who may read a case: staff read the cases they work on (its registrar, owner and zone butler, and
 * whoever is offered or given one of its tasks), not every case of the company. A complaint about a
 * staff member's attitude thus stays with the supervisors (R4). Supervisors, managers, quality and
 * auditors read all cases through their grants on the process definitions.
 */
@Service
public class CaseAccess {
  private final AuthorizationService authorizations;
  private final ProcessEngineConfigurationImpl engine;

  CaseAccess(AuthorizationService authorizations, @Lazy ProcessEngineConfigurationImpl engine) {
    this.authorizations = authorizations;
    this.engine = engine;
  }

  /** Lets a user read a case, its variables and its history. */
  public void letUserRead(String processInstanceId, String userId) {
    if (userId != null) {
      grant(processInstanceId, userId, null);
    }
  }

  /** Lets a group read a case. */
  public void letGroupRead(String processInstanceId, String groupId) {
    if (groupId != null) {
      grant(processInstanceId, null, groupId);
    }
  }

  /**
   * Runs work on a case that the caller has already checked may be done (reads after an explicit check,
   * grants), without Camunda's authorization check on each query: in the command under way, if any.
   */
  public <T> T asAllowed(java.util.function.Supplier<T> reads) {
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

  private void grant(String processInstanceId, String userId, String groupId) {
    // whoever triggers this (a technician claiming a task) need not be allowed to manage authorizations
    asAllowed(() -> {
      save(PROCESS_INSTANCE, processInstanceId, userId, groupId, Permissions.READ);
      save(HISTORIC_PROCESS_INSTANCE, processInstanceId, userId, groupId, HistoricProcessInstancePermissions.READ);
      return null;
    });
  }

  private void save(Resource resource, String id, String userId, String groupId, Permission permission) {
    // granted earlier in this command, not yet written: the query below would not see it
    boolean pending = Context.getCommandContext().getDbEntityManager()
        .getCachedEntitiesByType(AuthorizationEntity.class).stream()
        .anyMatch(a -> a.getResourceType() == resource.resourceType() && id.equals(a.getResourceId())
            && Objects.equals(userId, a.getUserId()) && Objects.equals(groupId, a.getGroupId()));
    if (pending) {
      return;
    }
    // a case started in this command has no grants in the database yet: no need to look (intake grants
    // its registrar, owner, zone butler and first candidates)
    if (!startedInThisCommand(id)) {
      var query = authorizations.createAuthorizationQuery().resourceType(resource).resourceId(id);
      query = userId != null ? query.userIdIn(userId) : query.groupIdIn(groupId);
      if (query.count() > 0) {
        return;
      }
    }
    Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setUserId(userId);
    authorization.setGroupId(groupId);
    authorization.setResource(resource);
    authorization.setResourceId(id);
    authorization.addPermission(permission);
    authorizations.saveAuthorization(authorization);
    if (resource == HISTORIC_PROCESS_INSTANCE) {
      goesWithTheHistory((AuthorizationEntity) authorization, id);
    }
  }

  private static boolean startedInThisCommand(String processInstanceId) {
    var entities = Context.getCommandContext().getDbEntityManager();
    ExecutionEntity instance = entities.getCachedEntity(ExecutionEntity.class, processInstanceId);
    return instance != null && entities.getDbEntityCache().isTransient(instance);
  }

  /**
   * A grant on a case's history is removed by the history cleanup together with that history: Camunda
   * stamps it with the case's root instance (and, once the case has ended, its removal time), but only
   * when the case's history is already in the database. A grant made in the transaction that starts the
   * case (registrar, owner, zone butler, the first task's candidates) would stay forever; it gets the
   * root here, before it is written, and its removal time when the case ends.
   */
  private static void goesWithTheHistory(AuthorizationEntity grant, String processInstanceId) {
    if (grant.getRootProcessInstanceId() == null) {
      ExecutionEntity instance = Context.getCommandContext().getExecutionManager().findExecutionById(processInstanceId);
      if (instance != null) {
        grant.setRootProcessInstanceId(instance.getRootProcessInstanceId());
      }
    }
  }
}
