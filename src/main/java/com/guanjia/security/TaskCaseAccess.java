package com.guanjia.security;

import com.guanjia.process.ProcessContract;
import java.util.List;
import java.util.function.BiConsumer;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Every user task of every model lets the people it is offered or given work on its instance (Tasklist
 * shows its variables) and read its case: candidates when it is created, the assignee when it is
 * assigned. A task of a case's follow-up (an escalation, a callback) lets them read the case on its page.
 * Supervisors need not remember it in Modeler.
 */
@Component
class TaskCaseAccess extends AbstractProcessEnginePlugin {
  private final CaseAccess access;

  TaskCaseAccess(@Lazy CaseAccess access) {
    this.access = access;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new java.util.ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity definition) {
        // a handling path that ends leaves no work on it: its grants go with it (the case keeps its readers)
        if (ProcessContract.PATH_PROCESSES.contains(definition.getKey())) {
          definition.addBuiltInListener(org.camunda.bpm.engine.delegate.ExecutionListener.EVENTNAME_END,
              (org.camunda.bpm.engine.delegate.ExecutionListener) execution -> access.endWork(execution.getProcessInstanceId()));
        }
      }

      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        TaskListener listener = this::grant;
        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, listener);
        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, listener);
      }

      private void grant(DelegateTask task) {
        if (!(task.getVariable(ProcessContract.VAR_CASE_INSTANCE_ID) instanceof String kase)) {
          grant(task, task.getProcessInstanceId(), access::letUserRead, access::letGroupRead);
          return;
        }
        // a follow-up of a case (an escalation, a callback plan): its people work on the follow-up and
        // read the case on its page
        grant(task, task.getProcessInstanceId(), access::letUserWorkOn, access::letGroupWorkOn);
        grant(task, kase, access::letUserReadHistory, access::letGroupReadHistory);
      }

      private void grant(DelegateTask task, String instance, BiConsumer<String, String> user,
          BiConsumer<String, String> group) {
        // a task created with an assignee fires its assignment event too: the assignee is granted there once
        if (TaskListener.EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
          user.accept(instance, task.getAssignee());
        } else {
          List.copyOf(task.getCandidates()).stream()
              .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
              .forEach(link -> {
                user.accept(instance, link.getUserId());
                group.accept(instance, link.getGroupId());
              });
        }
      }
    });
  }
}
