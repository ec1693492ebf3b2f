package com.guanjia.notification;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mail through SMTP (Spring Mail, {@code spring.mail.*}): a plain-text message whose Message-ID is
 * derived from the outbox key, so a message sent again after a crash is recognisably the same one.
 * Without an SMTP server configured there is no e-mail.
 */
@Component
public class MailChannel {
  private final ObjectProvider<JavaMailSender> mail;
  private final MessageSource messages;
  private final String from;

  MailChannel(ObjectProvider<JavaMailSender> mail, MessageSource messages,
      @org.springframework.beans.factory.annotation.Value("${guanjia.notifications.mail-from:service@guanjia.example}")
      String from) {
    this.mail = mail;
    this.messages = messages;
    this.from = from;
  }

  public boolean configured() {
    return mail.getIfAvailable() != null;
  }

  /** Sends one e-mail; returns its Message-ID. */
  public String send(String idempotencyKey, String to, String requestNo, String event, Locale locale, String text) {
    JavaMailSender sender = mail.getObject();
    String messageId = "<" + HexFormat.of().formatHex(sha256(idempotencyKey)).substring(0, 32) + "@guanjia>";
    try {
      MimeMessage message = sender.createMimeMessage();
      var helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
      helper.setFrom(from);
      helper.setTo(to);
      helper.setSubject(messages.getMessage("mail.subject", new Object[] {requestNo,
          messages.getMessage("mail.event." + event, null, event, locale)}, locale));
      helper.setText(text);
      message.setHeader("X-Guanjia-Idempotency-Key", idempotencyKey);
      message.setHeader("Message-ID", messageId); // Spring's sender keeps an id set beforehand
      sender.send(message);
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException("邮件无法发送 (the e-mail could not be built): " + e.getMessage(), e);
    }
    return messageId;
  }

  private static byte[] sha256(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
