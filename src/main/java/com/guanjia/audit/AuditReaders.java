package com.guanjia.audit;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.intake.RequestRecords;
import com.guanjia.intake.RequestRecords.RequestRecord;
import com.guanjia.security.CurrentUser;
import com.guanjia.web.ForbiddenException;
import com.guanjia.web.NotFoundException;
import org.springframework.stereotype.Component;

/**
 * Who reads a case's audit trail (the API and the page): auditors, supervisors, project managers, quality and
 * administrators, for the projects they see.
 */
@Component
class AuditReaders {
  static final String[] READERS = {GROUP_AUDITOR, GROUP_SUPERVISOR, GROUP_PROJECT_MANAGER, GROUP_QUALITY, GROUP_ADMIN};

  private final RequestRecords requests;
  private final CurrentUser user;

  AuditReaders(RequestRecords requests, CurrentUser user) {
    this.requests = requests;
    this.user = user;
  }

  /** The request, when the signed-in user may read its trail: else 403, or 404 when there is no such request. */
  /** Whether the signed-in user reads audit trails at all (a case's project aside). */
  boolean readsTrails() {
    return user.inAnyGroup(READERS);
  }

  RequestRecord readable(String requestNo) {
    if (!readsTrails()) {
      throw new ForbiddenException("a case's audit trail is read by auditors, supervisors, project managers and quality");
    }
    RequestRecord request = requests.find(requestNo).orElseThrow(() -> new NotFoundException("No request " + requestNo));
    if (!user.seesProject(request.projectId())) {
      throw new ForbiddenException(requestNo + " belongs to a project " + user.id() + " does not see");
    }
    return request;
  }
}
