package com.guanjia.audit;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.GuanjiaProperties;
import com.guanjia.intake.RequestRecords.RequestRecord;
import com.guanjia.resident.Masking;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A case's whole story, read where it was written: Camunda's history (every instance of the case — the request,
 * the path it called, its escalations and callback plan — by their common root, and the message deliveries by their
 * business keys) and Guanjia's own tables (the request, owner transfers, paused and missed targets, promises, the
 * outbox, callbacks, scored facts). Nothing here is a second copy: the same rows read again give the same events,
 * which is what {@link AuditSeals} relies on. Read by SQL on the history tables' root-instance indexes: one query per
 * table, whatever the number of instances, so one case's timeline stays a few milliseconds with a year of cases.
 *
 * <p>Each event has a {@code ref} naming the row it comes from ({@code table:id[:what]}), stable for the row's life.
 */
@Component
public class CaseTimeline {
  private final JdbcClient jdbc;
  private final ZoneId zone;

  CaseTimeline(JdbcClient jdbc, GuanjiaProperties properties) {
    this.jdbc = jdbc;
    this.zone = properties.timeZone();
  }

  /** One thing that happened to the case: when, what, who did it (a user id, or {@code system}), and what it was. */
  public record Event(OffsetDateTime time, String kind, String actor, String detail, String ref) {}

  /**
   * The case's events in time order (and in the order the rows were written when two share a moment). The same rows
   * always give the same events, word for word: every query orders ties by id, as the seal's hashes need.
   */
  public List<Event> of(RequestRecord request) {
    List<Event> events = new ArrayList<>();
    String requestNo = request.requestNo();
    events.add(new Event(at(request.registeredAt().toInstant()), "REGISTERED", request.registeredBy(),
        "登记：%s / %s，渠道 %s".formatted(request.type(), request.category(), request.channel()),
        "service_request:" + requestNo));
    String root = request.processInstanceId();
    if (root != null) {
      instances(root, events);
      decisions(root, events);
      tasks(root, events);
      operations(root, events);
      steps(root, events);
    }
    List<String> deliveries = guanjiaFacts(requestNo, events);
    incidents(root, deliveries, events);
    events.sort(Comparator.comparing(Event::time).thenComparing(e -> ORDER.indexOf(e.kind()))
        .thenComparing(Event::ref));
    return events;
  }

  /**
   * Within one moment (one transaction writes many rows with the same time) events are told in the order they
   * happen: a step is completed, the engine moves on, decides and records, the next step is offered, messages go out,
   * an instance ends.
   */
  private static final List<String> ORDER = List.of("REGISTERED", "PROCESS_STARTED", "TASK_CLAIMED", "TASK_UNCLAIMED",
      "TASK_COMPLETED", "VARIABLE_CHANGED", "OPERATOR_ACTION", "STEP", "TRIAGED", "DECIDED", "OWNER_ASSIGNED",
      "OWNER_TRANSFERRED", "TARGET_PAUSED", "TARGET_RESUMED", "TARGET_MISSED", "SCORE_FACT", "SCORE_FACT_ANNULLED",
      "ETA_PROMISED", "ETA_CHANGED", "ESCALATION_RAISED", "CALLBACK_MADE", "SURVEY_ANSWERED", "REOPENED",
      "PERSONAL_DATA_REVEALED", "TASK_CANCELLED", "TASK_CREATED", "MESSAGE_WRITTEN", "MESSAGE_SENT", "MESSAGE_FAILED", "INCIDENT_RAISED",
      "INCIDENT_RESOLVED", "CLOSED", "ESCALATION_CLOSED", "PROCESS_ENDED");

  /**
   * One instance of the case (the request, its path, an escalation, the callback plan) and where it went: the model
   * version it ran on, the elements it passed and those it waits at now.
   */
  public record Path(String instanceId, String processKey, String processName, String definitionId, String version,
      OffsetDateTime started, List<String> passed, List<String> active) {}

  /** Whether one of the case's instances ran on the model version {@code definitionId}. */
  public boolean ranOn(RequestRecord request, String definitionId) {
    return request.processInstanceId() != null && jdbc.sql(
            "select count(*) from ACT_HI_PROCINST where ROOT_PROC_INST_ID_ = ? and PROC_DEF_ID_ = ?")
        .params(request.processInstanceId(), definitionId).query(Long.class).single() > 0;
  }

