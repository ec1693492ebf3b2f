package com.guanjia.security;

import static com.guanjia.process.ProcessContract.VAR_PROJECT_ID;
import static com.guanjia.process.ProcessContract.VAR_REQUEST_NO;
import static com.guanjia.process.ProcessContract.VAR_RESIDENT_ID;

import com.guanjia.process.EngineQueries;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.TenantManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Staff of one project (管理处) see that project's cases only; supervisors and auditors can be company-wide. Each
 * project is a Camunda tenant: a case, and every instance under it (its path, escalations, callbacks), carries its
 * project as tenant id, though the models are shared by all projects (deployed without a tenant). Camunda then
 * shows a signed-in user the tasks, instances and history of their tenants only, in Tasklist, Cockpit and the
 * REST API alike, on top of the grants that say which cases they work on ({@link CaseAccess}).
 *
 * <p>Who belongs to which tenant is the staff directory's {@code staff_member.project_id}: a member of staff
 * bound to a project is a member of its tenant only; everyone else (company-wide staff, and accounts that are not
 * in the directory) is a member of every project's tenant. Kept in step on start, when a project is added and
 * when a member of staff is kept. Cases with no project (a finding with no resident, cases from before projects)
 * have no tenant: everyone may see them, as before.
 */
@Component
@Order(3) // after the demo data (2): its accounts join the tenants on the same start
public class ProjectTenants extends AbstractProcessEnginePlugin implements TenantIdProvider, ApplicationRunner,
    org.springframework.beans.factory.DisposableBean {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectTenants.class);

  private final JdbcClient jdbc;
  private final IdentityService identity;
  private final org.springframework.context.ApplicationEventPublisher events;

  ProjectTenants(JdbcClient jdbc, @Lazy IdentityService identity,
      org.springframework.context.ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.identity = identity;
    this.events = events;
  }

  /** Accounts whose tenants changed: what remembers a signed-in user's tenants forgets theirs. */
  public record MembershipChanged(Set<String> userIds) {}

  /** How many projects there are, and when that was read: a user in as many tenants sees every project. */
  private volatile long projectCount = -1;
  private volatile long countedAt;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setTenantIdProvider(this);
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new java.util.ArrayList<>());
    }
    configuration.getCustomSessionFactories().add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return TenantManager.class;
      }

      @Override
      public Session openSession() {
        return new ProjectScopedTenantManager();
      }
    });
  }

  /**
   * Camunda's tenant check only where it hides something: for a user who may see every project (company-wide
   * staff, who are most of the users and the busiest) the engine's queries stay exactly as without tenants, so
   * their Tasklist does not pay for a condition that lets every row through (see application.yaml).
   */
  private class ProjectScopedTenantManager extends TenantManager {
    @Override
    public boolean isTenantCheckEnabled() {
      if (!super.isTenantCheckEnabled()) {
        return false;
      }
      List<String> tenants = getCurrentAuthentication().getTenantIds();
      return tenants == null || tenants.size() < projectCount();
    }
  }

  private long projectCount() {
    long now = System.currentTimeMillis();
    if (projectCount < 0 || now - countedAt > 30_000) { // another node may have added one
      projectCount = jdbc.sql("select count(*) from project").query(Long.class).single();
      countedAt = now;
    }
    return projectCount;
  }

  // ---- which project an instance belongs to ---------------------------------------------------------------------

  /**
   * An instance started under a case belongs to the case's project; a case to the project the intake found for
   * its resident ({@code projectId}, null when it found none); a case started from Tasklist's form to its
   * resident's project; anything else started for a request (a survey) to the request's project.
   */
  @Override
  public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
    if (context.getSuperExecution() != null) {
      return context.getSuperExecution().getTenantId();
    }
    var variables = context.getVariables();
    if (variables == null) {
      return null;
    }
    if (variables.containsKey(VAR_PROJECT_ID)) {
      Object project = variables.get(VAR_PROJECT_ID);
      return project == null ? null : project.toString();
    }
    if (variables.get(VAR_REQUEST_NO) != null) {
      return jdbc.sql("select project_id from service_request where request_no = ?")
          .param(variables.get(VAR_REQUEST_NO).toString()).query(String.class).optional().orElse(null);
    }
    if (variables.get(VAR_RESIDENT_ID) != null) {
      return jdbc.sql("""
              select z.project_id from resident r join building b on b.building_id = r.building_id
                join zone z on z.zone_id = b.zone_id where r.resident_id = ?""")
          .param(variables.get(VAR_RESIDENT_ID).toString().strip()).query(String.class).optional().orElse(null);
    }
    return null;
  }

  @Override
  public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
    return null;
  }

  /** A decision made in a case (its triage) is the case's project's. */
  @Override
  public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext context) {
    return context.getExecution() == null ? null : context.getExecution().getTenantId();
  }

  // ---- who belongs to which project -----------------------------------------------------------------------------

  /**
   * On start, and every few minutes after: an account made in Camunda Admin (a new auditor) joins the projects'
   * tenants without waiting for the next start.
   */
  @Override
  public void run(ApplicationArguments args) {
    keepAll();
    timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "project-tenants");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleWithFixedDelay(() -> {
      try {
        keepAll();
      } catch (RuntimeException e) { // another node keeping them at the same moment: the next round settles it
        LOG.warn("Project tenants not kept this round: {}", e.getMessage());
      }
    }, KEEP_MINUTES, KEEP_MINUTES, java.util.concurrent.TimeUnit.MINUTES);
  }

  private static final long KEEP_MINUTES = 5;
  private java.util.concurrent.ScheduledExecutorService timer;

  @Override
  public void destroy() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  /** Every project a tenant, every account a member of the tenants it may see. */
  public synchronized void keepAll() {
    projectCount = -1;
    asSystem(() -> {
      Map<String, String> projects = new HashMap<>();
      jdbc.sql("select project_id, name from project").query(rs -> {
        projects.put(rs.getString(1), rs.getString(2));
      });
      Map<String, String> boundTo = boundProjects();
      List<String> accounts = EngineQueries.all(identity.createUserQuery()).stream().map(User::getId).toList();
      int changed = 0;
      for (var project : projects.entrySet()) {
        ensureTenant(project.getKey(), project.getValue());
        Set<String> members = new HashSet<>(EngineQueries.all(identity.createUserQuery().memberOfTenant(project.getKey()))
            .stream().map(User::getId).toList());
        for (String account : accounts) {
          changed += keep(project.getKey(), account, boundTo.get(account), members.contains(account));
        }
      }
      if (changed > 0) {
        LOG.info("Project tenants kept: {} membership(s) changed over {} project(s)", changed, projects.size());
      }
      return null;
    });
  }

  /** One account's memberships, after its directory entry changed (in the caller's transaction). */
  public void keepAccount(String userId) {
    asSystem(() -> {
      String bound = jdbc.sql("select project_id from staff_member where user_id = ?").param(userId)
          .query(String.class).optional().orElse(null);
      Set<String> member = new HashSet<>(EngineQueries.all(identity.createTenantQuery().userMember(userId)).stream()
          .map(t -> t.getId()).toList());
      for (String project : jdbc.sql("select project_id from project").query(String.class).list()) {
        keep(project, userId, bound, member.contains(project));
      }
      return null;
    });
  }

  /** A project added or renamed: its tenant, with everyone who may see it. */
  public void keepProject(String projectId, String name) {
    projectCount = -1;
    asSystem(() -> {
      ensureTenant(projectId, name);
      Set<String> members = new HashSet<>(EngineQueries.all(identity.createUserQuery().memberOfTenant(projectId)).stream()
          .map(User::getId).toList());
      Map<String, String> boundTo = boundProjects();
      for (User account : EngineQueries.all(identity.createUserQuery())) {
        keep(projectId, account.getId(), boundTo.get(account.getId()), members.contains(account.getId()));
      }
      return null;
    });
  }

  private int keep(String projectId, String userId, String boundTo, boolean member) {
    boolean wanted = boundTo == null || boundTo.equals(projectId);
    if (wanted == member) {
      return 0;
    }
    if (wanted) {
      identity.createTenantUserMembership(projectId, userId);
    } else {
      identity.deleteTenantUserMembership(projectId, userId);
    }
    events.publishEvent(new MembershipChanged(Set.of(userId)));
    return 1;
  }

  private void ensureTenant(String projectId, String name) {
    var tenant = identity.createTenantQuery().tenantId(projectId).singleResult();
    if (tenant == null) {
      tenant = identity.newTenant(projectId);
    } else if (name.equals(tenant.getName())) {
      return;
    }
    tenant.setName(name);
    identity.saveTenant(tenant);
  }

  private Map<String, String> boundProjects() {
    Map<String, String> bound = new HashMap<>();
    jdbc.sql("select user_id, project_id from staff_member where project_id is not null").query(rs -> {
      bound.put(rs.getString(1), rs.getString(2));
    });
    return bound;
  }

  /** Membership is the directory's to say, whoever's change caused it. */
  private <T> T asSystem(Supplier<T> work) {
    var caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
