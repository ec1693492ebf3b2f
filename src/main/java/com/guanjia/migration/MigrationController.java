package com.guanjia.migration;

import static com.guanjia.process.ProcessContract.GROUP_ADMIN;
import static com.guanjia.process.ProcessContract.GROUP_SUPERVISOR;

import com.guanjia.security.CurrentUser;
import com.guanjia.web.ForbiddenException;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/migrations}: a supervisor moves the running cases of a model's version to a newer one
 * after changing the model in Modeler (README, "Changing a flow").
 */
@RestController
class MigrationController {
  private final ModelMigrations migrations;
  private final StaleVersions staleVersions;
  private final CurrentUser user;

  MigrationController(ModelMigrations migrations, StaleVersions staleVersions, CurrentUser user) {
    this.migrations = migrations;
    this.staleVersions = staleVersions;
    this.user = user;
  }

  /** {@code GET /api/migrations/stale}: versions whose running cases name delegates this build no longer has. */
  @GetMapping(path = "/api/migrations/stale", produces = MediaType.APPLICATION_JSON_VALUE)
  java.util.List<StaleVersions.Stale> stale() {
    requireSupervisor("reads which running cases need moving");
    return staleVersions.find();
  }

  /**
   * @param activities steps renamed or moved: old id → new id; every other step keeps its id
   * @param toVersion absent: the latest version
   */
  record MigrationRequest(String processDefinitionKey, Integer fromVersion, Integer toVersion,
      Map<String, String> activities, boolean dryRun) {}

  @PostMapping(path = "/api/migrations", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ModelMigrations.Result migrate(@RequestBody MigrationRequest body) {
    requireSupervisor("moves running cases to a new model");
    return migrations.migrate(body.processDefinitionKey(), body.fromVersion(), body.toVersion(), body.activities(),
        body.dryRun());
  }

  private void requireSupervisor(String what) {
    if (!user.inAnyGroup(GROUP_SUPERVISOR, GROUP_ADMIN)) {
      throw new ForbiddenException(user.id() + " is not a supervisor: only a supervisor " + what);
    }
  }
}
