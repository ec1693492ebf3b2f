package com.guanjia.notification;

import static com.guanjia.process.ProcessContract.VAR_REQUEST_NO;

import com.guanjia.process.Decisions;
import com.guanjia.resident.Resident;
import com.guanjia.resident.ResidentArchive;
import com.guanjia.resident.StaffDirectory;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * Writes the resident's messages (R6) to the outbox: the event's template in the resident's language,
 * framed politely (R8). The message is written in the transaction of the step that causes it.
 */
@Service
public class ResidentNotices {
  static final String ETA_CHANGED = "ETA_CHANGED";
  static final String CALLBACK_SURVEY = "CALLBACK_SURVEY";

  private final Outbox outbox;
  private final StaffDirectory staff;
  private final ResidentArchive residents;
  private final ResidentPreferences preferences;
  private final MessageTemplates templates;
  private final Courtesy courtesy;
  private final MessageSource messages;
  private final Clock clock;
  private final QuietHours quietHours;
  private final Decisions decisions;

  ResidentNotices(Outbox outbox, StaffDirectory staff, ResidentArchive residents, ResidentPreferences preferences,
      MessageTemplates templates, Courtesy courtesy, MessageSource messages, Clock clock, QuietHours quietHours,
      Decisions decisions) {
    this.quietHours = quietHours;
    this.decisions = decisions;
    this.outbox = outbox;
    this.staff = staff;
    this.residents = residents;
    this.preferences = preferences;
    this.templates = templates;
    this.courtesy = courtesy;
    this.messages = messages;
    this.clock = clock;
  }

  /**
   * @param dedupeKey unique per milestone occurrence (request, step, activity instance)
   * @param staffUserId whose name and work phone the message carries (the owner, the technician)
   * @param time the promised time for ETA and booking messages, else null
   */
  public void tell(String dedupeKey, Notice notice, String requestNo, String residentId, String type,
      String staffUserId, OffsetDateTime time) {
    tell(dedupeKey, notice, requestNo, residentId, type, staffUserId, time, null);
  }

  /** {@link #tell} with the duty phone an urgent request's receipt gives outside service hours (null: none). */
  public void tell(String dedupeKey, Notice notice, String requestNo, String residentId, String type,
      String staffUserId, OffsetDateTime time, String dutyPhone) {
    if (residentId == null) {
      return; // a patrol finding with no resident concerned: nobody to tell
    }
    var preference = preferences.of(residentId);
    Locale locale = preference.locale();
    var member = staffUserId == null ? null : staff.find(staffUserId).orElse(null);
    Map<String, Object> values = new HashMap<>();
    values.put("typeLabel", messages.getMessage("noticeType." + type, null, messages.getMessage("notice.request", null,
        locale), locale));
    values.put("staffName", member == null ? messages.getMessage("notice.serviceCentre", null, locale)
        : member.displayName());
    values.put("staffPhone", member == null || member.workPhone() == null
        ? messages.getMessage("notice.serviceCentrePhone", null, locale) : member.workPhone());
    values.put("time", time(time, locale));
    values.put("dutyPhone", dutyPhone);
    send(dedupeKey, requestNo, residentId, notice.name(), preference, values);
  }

  /** R3: the promised time cannot be kept: why, the new time, and a remedy where one fits. */
  public void tellEtaChanged(String dedupeKey, String requestNo, String residentId, String reason, String remedy,
      OffsetDateTime newEta) {
    if (residentId == null) {
      return;
    }
    var preference = preferences.of(residentId);
    Map<String, Object> values = new HashMap<>();
    values.put("reason", reason);
    values.put("remedy", remedy == null || remedy.isBlank() ? null : remedy);
    values.put("time", time(newEta, preference.locale()));
    send(dedupeKey, requestNo, residentId, ETA_CHANGED, preference, values);
  }

  /** R5: the resident could not be reached for a callback; a short survey replaces the call. */
  public void tellSurveyLink(String dedupeKey, String requestNo, String residentId, String link) {
    if (residentId == null) {
      return;
    }
    send(dedupeKey, requestNo, residentId, CALLBACK_SURVEY, preferences.of(residentId), Map.of("link", link));
  }

  /** Renders the event's template (the request number is always among its values) and writes it. */
  private void send(String dedupeKey, String requestNo, String residentId, String event,
      ResidentPreferences.Preference preference, Map<String, Object> values) {
    Locale locale = preference.locale();
    var all = new HashMap<String, Object>(values);
    all.put(VAR_REQUEST_NO, requestNo);
    Resident resident = residents.find(residentId).orElse(null);
    // the notice-quiet-hours table: the receipt of a request just made, someone at the door or about to be
    boolean urgent = decisions.bypassesQuietHours(event);
    java.time.Instant now = clock.instant();
    java.time.Instant deliverAfter = urgent ? null : quietHours.end(now).orElse(null);
    String body = templates.render(event, "resident", locale, all);
    // worded for the day it is read: a message held overnight greets the holiday of the morning
    String text = courtesy.frame(resident, locale, body, deliverAfter == null ? now : deliverAfter);
    outbox.add(new Outbox.Draft(dedupeKey, requestNo, residentId, null, "RESIDENT", event, text,
        preference.channel(), urgent, deliverAfter));
  }

  private String time(OffsetDateTime time, Locale locale) {
    return time == null ? "" : time.format(DateTimeFormatter.ofPattern(
        messages.getMessage("notice.timeFormat", null, locale), locale));
  }
}
