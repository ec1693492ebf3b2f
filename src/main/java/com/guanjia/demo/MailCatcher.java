package com.guanjia.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The embedded default's mail catcher: a real SMTP server (GreenMail) on this machine that keeps the
 * e-mail Guanjia sends residents in memory, for {@code /staff/mailbox}. When another node on this
 * machine already listens on the port, this node's mail goes to that one.
 */
@Component
@ConditionalOnProperty(name = "guanjia.demo.mail-catcher", havingValue = "true")
public class MailCatcher {
  private static final Logger LOG = LoggerFactory.getLogger(MailCatcher.class);
  private final GreenMail server;
  private final boolean running;

  MailCatcher(@Value("${spring.mail.port:3025}") int port) {
    server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    boolean started;
    try {
      server.start();
      started = true;
      LOG.info("Mail catcher listening on 127.0.0.1:{}: e-mail to residents stays on this machine", port);
    } catch (RuntimeException portTaken) {
      started = false;
      LOG.warn("Mail catcher not started ({}); e-mail goes to whatever listens on 127.0.0.1:{}",
          portTaken.getMessage(), port);
    }
    running = started;
  }

  public record CaughtMail(String to, String subject, String body, java.util.Date sentAt) {}

  /** The mail caught since the start, newest first. */
  public List<CaughtMail> caught() {
    if (!running) {
      return List.of();
    }
    return Arrays.stream(server.getReceivedMessages()).map(MailCatcher::caught)
        .sorted(Comparator.comparing(CaughtMail::sentAt, Comparator.nullsLast(Comparator.reverseOrder()))).toList();
  }

  private static CaughtMail caught(MimeMessage m) {
    try {
      String to = Arrays.toString(m.getAllRecipients());
      return new CaughtMail(to.substring(1, to.length() - 1), m.getSubject(),
          String.valueOf(m.getContent()).strip(), m.getSentDate());
    } catch (Exception e) {
      return new CaughtMail("?", "?", "unreadable: " + e.getMessage(), null);
    }
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    if (running) {
      server.stop();
    }
  }
}
