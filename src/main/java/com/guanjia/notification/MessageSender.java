package com.guanjia.notification;

import com.guanjia.resident.ResidentArchive;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one outbox message: on the channel chosen when it was written, and into the message center;
 * the outbox row records the result (in the caller's transaction, or one of its own). A failure is
 * recorded on the row in a transaction of its own (the caller's may roll back) and thrown as
 * {@link MessageNotDeliveredException}. Used by the {@link OutboxDispatcher} for the first attempt and
 * by the {@code message-delivery} process's retries.
 */
@Component
class MessageSender {

  private final Outbox outbox;
  private final MessageCenter center;
  private final SmsGateway sms;
  private final WeChatGateway wechat;
  private final MailChannel mail;
  private final ResidentArchive residents;
  private final ResidentPreferences preferences;
  private final TransactionTemplate ownTransaction;
  private final TransactionTemplate transaction;
  private final Clock clock;

  MessageSender(Outbox outbox, MessageCenter center, SmsGateway sms, WeChatGateway wechat, MailChannel mail,
      ResidentArchive residents, ResidentPreferences preferences, PlatformTransactionManager transactions,
      Clock clock) {
    this.outbox = outbox;
    this.center = center;
    this.sms = sms;
    this.wechat = wechat;
    this.mail = mail;
    this.residents = residents;
    this.preferences = preferences;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /** Sends the message unless an earlier attempt did; throws {@link MessageNotDeliveredException}. */
  void deliver(long id) {
    deliver(outbox.find(id).orElseThrow(() -> new IllegalStateException("no outbox message " + id)));
  }

  /**
   * Sends {@code m} (as read when it was claimed). The gateway's call holds no database connection when
   * the caller has no transaction: the message center entry and the SENT mark are written together
   * after it.
   */
  void deliver(Outbox.Message m) {
    long id = m.id();
    if (Outbox.SENT.equals(m.status())) {
      return; // delivered by an earlier attempt whose end was not recorded
    }
    try {
      Route route = routeFor(m);
      String reference = switch (route.channel()) {
        case Channels.SMS -> sms.send(m.dedupeKey(), route.address(), m.text());
        case Channels.WECHAT -> wechat.send(m.dedupeKey(), route.address(), m.requestNo(), m.text());
        case Channels.EMAIL -> mail.send(m.dedupeKey(), route.address(), m.requestNo(), m.event(), route.locale(),
            m.text());
        default -> null; // the message center is the channel
      };
      OffsetDateTime now = OffsetDateTime.now(clock);
      transaction.executeWithoutResult(status -> {
        center.put(m, now);
        outbox.markSent(id, route.channel(), reference, now);
      });
    } catch (RuntimeException e) {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      ownTransaction.executeWithoutResult(status -> outbox.markFailedAttempt(id, error));
      throw new MessageNotDeliveredException(m, e);
    }
  }

  /** Where a message goes: the channel, the resident's address on it, the language of an e-mail subject. */
  private record Route(String channel, String address, java.util.Locale locale) {
    static final Route MESSAGE_CENTER = new Route(Channels.APP, null, null);
  }

  /**
   * The resident's channel where it is set up here and the resident can be reached on it; else (and
   * for staff) the message center. Each address is looked up once.
   */
  private Route routeFor(Outbox.Message m) {
    if (m.residentId() == null || m.channel() == null) {
      return Route.MESSAGE_CENTER;
    }
    switch (m.channel()) {
      case Channels.SMS -> {
        if (sms.configured()) {
          return new Route(Channels.SMS, residents.find(m.residentId()).map(r -> r.phone()).orElseThrow(
              () -> new IllegalStateException("resident " + m.residentId() + " has no phone number")), null);
        }
      }
      case Channels.WECHAT -> {
        var openId = wechat.configured() ? preferences.of(m.residentId()).weChatOpenId() : java.util.Optional.<String>empty();
        if (openId.isPresent()) {
          return new Route(Channels.WECHAT, openId.get(), null);
        }
      }
      case Channels.EMAIL -> {
        var email = mail.configured() ? residents.email(m.residentId()) : java.util.Optional.<String>empty();
        if (email.isPresent()) {
          return new Route(Channels.EMAIL, email.get(), preferences.of(m.residentId()).locale());
        }
      }
      default -> { }
    }
    return Route.MESSAGE_CENTER;
  }

  /** What an operator reads on the incident: which message, to whom, and why not. */
  static final class MessageNotDeliveredException extends RuntimeException {
    MessageNotDeliveredException(Outbox.Message m, Throwable cause) {
      super("消息未能送达 (message not delivered): outbox %d, %s %s to %s: %s".formatted(m.id(), m.event(),
          m.requestNo(), m.residentId() != null ? m.residentId() : m.staffUserId(), cause.getMessage()), cause);
    }
  }

  /** The channels a message can go out on. */
  static final class Channels {
    static final String SMS = "SMS";
    static final String WECHAT = "WECHAT";
    static final String EMAIL = "EMAIL";
    static final String APP = "APP";

    private Channels() {}
  }
}
