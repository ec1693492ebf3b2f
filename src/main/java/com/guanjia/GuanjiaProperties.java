package com.guanjia;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Guanjia's own settings ({@code guanjia.*}).
 *
 * @param timeZone the property's time zone: request numbers, ETAs without an offset
 * @param adminPassword password of the {@code admin} account on first start; required
 * @param dataKey key for the personal data in the resident archive; required
 * @param demo demo data switch
 * @param businessHours working hours and the public-holiday calendars non-urgent targets count in
 * @param callbacks when callback visits are made (R5)
 * @param notifications where the message templates and the forbidden phrases are (R6, R8)
 */
@ConfigurationProperties("guanjia")
public record GuanjiaProperties(
    @DefaultValue("Asia/Shanghai") ZoneId timeZone,
    String adminPassword,
    String dataKey,
    @DefaultValue Demo demo,
    @DefaultValue BusinessHours businessHours,
    @DefaultValue Callbacks callbacks,
    @DefaultValue Notifications notifications) {

  /**
   * @param enabled demo users, residents and zones on start
   * @param mailCatcher a local SMTP server (GreenMail) on {@code spring.mail.port} that keeps the e-mail
   *     sent to residents, shown on {@code /staff/mailbox}: nothing leaves the machine
   */
  public record Demo(@DefaultValue("false") boolean enabled, @DefaultValue("false") boolean mailCatcher) {}

  /**
   * The company's service hours (a project may keep its own): a service center works every day by default.
   *
   * @param start first minute of a working day
   * @param end end of a working day
   * @param days the working days of the week, ISO numbers (1 = Monday … 7 = Sunday)
   * @param publicHolidays whether the public holidays (and make-up working days) of the calendar files close the
   *     service center; their names still give residents a holiday wish either way
   * @param calendars where the holiday files are (one CSV per year: date,HOLIDAY|WORKDAY,name)
   */
  public record BusinessHours(
      @DefaultValue("08:00") java.time.LocalTime start,
      @DefaultValue("20:00") java.time.LocalTime end,
      @DefaultValue({"1", "2", "3", "4", "5", "6", "7"}) java.util.List<Integer> days,
      @DefaultValue("false") boolean publicHolidays,
      @DefaultValue("classpath*:calendar/*.csv") String calendars) {}

  /**
   * @param callingStart first minute residents are called (their time zone: {@code timeZone})
   * @param callingEnd no call at or after this time; a callback due later moves to the next morning
   * @param retryAfter an unreached resident is called again after this long (within calling hours)
   * @param maxAttempts calls per callback before the survey link is sent instead
   * @param keyFollowUps KEY items: after the callback on the day of completion, each next one this long
   *     after the one before (the last only if none found a problem)
   * @param ordinaryAfter ORDINARY items: the one callback, this long after completion
   * @param heatingSeasonStart first day of the heating season, {@code MM-dd}
   * @param heatingSeasonEnd last day of the heating season, {@code MM-dd} (may fall in the next year)
   * @param heatingInterval HEATING items: a callback this often until the season ends
   * @param surveyUrl the short survey an unreached resident is sent; {@code {token}} is filled in
   * @param surveyValidFor how long a survey link can be answered
   */
  public record Callbacks(
      @DefaultValue("09:00") java.time.LocalTime callingStart,
      @DefaultValue("20:00") java.time.LocalTime callingEnd,
      @DefaultValue("PT2H") java.time.Duration retryAfter,
      @DefaultValue("3") int maxAttempts,
      @DefaultValue({"P1D", "P7D"}) java.util.List<java.time.Period> keyFollowUps,
      @DefaultValue("P6M") java.time.Period ordinaryAfter,
      @DefaultValue("11-15") String heatingSeasonStart,
      @DefaultValue("03-15") String heatingSeasonEnd,
      @DefaultValue("P14D") java.time.Period heatingInterval,
      @DefaultValue("http://localhost:8080/survey/{token}") String surveyUrl,
      @DefaultValue("P30D") java.time.Period surveyValidFor) {}

  /**
   * @param templates folder of the message templates ({@code <EVENT>.<audience>.<locale>.mustache}); a
   *     supervisor's copy on disk is named as {@code file:/etc/guanjia/notifications/}
   * @param forbiddenPhrases the list of 服务禁语, one per line
   * @param quietStart from this time residents get no message that is not urgent (their time zone)
   * @param quietEnd until this time; a message written in between goes out then
   * @param sms the SMS gateway; without a URL residents read their messages in the message center
   * @param wechat the WeChat official account's template-message API; without a URL, no WeChat
   */
  public record Notifications(
      @DefaultValue("classpath:/notifications/") String templates,
      @DefaultValue("classpath:/notifications/forbidden-phrases.txt") String forbiddenPhrases,
      @DefaultValue("21:00") java.time.LocalTime quietStart,
      @DefaultValue("08:00") java.time.LocalTime quietEnd,
      @DefaultValue Sms sms,
      @DefaultValue WeChat wechat) {

    /**
     * @param url where texts are posted; empty: no SMS
     * @param username HTTP Basic user of the gateway account
     * @param password its password
     * @param sender the sender name residents see
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for the gateway's answer
     */
    public record Sms(
        String url,
        String username,
        String password,
        @DefaultValue("管家物业") String sender,
        @DefaultValue("PT5S") java.time.Duration connectTimeout,
        @DefaultValue("PT10S") java.time.Duration readTimeout) {}

    /**
     * @param url {@code https://api.weixin.qq.com/cgi-bin/message/template/send} (or a proxy); empty: no WeChat
     * @param accessToken the official account's access token
     * @param templateId the template the messages use (its {@code first} field carries the text)
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for the answer
     */
    public record WeChat(
        String url,
        String accessToken,
        String templateId,
        @DefaultValue("PT5S") java.time.Duration connectTimeout,
        @DefaultValue("PT10S") java.time.Duration readTimeout) {}
  }
}
