package com.guanjia.notification;

import com.guanjia.resident.ResidentArchive;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers one outbox message (the {@code message-delivery} process's 投递消息 step, run by the job
 * executor after the step that wrote it committed). The message goes out on the channel chosen when
 * it was written and into the message center; the outbox row records the result. A failure is
 * recorded on the row (in a transaction of its own, the step's rolls back) and thrown, so the engine
 * retries with back-off and finally raises an incident an operator retries in Cockpit.
 */
@Component("deliverMessageDelegate")
class MessageDelivery implements JavaDelegate {
  static final String VAR_OUTBOX_ID = "outboxId";
  static final String VAR_DELIVER_AT = "deliverAt";

  private final Outbox outbox;
  private final MessageCenter center;
  private final SmsGateway sms;
  private final WeChatGateway wechat;
  private final MailChannel mail;
  private final ResidentArchive residents;
  private final ResidentPreferences preferences;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;

  MessageDelivery(Outbox outbox, MessageCenter center, SmsGateway sms, WeChatGateway wechat, MailChannel mail,
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
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = ((Number) execution.getVariable(VAR_OUTBOX_ID)).longValue();
    Outbox.Message m = outbox.find(id).orElseThrow(() -> new IllegalStateException("no outbox message " + id));
    if (Outbox.SENT.equals(m.status())) {
      return; // delivered by an earlier attempt whose end was not recorded by the engine
    }
    try {
      String channel = channelFor(m);
      String reference = switch (channel) {
        case Channels.SMS -> sms.send(m.dedupeKey(), phoneOf(m), m.text());
        case Channels.WECHAT -> wechat.send(m.dedupeKey(), preferences.weChatOpenId(m.residentId()).orElseThrow(),
            m.requestNo(), m.text());
        case Channels.EMAIL -> mail.send(m.dedupeKey(), residents.email(m.residentId()).orElseThrow(), m.requestNo(),
            m.event(), preferences.locale(m.residentId()), m.text());
        default -> null; // the message center is the channel
      };
      OffsetDateTime now = OffsetDateTime.now(clock);
      center.put(m, now);
      outbox.markSent(id, channel, reference, now);
    } catch (RuntimeException e) {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      ownTransaction.executeWithoutResult(status -> outbox.markFailedAttempt(id, error));
      throw new MessageNotDeliveredException(m, e);
    }
  }

  /**
   * The resident's channel where it is set up here and the resident can be reached on it; else (and
   * for staff) the message center.
   */
  private String channelFor(Outbox.Message m) {
    if (m.residentId() == null || m.channel() == null) {
      return Channels.APP;
    }
    return switch (m.channel()) {
      case Channels.SMS -> sms.configured() ? Channels.SMS : Channels.APP;
      case Channels.WECHAT -> wechat.configured() && preferences.weChatOpenId(m.residentId()).isPresent()
          ? Channels.WECHAT : Channels.APP;
      case Channels.EMAIL -> mail.configured() && residents.email(m.residentId()).isPresent()
          ? Channels.EMAIL : Channels.APP;
      default -> Channels.APP;
    };
  }

  private String phoneOf(Outbox.Message m) {
    return residents.find(m.residentId()).map(r -> r.phone())
        .orElseThrow(() -> new IllegalStateException("resident " + m.residentId() + " has no phone number"));
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
