package com.guanjia.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the {@link OutboxDispatcher} sends ({@code guanjia.notifications.delivery.*}).
 *
 * @param enabled {@code false}: nothing is sent in the background (tests send with
 *     {@link OutboxDispatcher#deliverDue()})
 * @param threads messages sent at the same time; a gateway call mostly waits for the gateway, so more
 *     threads than cores pay off
 * @param pollInterval how often the dispatcher looks for due messages without being woken (messages
 *     written on another node, quiet hours over, claims of a node that died)
 * @param claimFor how long a claimed message is this node's; after that another node sends it (same
 *     idempotency key). Longer than the slowest gateway answer allowed.
 */
@ConfigurationProperties("guanjia.notifications.delivery")
record DeliverySettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("8") int threads,
    @DefaultValue("PT1S") Duration pollInterval,
    @DefaultValue("PT2M") Duration claimFor) {}
