package com.guanjia.notification;

import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** How residents like to hear from us: language, channel and their WeChat openid. */
@Repository
public class ResidentPreferences {
  private final JdbcClient jdbc;

  ResidentPreferences(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A resident's preferences, read in one go: language (Simplified Chinese unless chosen otherwise),
   * channel (SMS, WECHAT, EMAIL or APP; SMS unless chosen otherwise) and WeChat openid, if any.
   */
  public record Preference(Locale locale, String channel, java.util.Optional<String> weChatOpenId) {
    /** A resident who chose nothing: Simplified Chinese, by SMS. */
    public static final Preference DEFAULT = new Preference(MessageTemplates.CHINESE, MessageSender.Channels.SMS,
        java.util.Optional.empty());
  }

  public Preference of(String residentId) {
    return jdbc.sql("select locale, channel, wechat_open_id from resident_preference where resident_id = ?")
        .param(residentId)
        .query((rs, n) -> new Preference(Locale.forLanguageTag(rs.getString("locale")), rs.getString("channel"),
            java.util.Optional.ofNullable(rs.getString("wechat_open_id"))))
        .optional()
        .orElse(Preference.DEFAULT);
  }

  public void setChannel(String residentId, String channel) {
    int updated = jdbc.sql("update resident_preference set channel = ? where resident_id = ?")
        .params(channel, residentId).update();
    if (updated == 0) {
      jdbc.sql("insert into resident_preference (resident_id, channel) values (?, ?)").params(residentId, channel)
          .update();
    }
  }

  public void setWeChatOpenId(String residentId, String openId) {
    int updated = jdbc.sql("update resident_preference set wechat_open_id = ? where resident_id = ?")
        .params(openId, residentId).update();
    if (updated == 0) {
      jdbc.sql("insert into resident_preference (resident_id, wechat_open_id) values (?, ?)").params(residentId, openId)
          .update();
    }
  }

  public void setLocale(String residentId, Locale locale) {
    int updated = jdbc.sql("update resident_preference set locale = ? where resident_id = ?")
        .params(locale.toLanguageTag(), residentId).update();
    if (updated == 0) {
      jdbc.sql("insert into resident_preference (resident_id, locale) values (?, ?)")
          .params(residentId, locale.toLanguageTag()).update();
    }
  }

  /** Every resident's stored preferences, by resident id (residents without a row hear by SMS in Chinese). */
  public java.util.Map<String, Preference> all() {
    java.util.Map<String, Preference> all = new java.util.HashMap<>();
    jdbc.sql("select resident_id, locale, channel, wechat_open_id from resident_preference").query(rs -> {
      all.put(rs.getString(1), new Preference(Locale.forLanguageTag(rs.getString(2)), rs.getString(3),
          java.util.Optional.ofNullable(rs.getString(4))));
    });
    return all;
  }

  /** Keeps all three preferences of a resident at once. */
  public void keep(String residentId, Preference preference) {
    String openId = preference.weChatOpenId().orElse(null);
    int updated = jdbc.sql("update resident_preference set locale = ?, channel = ?, wechat_open_id = ? where resident_id = ?")
        .params(preference.locale().toLanguageTag(), preference.channel(), openId, residentId).update();
    if (updated == 0) {
      jdbc.sql("insert into resident_preference (resident_id, locale, channel, wechat_open_id) values (?, ?, ?, ?)")
          .params(residentId, preference.locale().toLanguageTag(), preference.channel(), openId).update();
    }
  }
}