  public List<Path> paths(RequestRecord request) {
    String root = request.processInstanceId();
    if (root == null) {
      return List.of();
    }
    Map<String, List<String>> passed = new HashMap<>();
    Map<String, List<String>> active = new HashMap<>();
    jdbc.sql("select PROC_INST_ID_, ACT_ID_, END_TIME_ from ACT_HI_ACTINST where ROOT_PROC_INST_ID_ = ?")
        .param(root).query((rs, n) -> {
          var into = rs.getTimestamp("END_TIME_") == null ? active : passed;
          into.computeIfAbsent(rs.getString("PROC_INST_ID_"), k -> new ArrayList<>()).add(rs.getString("ACT_ID_"));
          return null;
        }).list();
    return jdbc.sql("""
            select p.ID_, p.PROC_DEF_KEY_, p.PROC_DEF_ID_, p.START_TIME_, d.NAME_ from ACT_HI_PROCINST p
              left join ACT_RE_PROCDEF d on d.ID_ = p.PROC_DEF_ID_
            where p.ROOT_PROC_INST_ID_ = ? order by p.START_TIME_, p.ID_""").param(root)
        .query((rs, n) -> new Path(rs.getString("ID_"), rs.getString("PROC_DEF_KEY_"), rs.getString("NAME_"),
            rs.getString("PROC_DEF_ID_"),
            version(rs.getString("PROC_DEF_ID_")), time(rs, "START_TIME_"),
            passed.getOrDefault(rs.getString("ID_"), List.of()).stream().distinct().toList(),
            active.getOrDefault(rs.getString("ID_"), List.of()).stream().distinct().toList()))
        .list();
  }

  // ---------------------------------------------------------------------------------------------- Camunda history

  private void instances(String root, List<Event> events) {
    jdbc.sql("""
            select ID_, PROC_DEF_KEY_, PROC_DEF_ID_, START_TIME_, END_TIME_, START_USER_ID_, STATE_, DELETE_REASON_,
              END_ACT_ID_, SUPER_PROCESS_INSTANCE_ID_
            from ACT_HI_PROCINST where ROOT_PROC_INST_ID_ = ?""").param(root).query((rs, n) -> {
      String id = rs.getString("ID_");
      String key = rs.getString("PROC_DEF_KEY_");
      String version = version(rs.getString("PROC_DEF_ID_"));
      boolean escalation = PROCESS_REQUEST_ESCALATION.equals(key);
      events.add(new Event(time(rs, "START_TIME_"), escalation ? "ESCALATION_RAISED" : "PROCESS_STARTED",
          actor(rs.getString("START_USER_ID_")),
          "%s 第 %s 版开始（%s）".formatted(key, version, rs.getString("PROC_DEF_ID_")), "ACT_HI_PROCINST:" + id));
      Timestamp end = rs.getTimestamp("END_TIME_");
      if (end != null) {
        String reason = rs.getString("DELETE_REASON_");
        events.add(new Event(at(end.toInstant()), escalation ? "ESCALATION_CLOSED" : "PROCESS_ENDED", "system",
            "%s 第 %s 版结束：%s%s".formatted(key, version, rs.getString("STATE_"),
                reason == null ? "" : "，" + reason), "ACT_HI_PROCINST:" + id + ":end"));
      }
      return null;
    }).list();
  }

