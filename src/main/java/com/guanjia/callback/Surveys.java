package com.guanjia.callback;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.GuanjiaProperties;
import com.guanjia.process.EngineQueries;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The short survey a resident gets when no callback reached them (R5): one invitation per callback,
 * named by a random token, answered once. A dissatisfied answer goes to a supervisor for service
 * recovery, as it would on the phone.
 */
@Service
public class Surveys {
  /** The process variables of the visit plan that the service-recovery task shows. */
  private static final String[] RECOVERY_CONTEXT = {VAR_REQUEST_NO, VAR_CASE_INSTANCE_ID, VAR_TYPE, VAR_CATEGORY,
      VAR_DESCRIPTION, VAR_RESOLUTION, VAR_RESIDENT_ID, VAR_FIRST_RESPONDER, VAR_FIRST_RESPONDER_NAME, VAR_HANDLER,
      VAR_HANDLER_NAME, VAR_TIER};

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final CallbackSchedule schedule;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final Clock clock;
  private final ZoneId zone;

  private final SatisfactionScores satisfactionScores;

  Surveys(JdbcClient jdbc, CallbackSchedule schedule, RuntimeService runtime, HistoryService history, Clock clock,
      GuanjiaProperties properties, SatisfactionScores satisfactionScores) {
    this.satisfactionScores = satisfactionScores;
    this.jdbc = jdbc;
    this.schedule = schedule;
    this.runtime = runtime;
    this.history = history;
    this.clock = clock;
    this.zone = properties.timeZone();
  }

  /** An invitation as the survey page needs it. */
  public record Invitation(String token, String requestNo, String planInstanceId, int callbackNo, String residentId,
      OffsetDateTime sentAt, OffsetDateTime answeredAt, String satisfaction) {

    boolean answered() {
      return answeredAt != null;
    }
  }

  /** What became of an answer. */
  public enum Answer { RECORDED, ALREADY_ANSWERED, EXPIRED, UNKNOWN }

  /** The invitation for this callback; a step run again gets the token it made the first time. */
  String invite(String requestNo, String planInstanceId, int callbackNo, String residentId) {
    Optional<String> existing = jdbc.sql("select token from callback_survey where plan_instance_id = ? and callback_no = ?")
        .params(planInstanceId, callbackNo).query(String.class).optional();
    if (existing.isPresent()) {
      return existing.get();
    }
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    jdbc.sql("""
            insert into callback_survey (token, request_no, plan_instance_id, callback_no, resident_id, sent_at)
            values (?, ?, ?, ?, ?, ?)""")
        .params(token, requestNo, planInstanceId, callbackNo, residentId, now())
        .update();
    return token;
  }

  public Optional<Invitation> find(String token) {
    if (token == null || token.length() > 32) {
      return Optional.empty();
    }
    return jdbc.sql("select * from callback_survey where token = ?").param(token)
        .query((rs, n) -> new Invitation(rs.getString("token"), rs.getString("request_no"),
            rs.getString("plan_instance_id"), rs.getInt("callback_no"), rs.getString("resident_id"),
            rs.getObject("sent_at", OffsetDateTime.class), rs.getObject("answered_at", OffsetDateTime.class),
            rs.getString("satisfaction")))
        .optional();
  }

  public boolean expired(Invitation invitation) {
    return !clock.instant().isBefore(schedule.surveyExpiry(invitation.sentAt().toInstant()));
  }

  /**
   * Records the resident's answer, once. While the visit plan that sent the link still runs, the answer
   * is its latest satisfaction (the case gets it when the plan ends). A dissatisfied resident's answer
   * starts a service-recovery task in the same transaction: the answer is kept only if the supervisor
   * gets it.
   */
  @Transactional
  public Answer answer(String token, Satisfaction satisfaction, String comment) {
    Invitation invitation = find(token).orElse(null);
    if (invitation == null) {
      return Answer.UNKNOWN;
    }
    if (invitation.answered()) {
      return Answer.ALREADY_ANSWERED;
    }
    if (expired(invitation)) {
      return Answer.EXPIRED;
    }
    String text = comment == null || comment.isBlank() ? null : comment.strip();
    int updated = jdbc.sql("""
            update callback_survey set answered_at = ?, satisfaction = ?, comment = ?
             where token = ? and answered_at is null""")
        .params(now(), satisfaction.name(), text, token)
        .update();
    if (updated == 0) {
      return Answer.ALREADY_ANSWERED; // answered a moment ago, in another tab
    }
    if (satisfaction == Satisfaction.DEEPLY_MOVED || satisfaction == Satisfaction.DISSATISFIED) {
      Map<String, Object> served = planVariables(invitation.planInstanceId());
      satisfactionScores.score(invitation.requestNo(), satisfaction.name(), (String) served.get(VAR_HANDLER),
          (String) served.get(VAR_FIRST_RESPONDER), "survey:" + token);
    }
    if (runtime.createProcessInstanceQuery().processInstanceId(invitation.planInstanceId()).count() > 0) {
      runtime.setVariable(invitation.planInstanceId(), VAR_LATEST_SATISFACTION, satisfaction.name());
    }
    if (satisfaction == Satisfaction.DISSATISFIED) {
      Map<String, Object> plan = planVariables(invitation.planInstanceId());
      var variables = Variables.createVariables();
      for (String name : RECOVERY_CONTEXT) {
        variables.putValue(name, plan.get(name));
      }
      variables.putValue(VAR_REQUEST_NO, invitation.requestNo())
          .putValue(VAR_SATISFACTION, satisfaction.name())
          .putValue(VAR_COMMENT, text == null ? "（业主在问卷中未留言）" : text)
          .putValue(VAR_CALLBACK_NO, invitation.callbackNo());
      runtime.createMessageCorrelation(MSG_SURVEY_DISSATISFIED)
          .processInstanceBusinessKey(invitation.requestNo())
          .setVariables(variables)
          .correlateStartMessage();
    }
    return Answer.RECORDED;
  }

  private Map<String, Object> planVariables(String planInstanceId) {
    Map<String, Object> vars = new HashMap<>();
    for (HistoricVariableInstance v : EngineQueries.all(history.createHistoricVariableInstanceQuery()
        .processInstanceId(planInstanceId).variableNameIn(RECOVERY_CONTEXT))) {
      if (v.getActivityInstanceId() == null || v.getActivityInstanceId().equals(planInstanceId)) {
        vars.put(v.getName(), v.getValue());
      }
    }
    return vars;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(Instant.now(clock), zone);
  }
}
