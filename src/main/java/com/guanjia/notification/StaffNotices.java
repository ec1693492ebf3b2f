package com.guanjia.notification;

import static com.guanjia.process.ProcessContract.VAR_REQUEST_NO;

import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Writes staff messages (R1, R6) to the outbox from the {@code <EVENT>.staff.<locale>.mustache}
 * templates: escalations to the owner and to the escalation level's group, the end of an escalation,
 * a reopened case, a new task. A recipient is a user id or {@code group:<groupId>}.
 */
@Service
public class StaffNotices {
  public static final String ESCALATED = "ESCALATED";
  public static final String ESCALATION_ASSIGNED = "ESCALATION_ASSIGNED";
  public static final String ESCALATION_CLOSED = "ESCALATION_CLOSED";
  public static final String CASE_REOPENED = "CASE_REOPENED";
  public static final String NEW_TASK = "NEW_TASK";
  /** R1: someone else changed the owner's case (the promise moved, the case waits on the resident or runs on). */
  public static final String CASE_CHANGED = "CASE_CHANGED";

  private final Outbox outbox;
  private final MessageTemplates templates;

  StaffNotices(Outbox outbox, MessageTemplates templates) {
    this.outbox = outbox;
    this.templates = templates;
  }

  public void tell(String dedupeKey, String requestNo, String recipient, String event, Map<String, ?> values) {
    if (recipient == null || requestNo == null) {
      return;
    }
    var all = new java.util.HashMap<String, Object>(values);
    all.put(VAR_REQUEST_NO, requestNo); // every staff template may name the request
    String text = templates.render(event, "staff", MessageTemplates.CHINESE, all);
    outbox.addForStaff(dedupeKey, requestNo, recipient, event, text);
  }
}