  private void decisions(String root, List<Event> events) {
    Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
    Map<String, String> rules = new HashMap<>();
    jdbc.sql("""
            select DEC_INST_ID_, RULE_ID_, VAR_NAME_, VAR_TYPE_, TEXT_, LONG_, DOUBLE_ from ACT_HI_DEC_OUT
            where ROOT_PROC_INST_ID_ = ? order by DEC_INST_ID_, RULE_ORDER_, CLAUSE_ID_""").param(root)
        .query((rs, n) -> {
          String id = rs.getString("DEC_INST_ID_");
          outputs.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(rs.getString("VAR_NAME_"), value(rs));
          rules.merge(id, rs.getString("RULE_ID_"), (a, b) -> a.contains(b) ? a : a + "、" + b);
          return null;
        }).list();
    jdbc.sql("select ID_, DEC_DEF_KEY_, DEC_DEF_ID_, EVAL_TIME_, USER_ID_ from ACT_HI_DECINST where ROOT_PROC_INST_ID_ = ?")
        .param(root).query((rs, n) -> {
          String id = rs.getString("ID_");
          String key = rs.getString("DEC_DEF_KEY_");
          StringBuilder detail = new StringBuilder("%s 第 %s 版".formatted(key, version(rs.getString("DEC_DEF_ID_"))));
          if (rules.containsKey(id)) {
            detail.append("，命中规则 ").append(rules.get(id));
          }
          outputs.getOrDefault(id, Map.of()).forEach((name, value) -> detail.append("，").append(name).append('=')
              .append(value));
          events.add(new Event(time(rs, "EVAL_TIME_"), "request-triage".equals(key) ? "TRIAGED" : "DECIDED",
              actor(rs.getString("USER_ID_")), detail.toString(), "ACT_HI_DECINST:" + id));
          return null;
        }).list();
  }

  private void tasks(String root, List<Event> events) {
    record Task(String id, String name, String activityInstanceId, String assignee, OffsetDateTime start,
        OffsetDateTime end, String deleteReason) {}
    Map<String, Task> tasks = new LinkedHashMap<>();
    jdbc.sql("""
            select ID_, NAME_, TASK_DEF_KEY_, PROC_DEF_KEY_, ACT_INST_ID_, ASSIGNEE_, START_TIME_, END_TIME_,
              DELETE_REASON_
            from ACT_HI_TASKINST where ROOT_PROC_INST_ID_ = ?""").param(root).query((rs, n) -> {
      Timestamp end = rs.getTimestamp("END_TIME_");
      tasks.put(rs.getString("ID_"), new Task(rs.getString("ID_"), "%s（%s/%s）".formatted(rs.getString("NAME_"),
          rs.getString("PROC_DEF_KEY_"), rs.getString("TASK_DEF_KEY_")), rs.getString("ACT_INST_ID_"),
          rs.getString("ASSIGNEE_"), time(rs, "START_TIME_"), end == null ? null : at(end.toInstant()),
          rs.getString("DELETE_REASON_")));
      return null;
    }).list();
    Map<String, List<String>> offered = new HashMap<>();
    jdbc.sql("""
            select ID_, TIMESTAMP_, TYPE_, USER_ID_, GROUP_ID_, TASK_ID_, OPERATION_TYPE_, ASSIGNER_ID_
            from ACT_HI_IDENTITYLINK where ROOT_PROC_INST_ID_ = ? order by TIMESTAMP_, ID_""").param(root)
        .query((rs, n) -> {
      String type = rs.getString("TYPE_");
      boolean add = "add".equals(rs.getString("OPERATION_TYPE_"));
      String user = rs.getString("USER_ID_");
      String taskId = rs.getString("TASK_ID_");
      Task task = tasks.get(taskId);
      String name = task == null ? "任务 " + taskId : task.name();
      if ("candidate".equals(type) && add) {
        String group = rs.getString("GROUP_ID_");
        offered.computeIfAbsent(taskId, k -> new ArrayList<>()).add(group != null ? "班组 " + group : "人员 " + user);
      } else if ("assignee".equals(type) && user != null) {
        // the claimer is the one who assigns (Tasklist's 认领); the engine assigns a step to its owner by itself
        String by = rs.getString("ASSIGNER_ID_");
        String what = !add ? "放回 " + user + " 的" : user.equals(by) ? "认领" : "指派给 " + user + "：";
        events.add(new Event(time(rs, "TIMESTAMP_"), add ? "TASK_CLAIMED" : "TASK_UNCLAIMED", actor(by),
            what + name, "ACT_HI_IDENTITYLINK:" + rs.getString("ID_")));
      }
      return null;
    }).list();
    // what the form set: the variable updates written in the task's activity instance as it was completed (the
    // first value of each: a listener may set it again, and a date typed as text is stored again as a date)
    Map<String, String> taskOfActivity = new HashMap<>();
    tasks.values().stream().filter(t -> "completed".equals(t.deleteReason()))
        .forEach(t -> taskOfActivity.put(t.activityInstanceId(), t.id()));
    Map<String, Map<String, String>> values = new HashMap<>();
    boolean[] ownerSeen = {false};
    jdbc.sql("""
            select ID_, TIME_, PROC_INST_ID_, ACT_INST_ID_, NAME_, VAR_TYPE_, TEXT_, LONG_, DOUBLE_ from ACT_HI_DETAIL
            where ROOT_PROC_INST_ID_ = ? and TYPE_ = 'VariableUpdate'
            order by TIME_, SEQUENCE_COUNTER_, ID_""").param(root)
        .query((rs, n) -> {
          String task = taskOfActivity.get(rs.getString("ACT_INST_ID_"));
          String name = rs.getString("NAME_");
          if (VAR_FIRST_RESPONDER.equals(name) && !ownerSeen[0] && rs.getString("TEXT_") != null
              && root.equals(rs.getString("PROC_INST_ID_"))) {
            // the owner as the engine first set it (a transfer is its own event, with its reason)
            ownerSeen[0] = true;
            events.add(new Event(time(rs, "TIME_"), "OWNER_ASSIGNED", "system", "首问负责人：" + rs.getString("TEXT_"),
                "ACT_HI_DETAIL:" + rs.getString("ID_")));
          }
          if (task != null) {
            values.computeIfAbsent(task, k -> new LinkedHashMap<>()).putIfAbsent(name, value(rs));
          }
          return null;
        }).list();
    for (Task t : tasks.values()) {
      List<String> to = offered.getOrDefault(t.id(), List.of());
      events.add(new Event(t.start(), "TASK_CREATED", "system",
          t.name() + (to.isEmpty() ? "" : "，交给 " + String.join("、", to)), "ACT_HI_TASKINST:" + t.id()));
      if (t.end() != null) {
        boolean done = "completed".equals(t.deleteReason());
        List<String> set = new ArrayList<>();
        values.getOrDefault(t.id(), Map.of()).forEach((name, value) -> set.add(name + "=" + value));
        events.add(new Event(t.end(), done ? "TASK_COMPLETED" : "TASK_CANCELLED", done ? actor(t.assignee()) : "system",
            t.name() + (done ? "" : "：" + t.deleteReason()) + (set.isEmpty() ? "" : "：" + String.join("，", set)),
            "ACT_HI_TASKINST:" + t.id() + ":end"));
      }
    }
  }

