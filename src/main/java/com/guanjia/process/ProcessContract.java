package com.guanjia.process;

/** The names the models, integrators and auditors share (DOMAIN.md, "What integrators rely on"). */
public final class ProcessContract {
  private ProcessContract() {}

  public static final String PROCESS_SERVICE_REQUEST = "service-request";
  public static final String PROCESS_CALLBACK_VISITS = "callback-visits";
  public static final String PROCESS_MESSAGE_DELIVERY = "message-delivery";
  public static final String PROCESS_OWNERSHIP_TRANSFER = "ownership-transfer";
  public static final String PROCESS_REQUEST_ESCALATION = "request-escalation";
  /** The handling paths {@code request-triage} chooses ({@code handlingPath}), each a process called by the case. */
  public static final String PROCESS_HANDLE_ON_SITE = "handle-on-site";
  public static final String PROCESS_HANDLE_CONSTRUCTION_DEFECT = "handle-construction-defect";
  public static final String PROCESS_HANDLE_ATTITUDE_COMPLAINT = "handle-attitude-complaint";
  public static final String PROCESS_HANDLE_INQUIRY = "handle-inquiry";
  public static final String PROCESS_HANDLE_FEEDBACK = "handle-feedback";
  public static final String PROCESS_HANDLE_ESCORT = "handle-escort";
  public static final java.util.List<String> PATH_PROCESSES = java.util.List.of(PROCESS_HANDLE_ON_SITE,
      PROCESS_HANDLE_CONSTRUCTION_DEFECT, PROCESS_HANDLE_ATTITUDE_COMPLAINT, PROCESS_HANDLE_INQUIRY,
      PROCESS_HANDLE_FEEDBACK, PROCESS_HANDLE_ESCORT);
  /** The processes a case's own steps run in: the case and its handling paths. */
  public static final java.util.List<String> CASE_PROCESSES = java.util.stream.Stream.concat(
      java.util.stream.Stream.of(PROCESS_SERVICE_REQUEST), PATH_PROCESSES.stream()).toList();
  public static final String DECISION_REQUEST_TRIAGE = "request-triage";
  public static final String DECISION_CALLBACK_TIER = "callback-tier";
  /** Tables the services evaluate ({@link Decisions}); {@code escalation-start-level} is a step of its model. */
  public static final String DECISION_NOTICE_QUIET_HOURS = "notice-quiet-hours";
  /** The points of each scored fact (R7): supervisors edit it in Modeler, a new version counts from then on. */
  public static final String DECISION_SCORING_POINTS = "scoring-points";
  /** The weights of the month's composite score and its pass mark, per trade. */
  public static final String DECISION_SCORECARD_RULES = "scorecard-rules";
  public static final String OUT_BYPASS_QUIET_HOURS = "bypassQuietHours";
  public static final String OUT_POINTS = "points";
  public static final String OUT_REASON = "reason";
  public static final String MSG_SURVEY_DISSATISFIED = "Msg_SurveyDissatisfied";
  public static final String MSG_REQUEST_RESOLVED = "Msg_RequestResolved";
  /**
   * What the case's instances share changed (the owner, the escalation level): each of them, the case
   * and the path it is in, takes the message's variables in its 案件信息已更新 event subprocess.
   */
  public static final String MSG_CASE_UPDATED = "Msg_CaseUpdated";
  /** A further target was missed while the case's escalation is open: the escalation takes it in. */
  public static final String MSG_TARGET_MISSED_AGAIN = "Msg_TargetMissedAgain";

  // process variables
  public static final String VAR_REQUEST_NO = "requestNo";
  public static final String VAR_TYPE = "type";
  public static final String VAR_CATEGORY = "category";
  public static final String VAR_CHANNEL = "channel";
  public static final String VAR_DESCRIPTION = "description";
  public static final String VAR_LOCATION = "location";
  public static final String VAR_RESIDENT_ID = "residentId";
  public static final String VAR_REGISTERED_BY = "registeredBy";
  /**
   * The resident's special needs as flags, comma-separated ({@code ELDERLY,HARD_OF_HEARING}), null when none:
   * a {@code request-triage} input (such a resident's request is KEY) and shown on the escort and on-site
   * tasks. Flags only; the notes stay encrypted in the archive (R10).
   */
  public static final String VAR_RESIDENT_NEEDS = "residentNeeds";
  /** The registrar raised the request to urgent (request-triage reads it), and why. */
  public static final String VAR_URGENT_RAISED = "urgentRaised";
  public static final String VAR_URGENT_REASON = "urgentReason";
  /** The project (管理处) the request belongs to, its resident's; a {@code request-triage} input. Null: none. */
  public static final String VAR_PROJECT_ID = "projectId";
  public static final String VAR_FIRST_RESPONDER = "firstResponder";
  public static final String VAR_PRIORITY = "priority";
  public static final String VAR_KEY_ITEM = "keyItem";
  public static final String VAR_RESPONSIBLE_GROUP = "responsibleGroup";
  /** The targets request-triage gives, ISO-8601 durations (used by the SLA timers). */
  public static final java.util.List<String> TRIAGE_TARGETS = java.util.List.of("responseTarget", "onSiteTarget",
      "planTarget", "resolveTarget", "escalationInterval");
  public static final String VAR_ESCALATION_LEVEL = "escalationLevel";
  /** The process that handles the request (a {@code request-triage} output). */
  public static final String VAR_HANDLING_PATH = "handlingPath";
  /** Whether the resident confirms the result before the case closes (a {@code request-triage} output). */
  public static final String VAR_CONFIRM_WITH_RESIDENT = "confirmWithResident";
  /** The path is called again because the resident did not confirm the result. */
  public static final String VAR_REWORK = "rework";
  /** A path's SLA step: {@code PAUSE} or {@code RESUME} (the model's input to the SLA clock). */
  public static final String VAR_SLA_ACTION = "slaAction";
  public static final String VAR_ETA = "eta";
  public static final String VAR_SATISFACTION = "satisfaction";
  public static final String VAR_NOTICE = "notice";
  /** Who came on site; the plan and the repair are assigned to them (set by the model). */
  public static final String VAR_HANDLER = "handler";
  /** When the request was resolved (each path's outcome); escalations end then. */
  public static final String VAR_RESOLVED_AT = "resolvedAt";
  public static final String VAR_ESCALATION_INTERVAL = "escalationInterval";

