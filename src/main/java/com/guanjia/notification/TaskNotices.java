package com.guanjia.notification;

import static com.guanjia.process.ProcessContract.VAR_REQUEST_NO;

import com.guanjia.GuanjiaProperties;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Staff hear about new work (R6): whenever a task of any model is given to someone — by the model
 * (the technician who came keeps the work) or by a colleague (a supervisor reassigning) — the assignee
 * gets a message. Taking a task oneself (claim) tells nobody.
 */
@Component
class TaskNotices extends AbstractProcessEnginePlugin {
  private final StaffNotices notices;
  private final java.time.ZoneId zone;

  TaskNotices(@Lazy StaffNotices notices, GuanjiaProperties properties) {
    this.notices = notices;
    this.zone = properties.timeZone();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new java.util.ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        TaskListener listener = TaskNotices.this::assigned;
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, listener);
      }
    });
  }

  private void assigned(DelegateTask task) {
    String assignee = task.getAssignee();
    if (assignee == null || assignee.equals(currentUser()) || !(task.getVariable(VAR_REQUEST_NO) instanceof String no)) {
      return;
    }
    Map<String, Object> values = new HashMap<>();
    values.put("taskName", task.getName());
    if (task.getDueDate() != null) {
      values.put("dueTime", task.getDueDate().toInstant().atZone(zone).format(DateTimeFormatter.ofPattern("M月d日 HH:mm")));
    }
    notices.tell(no + ":NEW_TASK:" + task.getId() + ":" + assignee, no, assignee, StaffNotices.NEW_TASK, values);
  }

  private static String currentUser() {
    var context = Context.getCommandContext();
    return context == null ? null : context.getAuthenticatedUserId();
  }
}