  /**
   * What people did to the instances outside their tasks (Cockpit, REST): variables changed, instances moved or
   * suspended. Starting the case is its registration; claiming and completing are the task's own events.
   */
  private void operations(String root, List<Event> events) {
    jdbc.sql("""
            select ID_, OPERATION_TYPE_, ENTITY_TYPE_, PROPERTY_, ORG_VALUE_, NEW_VALUE_, USER_ID_, TIMESTAMP_,
              PROC_INST_ID_
            from ACT_HI_OP_LOG where ROOT_PROC_INST_ID_ = ? and ENTITY_TYPE_ <> 'Task'
              and not (ENTITY_TYPE_ = 'ProcessInstance' and OPERATION_TYPE_ = 'Create')""").param(root)
        .query((rs, n) -> {
          String type = rs.getString("OPERATION_TYPE_");
          boolean variable = "Variable".equals(rs.getString("ENTITY_TYPE_"));
          String property = rs.getString("PROPERTY_");
          String newValue = rs.getString("NEW_VALUE_");
          events.add(new Event(time(rs, "TIMESTAMP_"), variable ? "VARIABLE_CHANGED" : "OPERATOR_ACTION",
              actor(rs.getString("USER_ID_")), "%s %s%s".formatted(type, rs.getString("ENTITY_TYPE_"),
                  property == null ? "" : "：" + property + (newValue == null ? "" : " → " + mask(newValue))),
              "ACT_HI_OP_LOG:" + rs.getString("ID_")));
          return null;
        }).list();
  }

