package org.qinqing.notification.events;

import java.util.UUID;
import org.qinqing.events.EventName;

/** The events notification-service publishes (PLATFORM.md §4); never a phone number, an address or a name. */
public final class NotificationEvents {

    private NotificationEvents() {
    }

    /** A notice reached its recipient (principal masked) through a channel. */
    @EventName("delivered")
    public record Delivered(UUID deliveryId, String channel, String recipient, String kind, String outcome, int attempts) {
    }

    /** A notice could not be delivered: permanently refused, or retries exhausted; it is now a dead letter. */
    @EventName("delivery-failed")
    public record DeliveryFailed(UUID deliveryId, String channel, String recipient, String kind, String outcome,
            String reason, int attempts) {
    }
}
