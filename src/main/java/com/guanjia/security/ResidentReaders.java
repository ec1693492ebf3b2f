package com.guanjia.security;

import static com.guanjia.process.ProcessContract.PROCESS_SERVICE_REQUEST;

import com.guanjia.resident.ResidentArchive;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Component;

/**
 * Who may read what was sent to a resident ({@code /residents/{id}/messages}, the page and the API): those who read
 * every case (supervisors, managers, quality, auditors, by their grant on the case's history) in the resident's
 * project, and whoever works on one of that resident's cases ({@link CaseAccess#worksForResident}). Being in
 * customer service or a butler is not enough by itself.
 */
@Component
public class ResidentReaders {
  private final CurrentUser user;
  private final AuthorizationService authorizations;
  private final CaseAccess access;
  private final ResidentArchive residents;

  ResidentReaders(CurrentUser user, AuthorizationService authorizations, CaseAccess access, ResidentArchive residents) {
    this.user = user;
    this.authorizations = authorizations;
    this.access = access;
    this.residents = residents;
  }

  public boolean mayReadMessagesOf(String residentId) {
    if (access.worksForResident(residentId, user.id(), user.groups())) {
      return true;
    }
    return authorizations.isUserAuthorized(user.id(), user.groups(), Permissions.READ_HISTORY,
        Resources.PROCESS_DEFINITION, PROCESS_SERVICE_REQUEST)
        && user.seesProject(residents.standing(residentId).projectId());
  }
}
