package org.qinqing.notification.channel;

import java.util.UUID;

/**
 * What a channel sends: the rendered notice and the address. {@code partsSent} is how many SMS parts an earlier
 * attempt already delivered, so a retry sends only the rest.
 */
public record OutgoingMessage(UUID deliveryId, UUID grievanceId, String kind, String recipient, String address,
        String language, String subject, String body, String link, int partsSent) {

    public OutgoingMessage withAddress(String newAddress) {
        return new OutgoingMessage(deliveryId, grievanceId, kind, recipient, newAddress, language, subject, body, link,
                partsSent);
    }
}
