package com.guanjia.notification;

import com.guanjia.resident.StaffDirectory;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Writes the resident's milestone messages (R6) to the outbox. */
@Service
public class ResidentNotices {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("M月d日 HH:mm");
  private static final Map<String, String> TYPE_LABELS = Map.of("REPAIR", "报修", "COMPLAINT", "投诉", "HELP", "求助",
      "INQUIRY", "咨询", "ESCORT", "接送预约", "SUGGESTION", "建议");

  private final Outbox outbox;
  private final StaffDirectory staff;

  ResidentNotices(Outbox outbox, StaffDirectory staff) {
    this.outbox = outbox;
    this.staff = staff;
  }

  /**
   * @param dedupeKey unique per milestone occurrence (request, step, activity instance)
   * @param staffUserId whose name and work phone the message carries (the owner, the technician)
   * @param time the promised time for ETA and booking messages, else null
   */
  public void tell(String dedupeKey, Notice notice, String requestNo, String residentId, String type,
      String staffUserId, OffsetDateTime time) {
    if (residentId == null) {
      return; // a patrol finding with no resident concerned: nobody to tell
    }
    var member = staffUserId == null ? null : staff.find(staffUserId).orElse(null);
    String name = member == null ? "物业服务中心" : member.displayName();
    String phone = member == null || member.workPhone() == null ? "物业服务中心电话" : member.workPhone();
    String text = notice.text(TYPE_LABELS.getOrDefault(type, "请求"), requestNo, name, phone,
        time == null ? "" : time.format(TIME));
    outbox.add(dedupeKey, requestNo, residentId, "RESIDENT", notice.name(), text);
  }

  /** R3: the promised time cannot be kept: why, the new time, and a remedy where one fits. */
  public void tellEtaChanged(String dedupeKey, String requestNo, String residentId, String reason, String remedy,
      OffsetDateTime newEta) {
    if (residentId == null) {
      return;
    }
    String text = "您好！很抱歉，您的请求 %s 未能在原定时间完成，原因：%s。新的预计完成时间为 %s。%s".formatted(
        requestNo, reason, newEta.format(TIME),
        remedy == null || remedy.isBlank() ? "给您带来不便，敬请谅解。" : "我们的补救措施：" + remedy + "。");
    outbox.add(dedupeKey, requestNo, residentId, "RESIDENT", "ETA_CHANGED", text);
  }

  /** R5: the resident could not be reached for a callback; a short survey replaces the call. */
  public void tellSurveyLink(String dedupeKey, String requestNo, String residentId, String link) {
    if (residentId == null) {
      return;
    }
    String text = "您好！我们多次致电回访您的请求 %s 未能联系上您。请您抽一分钟点击 %s 评价我们的服务，感谢您的支持。"
        .formatted(requestNo, link);
    outbox.add(dedupeKey, requestNo, residentId, "RESIDENT", "CALLBACK_SURVEY", text);
  }
}