  /** Milestones the engine passed by itself: service steps, events and timers. Reopening and closing by name. */
  private void steps(String root, List<Event> events) {
    jdbc.sql("""
            select ID_, ACT_ID_, ACT_NAME_, ACT_TYPE_, PROC_DEF_KEY_, END_TIME_, START_TIME_ from ACT_HI_ACTINST
            where ROOT_PROC_INST_ID_ = ? and ACT_TYPE_ in ('serviceTask', 'businessRuleTask', 'sendTask',
              'intermediateTimer', 'intermediateMessageCatch', 'intermediateSignalCatch', 'boundaryTimer',
              'boundaryMessage', 'boundaryError', 'boundarySignal', 'boundaryConditional', 'intermediateConditional',
              'intermediateNoneThrowEvent', 'intermediateMessageThrowEvent', 'messageStartEvent', 'noneEndEvent',
              'errorEndEvent', 'terminateEndEvent')""").param(root).query((rs, n) -> {
      String activity = rs.getString("ACT_ID_");
      String kind = switch (activity) {
        case "Task_CloseCase" -> "CLOSED";
        case "Task_RecordRecurrence" -> "REOPENED";
        default -> "STEP";
      };
      // a step is told when it was reached; an event the case waits for, once it came (its row is written when the
      // case starts waiting and completed when the event comes: the seal must not see it move)
      Timestamp end = rs.getTimestamp("END_TIME_");
      boolean waitsFor = rs.getString("ACT_TYPE_").startsWith("intermediate")
          && !rs.getString("ACT_TYPE_").contains("Throw");
      if (waitsFor && end == null) {
        return null;
      }
      events.add(new Event(at((waitsFor ? end : rs.getTimestamp("START_TIME_")).toInstant()), kind, "system",
          "%s（%s/%s）".formatted(rs.getString("ACT_NAME_") == null ? activity : rs.getString("ACT_NAME_"),
              rs.getString("PROC_DEF_KEY_"), activity), "ACT_HI_ACTINST:" + rs.getString("ID_")));
      return null;
    }).list();
  }

  /**
   * Incidents of the case's instances and of its message deliveries ({@code deliveries}: their business keys,
   * {@code <requestNo>/M<id>}).
   */
  private void incidents(String root, List<String> deliveries, List<Event> events) {
    List<String> instances = new ArrayList<>();
    if (!deliveries.isEmpty()) {
      instances.addAll(jdbc.sql("select ID_ from ACT_HI_PROCINST where BUSINESS_KEY_ in (:keys)")
          .param("keys", deliveries).query((rs, n) -> rs.getString(1)).list());
    }
    String sql = """
        select ID_, CREATE_TIME_, END_TIME_, INCIDENT_TYPE_, INCIDENT_MSG_, ACTIVITY_ID_, INCIDENT_STATE_,
          PROC_DEF_KEY_ from ACT_HI_INCIDENT where ROOT_PROC_INST_ID_ = :root""";
    var query = instances.isEmpty() ? jdbc.sql(sql).param("root", root == null ? "" : root)
        : jdbc.sql(sql + " or PROC_INST_ID_ in (:instances)").param("root", root == null ? "" : root)
            .param("instances", instances);
    query.query((rs, n) -> {
      String id = rs.getString("ID_");
      String where = "%s/%s：%s".formatted(rs.getString("PROC_DEF_KEY_"), rs.getString("ACTIVITY_ID_"),
          rs.getString("INCIDENT_TYPE_"));
      events.add(new Event(time(rs, "CREATE_TIME_"), "INCIDENT_RAISED", "system",
          where + "，" + mask(rs.getString("INCIDENT_MSG_")), "ACT_HI_INCIDENT:" + id));
      Timestamp end = rs.getTimestamp("END_TIME_");
      if (end != null) {
        events.add(new Event(at(end.toInstant()), "INCIDENT_RESOLVED", "system",
            where + ("2".equals(rs.getString("INCIDENT_STATE_")) ? "，已解决" : "，已删除"),
            "ACT_HI_INCIDENT:" + id + ":end"));
      }
      return null;
    }).list();
  }

  // ------------------------------------------------------------------------------------------- Guanjia's tables

