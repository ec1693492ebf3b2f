package com.guanjia.process;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The Spring beans a model's expressions may name: delegates, listeners and the staff directory.
 * Supervisors deploy models, so a model must not reach the rest of the application (the resident
 * archive, say) through an expression.
 */
@Component
class ModelBeans extends AbstractProcessEnginePlugin {
  static final String STAFF_DIRECTORY = "staffDirectory";

  private final ApplicationContext context;

  ModelBeans(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    Map<Object, Object> beans = new HashMap<>();
    for (Class<?> type : new Class<?>[] {JavaDelegate.class, TaskListener.class, ExecutionListener.class}) {
      for (String name : context.getBeanNamesForType(type, false, false)) {
        beans.put(name, new LazyBean(context, name));
      }
    }
    beans.put(STAFF_DIRECTORY, new LazyBean(context, STAFF_DIRECTORY));
    configuration.setBeans(resolved(beans));
  }

  /** Beans are looked up when an expression first needs them, not while the engine is being built. */
  private static Map<Object, Object> resolved(Map<Object, Object> lazy) {
    return new HashMap<>(lazy) {
      @Override
      public Object get(Object key) {
        Object value = super.get(key);
        return value instanceof LazyBean bean ? bean.get() : value;
      }
    };
  }

  private record LazyBean(ApplicationContext context, String name) {
    Object get() {
      return context.getBean(name);
    }
  }
}