  // deadlines (issue 4): the work task's choice, ETA changes and waiting on the resident
  public static final String VAR_WORK_ACTION = "workAction";
  public static final String VAR_NEW_ETA = "newEta";
  public static final String VAR_ETA_CHANGE_REASON = "etaChangeReason";
  public static final String VAR_REMEDY = "remedy";
  public static final String VAR_WAIT_REASON = "waitReason";

  // message-delivery: the outbox row a failed first delivery hands over for retries
  public static final String VAR_OUTBOX_ID = "outboxId";

  // request-escalation
  public static final String VAR_CASE_INSTANCE_ID = "caseInstanceId";
  /** Local inputs the models give: which target a report task checks, which level a task or raise is. */
  public static final String VAR_TARGET = "target";
  public static final String VAR_LEVEL = "level";
  public static final String VAR_OVERDUE = "overdue";
  /**
   * A missed-target step's outcome (its output): {@link #ESCALATE_NONE} (the target was met after all),
   * {@link #ESCALATE_JOIN} (the case's open escalation takes it in) or {@link #ESCALATE_NEW}.
   */
  public static final String VAR_ESCALATE = "escalate";
  public static final String ESCALATE_NONE = "NONE";
  public static final String ESCALATE_JOIN = "JOIN";
  public static final String ESCALATE_NEW = "NEW";
  /** The target the last missed-target step found missed, and its line for the escalation's list. */
  public static final String VAR_MISSED_TARGET = "missedTarget";
  public static final String VAR_OVERDUE_LINE = "overdueLine";
  public static final String VAR_FIRST_RESPONDER_NAME = "firstResponderName";
  public static final String VAR_CASE_TIMELINE = "caseTimeline";
  public static final String VAR_ESCALATION_ACTION = "escalationAction";
  public static final String VAR_CLOSING_NOTE = "closingNote";

  // follow-up (R5)
  public static final String VAR_CLOSED_AT = "closedAt";
  public static final String VAR_REOPEN_COUNT = "reopenCount";
  public static final String VAR_TIER = "tier";
  public static final String VAR_REPEAT_REQUEST = "repeatRequest";
  public static final String VAR_VIP = "vip";
  public static final String VAR_NEEDS_ASSISTANCE = "needsAssistance";
  public static final String VAR_IN_HEATING_SEASON = "inHeatingSeason";
  public static final String VAR_CALLBACK_NO = "callbackNo";
  public static final String VAR_NEXT_CALLBACK_AT = "nextCallbackAt";
  public static final String VAR_CALLBACK_DEADLINE = "callbackDeadline";
  public static final String VAR_ATTEMPT = "attempt";
  public static final String VAR_RETRY_AT = "retryAt";
  public static final String VAR_REACHED = "reached";
  public static final String VAR_PROBLEM_RECURRED = "problemRecurred";
  public static final String VAR_COMMENT = "comment";
  public static final String VAR_CALLBACK_AGENT = "callbackAgent";
  public static final String VAR_RECURRENCE_COMMENT = "recurrenceComment";
  /**
   * The plan's latest answer on satisfaction (a call's or the survey's): {@code satisfaction} itself is the
   * callback form's field, cleared for each call. The case gets it as its {@code satisfaction} when the plan ends.
   */
  public static final String VAR_LATEST_SATISFACTION = "latestSatisfaction";
  public static final String VAR_RECOVERY_ACTION = "recoveryAction";
  public static final String VAR_TAKE_BACK_NOTE = "takeBackNote";
  public static final String VAR_HANDLER_NAME = "handlerName";

