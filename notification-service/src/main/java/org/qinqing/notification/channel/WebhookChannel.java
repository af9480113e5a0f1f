package org.qinqing.notification.channel;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.qinqing.notification.webhook.WebhookSubscription;

/**
 * POSTs the notice as JSON to an integrator's endpoint, signed: {@code X-Qinqing-Signature: sha256=<hex>} of
 * HMAC-SHA256(secret, timestamp + "." + body), with {@code X-Qinqing-Timestamp} (epoch seconds) so a receiver can
 * refuse old replays, and {@code X-Qinqing-Delivery} to drop a repeat. 2xx delivers; 408/429/5xx and timeouts are
 * retried; other answers are permanent.
 */
@ApplicationScoped
public class WebhookChannel implements Channel {

    private final Http http;
    private final Clock clock;

    public WebhookChannel(Http http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.WEBHOOK;
    }

    @Override
    public int send(OutgoingMessage message) throws DeliveryFailure {
        String subscriptionId = message.recipient().substring("webhook:".length());
        WebhookSubscription subscription = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> WebhookSubscription.findById(java.util.UUID.fromString(subscriptionId)));
        if (subscription == null || !subscription.active) {
            throw DeliveryFailure.permanent("webhook subscription removed");
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = http.request(URI.create(subscription.url))
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("X-Qinqing-Event", message.kind())
                .header("X-Qinqing-Delivery", message.deliveryId().toString())
                .header("X-Qinqing-Timestamp", timestamp)
                .header("X-Qinqing-Signature", "sha256=" + sign(subscription.secret, timestamp, message.body()))
                .POST(HttpRequest.BodyPublishers.ofString(message.body())).build();
        HttpResponse<String> response = http.send(request, "webhook");
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return 1;
        }
        String reason = "webhook answered " + status;
        throw Http.transientStatus(status) ? DeliveryFailure.transientFailure(reason) : DeliveryFailure.permanent(reason);
    }

    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
