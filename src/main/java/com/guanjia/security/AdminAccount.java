package com.guanjia.security;

import com.guanjia.GuanjiaProperties;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The {@code admin} account's password comes from the environment ({@code GUANJIA_ADMIN_PASSWORD});
 * only the demo profile brings one of its own. Without it, Guanjia refuses to start, before the engine
 * creates anything.
 */
@Component
class AdminAccount extends AbstractProcessEnginePlugin {
  private final GuanjiaProperties properties;

  AdminAccount(GuanjiaProperties properties) {
    this.properties = properties;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    String password = properties.adminPassword();
    if (password == null || password.isBlank()) {
      throw new IllegalStateException("No admin password: set the environment variable GUANJIA_ADMIN_PASSWORD "
          + "(or run the demo profile, which has demo users). Guanjia does not start without one.");
    }
  }
}