  // task form fields
  public static final String VAR_ARRIVED_ON_SITE = "arrivedOnSite";
  public static final String VAR_PLAN = "plan";
  public static final String VAR_RESOLVED = "resolved";
  public static final String VAR_RESOLUTION = "resolution";
  public static final String VAR_RESIDENT_CONFIRMED = "residentConfirmed";
  public static final String VAR_PREVIOUS_STEP_RATING = "previousStepRating";
  public static final String VAR_PRAISED_STAFF = "praisedStaff";
  public static final String VAR_FEEDBACK_KIND = "feedbackKind";
  public static final String VAR_ESCORT_TIME = "escortTime";
  public static final String VAR_RESOLVE_TARGET = "resolveTarget";
  public static final String VAR_NEW_OWNER = "newOwner";
  public static final String VAR_TRANSFER_REASON = "transferReason";

  // element ids code and tests touch
  public static final String START_REQUEST_RECEIVED = "StartEvent_RequestReceived";
  public static final String TASK_ARRIVE_ON_SITE = "Task_ArriveOnSite";
  public static final String TASK_PROPOSE_PLAN = "Task_ProposePlan";
  public static final String TASK_PERFORM_WORK = "Task_PerformWork";
  public static final String TASK_CONFIRM_WITH_RESIDENT = "Task_ConfirmWithResident";
  public static final String TASK_HANDLE_ATTITUDE_COMPLAINT = "Task_HandleAttitudeComplaint";
  public static final String TASK_FOLLOW_UP_DEFECT = "Task_FollowUpConstructionDefect";
  public static final String TASK_TRACK_DEFECT = "Task_TrackConstructionDefect";
  public static final String TASK_ANSWER_INQUIRY = "Task_AnswerInquiry";
  public static final String TASK_RECORD_SUGGESTION = "Task_RecordSuggestion";
  public static final String TASK_ACKNOWLEDGE_PRAISE = "Task_AcknowledgePraise";
  public static final String TASK_SCHEDULE_ESCORT = "Task_ScheduleEscort";
  public static final String TASK_COMPLETE_ESCORT = "Task_CompleteEscort";
  public static final String TASK_TAKE_BACK_CASE = "Task_TakeBackCase";
  public static final String SUBPROCESS_HANDLING = "SubProcess_Handling";
  public static final String CALL_HANDLE_PATH = "CallActivity_HandlePath";
  /** The closed case's callback plan ({@code callback-visits}), behind a save point. */
  public static final String CALL_CALLBACK_PLAN = "CallActivity_CallbackPlan";
  public static final String TASK_CALL_RESIDENT = "Task_CallResident";
  public static final String TASK_SERVICE_RECOVERY = "Task_ServiceRecovery";

  // groups (DOMAIN.md)
  public static final String GROUP_CUSTOMER_SERVICE = "customer-service";
  public static final String GROUP_BUTLER = "butler";
  public static final String GROUP_MAINTENANCE = "maintenance";
  public static final String GROUP_CLEANING = "cleaning";
  public static final String GROUP_SECURITY = "security";
  public static final String GROUP_LANDSCAPING = "landscaping";
  public static final String GROUP_SUPERVISOR = "supervisor";
  public static final String GROUP_PROJECT_MANAGER = "project-manager";
  public static final String GROUP_QUALITY = "quality";
  public static final String GROUP_AUDITOR = "auditor";
  public static final String GROUP_ADMIN = "camunda-admin";
  /** The groups' Chinese names: Camunda's group names, and how messages name a team. */
  public static final java.util.Map<String, String> GROUP_NAMES = java.util.Map.ofEntries(
      java.util.Map.entry(GROUP_CUSTOMER_SERVICE, "客服"), java.util.Map.entry(GROUP_BUTLER, "管家"),
      java.util.Map.entry(GROUP_MAINTENANCE, "维修"), java.util.Map.entry(GROUP_CLEANING, "保洁"),
      java.util.Map.entry(GROUP_SECURITY, "保安"), java.util.Map.entry(GROUP_LANDSCAPING, "绿化"),
      java.util.Map.entry(GROUP_SUPERVISOR, "主管"), java.util.Map.entry(GROUP_PROJECT_MANAGER, "项目经理"),
      java.util.Map.entry(GROUP_QUALITY, "品质部"), java.util.Map.entry(GROUP_AUDITOR, "审计"));

  /**
   * The variables people write freely in (the request's description, every note a form asks for): phone and
   * ID-card numbers in them are masked wherever they are stored or sent (R10, {@code FreeTextMasking}).
   */
  public static final java.util.Set<String> FREE_TEXT_VARIABLES = java.util.Set.of(VAR_DESCRIPTION,
      VAR_URGENT_REASON, VAR_ETA_CHANGE_REASON, VAR_REMEDY, VAR_WAIT_REASON, VAR_CLOSING_NOTE, VAR_COMMENT,
      VAR_RECURRENCE_COMMENT, VAR_TAKE_BACK_NOTE, VAR_PLAN, VAR_RESOLUTION, VAR_TRANSFER_REASON, "arrivalComment",
      "confirmationComment", "escalationAction", "escortComment", "handoverRemark", "praiseComment", "recoveryAction",
      "resumeNote", "retrainingNote", "reviewNote", "supervisorRatingNote", "meetingPoint");
}
