package com.guanjia.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** The Camunda user the HTTP Basic filter signed in for this request. */
@Component
public class CurrentUser {
  private final IdentityService identity;
  private final org.camunda.bpm.engine.AuthorizationService authorizations;

  CurrentUser(IdentityService identity, org.camunda.bpm.engine.AuthorizationService authorizations) {
    this.identity = identity;
    this.authorizations = authorizations;
  }

  public String id() {
    return authentication().getUserId();
  }

  public List<String> groups() {
    List<String> groups = authentication().getGroupIds();
    return groups == null ? List.of() : groups;
  }

  public boolean inAnyGroup(String... groupIds) {
    List<String> mine = groups();
    for (String g : groupIds) {
      if (mine.contains(g)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the user reads every case (supervisors, managers, quality, auditors, administrators): their grant to read
   * the history of {@code service-request}, not a case of their own.
   */
  public boolean readsEveryCase() {
    return authorizations.isUserAuthorized(id(), groups(),
        org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY,
        org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION,
        com.guanjia.process.ProcessContract.PROCESS_SERVICE_REQUEST);
  }

  /**
   * Whether the user may see a case of {@code projectId} (管理处): cases with no project, a project whose tenant the
   * user is a member of ({@link ProjectTenants}), or an administrator.
   */
  public boolean seesProject(String projectId) {
    if (projectId == null || inAnyGroup(org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN)) {
      return true;
    }
    List<String> tenants = authentication().getTenantIds();
    return tenants != null && tenants.contains(projectId);
  }

  private Authentication authentication() {
    Authentication authentication = identity.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new IllegalStateException("no signed-in user: /api/** is behind the HTTP Basic filter");
    }
    return authentication;
  }
}
