package com.guanjia.notification;

import com.guanjia.GuanjiaProperties;
import com.guanjia.escalation.BusinessHours;
import com.guanjia.resident.Resident;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

/**
 * Polite language (R8, seeds 000 and 004): every message to a resident opens with 您好 and the proper
 * form of address, wishes a good holiday on public holidays and, while a severe-weather notice is
 * active, asks the resident to take care. The wording is in {@code i18n/messages*.properties}.
 */
@Component
public class Courtesy {
  /** Two-character surnames: 欧阳娜娜 is Ms 欧阳, not Ms 欧. */
  private static final List<String> COMPOUND_SURNAMES = List.of("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟",
      "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "独孤", "南宫", "西门", "轩辕", "申屠");

  private final MessageSource messages;
  private final BusinessHours calendar;
  private final WeatherNotices weather;
  private final ZoneId zone;

  Courtesy(MessageSource messages, BusinessHours calendar, WeatherNotices weather, GuanjiaProperties properties) {
    this.messages = messages;
    this.calendar = calendar;
    this.weather = weather;
    this.zone = properties.timeZone();
  }

  /** The whole message: greeting, the template's text, the holiday wish and the weather reminder. */
  public String frame(Resident resident, Locale locale, String body, Instant sentAt) {
    String separator = messages.getMessage("courtesy.separator", null, "", locale).replace('_', ' ');
    StringBuilder text = new StringBuilder(greeting(resident, locale)).append(separator).append(body);
    LocalDate day = sentAt.atZone(zone).toLocalDate();
    calendar.holidayName(day).ifPresent(holiday -> text.append(separator).append(holidayWish(holiday, locale)));
    weather.activeAt(sentAt).ifPresent(notice -> text.append(separator)
        .append(messages.getMessage("courtesy.weather", new Object[] {notice.text()}, locale)));
    return text.toString();
  }

  /** 您好，王先生！ — or 您好！ when the archive does not tell how to address the resident. */
  String greeting(Resident resident, Locale locale) {
    String surname = resident == null ? null : surname(resident.name());
    String title = resident == null || resident.gender() == null ? null : switch (resident.gender()) {
      case "MALE" -> messages.getMessage("courtesy.mr", null, locale);
      case "FEMALE" -> messages.getMessage("courtesy.ms", null, locale);
      default -> null;
    };
    if (surname == null || title == null) {
      return messages.getMessage("courtesy.greeting", null, locale);
    }
    return messages.getMessage("courtesy.greeting.named", new Object[] {surname, title}, locale);
  }

  private String holidayWish(String holiday, Locale locale) {
    try {
      // a holiday may have its own wording (清明节 is not a "happy" day)
      return messages.getMessage("courtesy.holiday." + holiday, null, locale);
    } catch (NoSuchMessageException none) {
      String name = messages.getMessage("holiday." + holiday, null, holiday, locale);
      return messages.getMessage("courtesy.holiday", new Object[] {name}, locale);
    }
  }

  /** 王 of 王建国, 欧阳 of 欧阳娜娜, Smith of John Smith. */
  static String surname(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String n = name.strip();
    if (n.chars().anyMatch(c -> c < 0x3000 && Character.isLetter(c))) {
      String[] words = n.split("\\s+");
      return words[words.length - 1];
    }
    for (String compound : COMPOUND_SURNAMES) {
      if (n.startsWith(compound) && n.length() > compound.length()) {
        return compound;
      }
    }
    return n.substring(0, n.offsetByCodePoints(0, 1));
  }
}