  /** Guanjia's facts of the request; answers the business keys of its message deliveries (one per message). */
  private List<String> guanjiaFacts(String requestNo, List<Event> events) {
    List<String> deliveries = new ArrayList<>();
    jdbc.sql("select * from ownership_transfer where request_no = ?").param(requestNo).query((rs, n) -> {
      events.add(new Event(offset(rs, "transferred_at"), "OWNER_TRANSFERRED", rs.getString("transferred_by"),
          "首问负责人 %s → %s，原因：%s".formatted(rs.getString("from_user"), rs.getString("to_user"),
              mask(rs.getString("reason"))), "ownership_transfer:" + rs.getLong("id")));
      return null;
    }).list();
    jdbc.sql("select * from sla_pause where request_no = ?").param(requestNo).query((rs, n) -> {
      long id = rs.getLong("id");
      events.add(new Event(offset(rs, "paused_at"), "TARGET_PAUSED", rs.getString("paused_by"),
          "时限暂停，原因：" + mask(rs.getString("reason")), "sla_pause:" + id));
      OffsetDateTime resumed = rs.getObject("resumed_at", OffsetDateTime.class);
      if (resumed != null) {
        events.add(new Event(at(resumed.toInstant()), "TARGET_RESUMED", "system", "时限恢复计时",
            "sla_pause:" + id + ":end"));
      }
      return null;
    }).list();
    jdbc.sql("select * from sla_violation where request_no = ?").param(requestNo).query((rs, n) -> {
      events.add(new Event(offset(rs, "detected_at"), "TARGET_MISSED", "system",
          "%s 时限已过：应于 %s 前完成，逾期 %d 分钟，记在 %s 名下".formatted(rs.getString("target"),
              offset(rs, "due_at"), rs.getLong("overdue_seconds") / 60, rs.getString("responsible_user")),
          "sla_violation:" + rs.getLong("id")));
      return null;
    }).list();
    jdbc.sql("select * from eta_change where request_no = ?").param(requestNo).query((rs, n) -> {
      OffsetDateTime previous = rs.getObject("previous_eta", OffsetDateTime.class);
      String remedy = rs.getString("remedy");
      events.add(new Event(offset(rs, "changed_at"), previous == null ? "ETA_PROMISED" : "ETA_CHANGED",
          rs.getString("changed_by"), (previous == null ? "承诺完成时间 %s" : "完成时间 " + at(previous.toInstant())
              + " → %s").formatted(offset(rs, "new_eta")) + "，原因：" + mask(rs.getString("reason"))
              + (remedy == null ? "" : "，补救：" + mask(remedy)) + (rs.getBoolean("late") ? "（已逾期才改）" : ""),
          "eta_change:" + rs.getLong("id")));
      return null;
    }).list();
    jdbc.sql("select * from outbox_message where request_no = ?").param(requestNo).query((rs, n) -> {
      long id = rs.getLong("id");
      deliveries.add(requestNo + "/M" + id);
      String to = rs.getString("staff_user_id") != null ? "员工 " + rs.getString("staff_user_id")
          : "住户 " + rs.getString("resident_id");
      events.add(new Event(offset(rs, "created_at"), "MESSAGE_WRITTEN", "system", "%s 消息 %s 给%s".formatted(
          rs.getString("audience"), rs.getString("event"), to), "outbox_message:" + id));
      OffsetDateTime sent = rs.getObject("sent_at", OffsetDateTime.class);
      if (sent != null) {
        events.add(new Event(at(sent.toInstant()), "MESSAGE_SENT", "system", "%s 经 %s 送达，第 %d 次尝试".formatted(
            rs.getString("event"), rs.getString("channel"), rs.getInt("attempts")), "outbox_message:" + id + ":sent"));
      }
      if (rs.getString("last_error") != null) {
        // the first attempt failed: a message-delivery instance retries it (its incident, if any, follows)
        events.add(new Event(offset(rs, "created_at"), "MESSAGE_FAILED", "system",
            "%s 经 %s 首次发送未成功，转入重试".formatted(rs.getString("event"), rs.getString("channel")),
            "outbox_message:" + id + ":failed"));
      }
      return null;
    }).list();
    jdbc.sql("select * from callback_visit where request_no = ?").param(requestNo).query((rs, n) -> {
      Object recurred = rs.getObject("problem_recurred");
      events.add(new Event(offset(rs, "called_at"), "CALLBACK_MADE", actor(rs.getString("called_by")),
          "第 %d 次回访（%s，第 %d 次拨打）：%s%s%s".formatted(rs.getInt("callback_no"), rs.getString("tier"),
              rs.getInt("attempt"), rs.getString("outcome"),
              rs.getString("satisfaction") == null ? "" : "，满意度 " + rs.getString("satisfaction"),
              recurred == null ? "" : Boolean.TRUE.equals(recurred) ? "，问题复发" : "，未复发"),
          "callback_visit:" + rs.getLong("id")));
      return null;
    }).list();
    jdbc.sql("select * from callback_survey where request_no = ? and answered_at is not null").param(requestNo)
        .query((rs, n) -> {
          events.add(new Event(offset(rs, "answered_at"), "SURVEY_ANSWERED", "resident",
              "第 %d 次回访的问卷：满意度 %s".formatted(rs.getInt("callback_no"), rs.getString("satisfaction")),
              "callback_survey:" + rs.getString("token").substring(0, 8)));
          return null;
        }).list();
    jdbc.sql("select * from personal_data_reveal where request_no = ?").param(requestNo).query((rs, n) -> {
      events.add(new Event(offset(rs, "revealed_at"), "PERSONAL_DATA_REVEALED", rs.getString("revealed_to"),
          "住户 %s 的个人信息以明文显示：%s".formatted(rs.getString("resident_id"), rs.getString("place")),
          "personal_data_reveal:" + rs.getLong("id")));
      return null;
    }).list();
    jdbc.sql("select * from score_fact where request_no = ?").param(requestNo).query((rs, n) -> {
      long id = rs.getLong("id");
      events.add(new Event(offset(rs, "occurred_at"), "SCORE_FACT", "system", "%s 记在 %s 名下 %+d 分（%s，%s）"
          .formatted(rs.getString("kind"), rs.getString("staff_user_id"), rs.getInt("points"),
              rs.getString("reason"), rs.getString("source")), "score_fact:" + id));
      OffsetDateTime annulled = rs.getObject("annulled_at", OffsetDateTime.class);
      if (annulled != null) {
        events.add(new Event(at(annulled.toInstant()), "SCORE_FACT_ANNULLED", rs.getString("annulled_by"),
            "撤销 %s（%s）：%s".formatted(rs.getString("kind"), rs.getString("staff_user_id"),
                mask(rs.getString("annul_reason"))), "score_fact:" + id + ":annulled"));
      }
      return null;
    }).list();
    return deliveries;
  }

