package com.guanjia.security;

import com.guanjia.resident.ResidentArchive;
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
  private final CaseAccess access;
  private final ResidentArchive residents;

  ResidentReaders(CurrentUser user, CaseAccess access, ResidentArchive residents) {
    this.user = user;
    this.access = access;
    this.residents = residents;
  }

  public boolean mayReadMessagesOf(String residentId) {
    if (access.worksForResident(residentId, user.id(), user.groups())) {
      return true;
    }
    return user.readsEveryCase() && user.seesProject(residents.standing(residentId).projectId());
  }
}
