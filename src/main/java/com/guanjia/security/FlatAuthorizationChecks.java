package com.guanjia.security;

import com.guanjia.process.EngineIndexes;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Keeps the cost of an authorization check flat as cases pile up.
 *
 * <p>Before every check Camunda narrows the signed-in user's groups to those that appear in any
 * authorization, reading {@code SELECT distinct(GROUP_ID_) FROM ACT_RU_AUTHORIZATION} once per command:
 * a scan of the whole table. Guanjia grants each open case to the people and groups who work on it
 * ({@link CaseAccess}; earlier versions kept about ten rows for every case ever registered), so that
 * scan grew with the cases and ran in every command a
 * staff member caused (measured: 12–45 ms at 25,000 rows, several times per request registered). The
 * narrowing exists for users in hundreds of directory groups; Guanjia's staff are in one or two. This
 * manager keeps the user's groups as they are: a group without authorizations matches no row in the
 * check itself, so who may do what is unchanged, and each check is an index lookup by resource id.
 */
@Component
class FlatAuthorizationChecks extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new ArrayList<>());
    }
    configuration.getCustomSessionFactories().add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new GroupsAsGiven();
      }
    });
  }

  /**
   * The indexes the checks need. Every list a staff member asks for (Tasklist's filters, the REST task
   * query) joins the authorizations of the user and the user's groups for the resource types it reads
   * (tasks, definitions). Camunda indexes the table by group and by resource id only, so PostgreSQL read
   * the whole table for the user's part of that condition (measured: 39,000 rows per call at 5,000
   * cases). By user or group and resource type, the check reads the grants it needs, not every case's.
   */
  @Override
  public void postProcessEngineBuild(org.camunda.bpm.engine.ProcessEngine engine) {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    long revokes = engine.getAuthorizationService().createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_REVOKE).count();
    if (revokes > 0 && "never".equalsIgnoreCase(configuration.getAuthorizationCheckRevokes())) {
      throw new IllegalStateException(revokes + " revoke authorization(s) in the database would be ignored. "
          + REVOKES_REFUSED);
    }
    EngineIndexes.ensure(configuration, USER_INDEX, "ACT_RU_AUTHORIZATION", "USER_ID_, RESOURCE_TYPE_");
    EngineIndexes.ensure(configuration, GROUP_INDEX, "ACT_RU_AUTHORIZATION", "GROUP_ID_, RESOURCE_TYPE_");
  }

  static final String USER_INDEX = "GJ_IDX_AUTH_USER_TYPE";
  static final String GROUP_INDEX = "GJ_IDX_AUTH_GROUP_TYPE";

  /**
   * Camunda's authorization manager without the per-command scan of every authorization's group, and
   * without revoke authorizations: Guanjia's rights are grants only, so the engine does not look for
   * revokes before each check ({@code authorization-check-revokes: never}: 5 to 8 of the 27 to 32
   * statements of a Tasklist filter's list and count, one per command). A revoke would be ignored, so
   * none may be made: a right is taken away by removing or narrowing its grant.
   */
  static class GroupsAsGiven extends AuthorizationManager {
    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      return authenticatedGroupIds == null ? new ArrayList<>() : new ArrayList<>(authenticatedGroupIds);
    }

    @Override
    public void insert(DbEntity authorization) {
      refuseRevoke((AuthorizationEntity) authorization);
      super.insert(authorization);
    }

    @Override
    public void update(AuthorizationEntity authorization) {
      refuseRevoke(authorization);
      super.update(authorization);
    }

    private static void refuseRevoke(AuthorizationEntity authorization) {
      if (authorization.getAuthorizationType() == Authorization.AUTH_TYPE_REVOKE) {
        throw new BadUserRequestException(REVOKES_REFUSED);
      }
    }
  }

  static final String REVOKES_REFUSED = "Guanjia checks grants only (authorization-check-revokes: never): a revoke "
      + "would be ignored. Remove or narrow the grant instead / 管家只使用授予型授权，请删除或缩小相应的授予。";
}
