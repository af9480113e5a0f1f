package org.qinqing.notification.events;

import org.qinqing.events.EventName;

/** The events notification-service publishes (PLATFORM.md §4). */
public final class NotificationEvents {

    private NotificationEvents() {
    }

    /** A message was delivered; the recipient principal is masked, never a phone number or an address. */
    @EventName("delivered")
    public record Delivered(String channel, String recipient, String kind, String outcome) {
    }
}
