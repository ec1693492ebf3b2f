package com.guanjia.notification;

import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** How residents like to hear from us: the language of their messages (Simplified Chinese by default). */
@Repository
public class ResidentPreferences {
  private final JdbcClient jdbc;

  ResidentPreferences(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Locale locale(String residentId) {
    return jdbc.sql("select locale from resident_preference where resident_id = ?").param(residentId)
        .query(String.class).optional().map(Locale::forLanguageTag).orElse(MessageTemplates.CHINESE);
  }

  public void setLocale(String residentId, Locale locale) {
    int updated = jdbc.sql("update resident_preference set locale = ? where resident_id = ?")
        .params(locale.toLanguageTag(), residentId).update();
    if (updated == 0) {
      jdbc.sql("insert into resident_preference (resident_id, locale) values (?, ?)")
          .params(residentId, locale.toLanguageTag()).update();
    }
  }
}
