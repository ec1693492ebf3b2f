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

  /** SMS, WECHAT, EMAIL or APP; SMS unless the resident chose another. */
  public String channel(String residentId) {
    return jdbc.sql("select channel from resident_preference where resident_id = ?").param(residentId)
        .query(String.class).optional().orElse(MessageDelivery.Channels.SMS);
  }

  public void setChannel(String residentId, String channel) {
    int updated = jdbc.sql("update resident_preference set channel = ? where resident_id = ?")
        .params(channel, residentId).update();
    if (updated == 0) {
      jdbc.sql("insert into resident_preference (resident_id, channel) values (?, ?)").params(residentId, channel)
          .update();
    }
  }

  /** The resident's openid with the property's WeChat official account, when they follow it. */
  public java.util.Optional<String> weChatOpenId(String residentId) {
    return jdbc.sql("select wechat_open_id from resident_preference where resident_id = ?").param(residentId)
        .query(String.class).optional();
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
}
