package com.guanjia.archive;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A case's project contacts, for the models ({@code ${projectContacts}}): level-2 escalation goes to the project
 * manager of the project the resident's zone belongs to, not to every project manager; a case without one (no
 * resident, a zone without a project, a project without a manager) goes to the group.
 */
@Component("projectContacts")
public class ProjectContacts {
  private final JdbcClient jdbc;

  ProjectContacts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The case's project manager, as a candidate list (empty when the case has none). */
  public List<String> managerOf(String requestNo) {
    return jdbc.sql("""
            select p.manager_id from service_request r
              join resident res on res.resident_id = r.resident_id
              join building b on b.building_id = res.building_id
              join zone z on z.zone_id = b.zone_id
              join project p on p.project_id = z.project_id
             where r.request_no = ? and p.manager_id is not null""")
        .param(requestNo).query(String.class).list();
  }

  /** {@code group} as candidate groups when the case has no project manager of its own, else none. */
  public List<String> groupsUnlessManaged(String requestNo, String group) {
    return managerOf(requestNo).isEmpty() ? List.of(group) : List.of();
  }
}
