package com.guanjia.escalation;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.process.EngineQueries;
import com.guanjia.process.EscalationVariables;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * An escalation task shows the case's history so far (created); when it is done, the owner hears
 * what the escalation level did (completed).
 */
@Component("escalationBriefingListener")
class EscalationBriefingListener implements TaskListener {
  private static final Set<String> SHOWN = Set.of("startEvent", "userTask", "sendTask", "serviceTask",
      "businessRuleTask", "boundaryTimer");
  private final HistoryService history;
  private final Escalations escalations;
  private final Clock clock;

  EscalationBriefingListener(HistoryService history, Escalations escalations, Clock clock) {
    this.history = history;
    this.escalations = escalations;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    var escalation = EscalationVariables.of(task);
    if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      escalations.handled(task.getProcessInstanceId(), escalation.requestNo(), escalation.firstResponder(),
          task.getAssignee(), escalation.action());
      return;
    }
    String caseId = escalation.caseInstanceId();
    // the case and the handling paths it called (not its escalations and callbacks), in the order things happened
    String timeline = EngineQueries.all(history.createHistoricProcessInstanceQuery().rootProcessInstanceId(caseId)
        .processDefinitionKeyIn(CASE_PROCESSES.toArray(String[]::new))).stream()
        .flatMap(instance -> EngineQueries.all(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
            .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc()).stream())
        .sorted(java.util.Comparator.comparing(a -> a.getStartTime()))
        .filter(a -> a.getActivityName() != null && SHOWN.contains(a.getActivityType()))
        .map(a -> "- %s %s%s%s".formatted(
            OffsetDateTime.ofInstant(a.getStartTime().toInstant(), clock.getZone()).format(Escalations.TIME),
            a.getActivityName(), a.getAssignee() == null ? "" : "（" + a.getAssignee() + "）",
            a.getEndTime() == null ? "：进行中" : ""))
        .collect(Collectors.joining("\n"));
    task.setVariableLocal(VAR_CASE_TIMELINE, timeline.isEmpty() ? "（暂无记录）" : timeline);
    task.setVariableLocal(VAR_FIRST_RESPONDER_NAME, escalations.name(escalation.firstResponder()));
    String overdue = escalation.overdue();
    String why = overdue == null ? "" : overdue.lines().map(l -> l.replace("**", "").replaceFirst("^- ", ""))
        .collect(Collectors.joining("；"));
    // the level's own contact where the model names one (the case's project manager), else its group
    String recipient = task.getCandidates().stream().filter(link -> link.getUserId() != null)
        .map(org.camunda.bpm.engine.task.IdentityLink::getUserId).findFirst()
        .orElse("group:" + Escalations.groupOf(task.getTaskDefinitionKey()));
    escalations.tellLevel(escalation.requestNo(), recipient,
        Escalations.levelOf(task.getTaskDefinitionKey()), why, task.getName(), task.getId(),
        escalation.firstResponder());
  }
}