  // ----------------------------------------------------------------------------------------------------- values

  private static String value(ResultSet rs) throws SQLException {
    String type = rs.getString("VAR_TYPE_");
    String text = rs.getString("TEXT_");
    if (type == null) {
      return text;
    }
    return switch (type) {
      case "boolean" -> rs.getObject("LONG_") == null ? "null" : rs.getLong("LONG_") == 1 ? "true" : "false";
      case "integer", "long", "short" -> rs.getObject("LONG_") == null ? "null" : String.valueOf(rs.getLong("LONG_"));
      case "double" -> String.valueOf(rs.getDouble("DOUBLE_"));
      case "date" -> rs.getObject("LONG_") == null ? "null" : Instant.ofEpochMilli(rs.getLong("LONG_")).toString();
      case "null" -> "null";
      case "string" -> text == null ? "null" : mask(text);
      default -> text != null ? mask(text) : "(" + type + ")";
    };
  }

  private static String mask(String text) {
    return Masking.freeText(text);
  }

  private static String actor(String userId) {
    return userId == null ? "system" : userId;
  }

  private static String version(String definitionId) {
    // key:version:uuid
    String[] parts = definitionId == null ? new String[0] : definitionId.split(":");
    return parts.length >= 2 ? parts[parts.length - 2] : "?";
  }

  private OffsetDateTime time(ResultSet rs, String column) throws SQLException {
    return at(rs.getTimestamp(column).toInstant());
  }

  private OffsetDateTime offset(ResultSet rs, String column) throws SQLException {
    return at(rs.getObject(column, OffsetDateTime.class).toInstant());
  }

  private OffsetDateTime at(Instant instant) {
    return instant.atZone(zone).toOffsetDateTime();
  }
}
