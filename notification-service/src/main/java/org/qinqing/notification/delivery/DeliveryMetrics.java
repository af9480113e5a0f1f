package org.qinqing.notification.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.qinqing.notification.channel.ChannelKind;

/** {@code qinqing_notification_deliveries_total{channel, outcome}} on /q/metrics. */
@ApplicationScoped
public class DeliveryMetrics {

    public enum Outcome {
        DELIVERED, RETRY, FAILED, SKIPPED, DEFERRED;

        String tag() {
            return name().toLowerCase();
        }
    }

    private final MeterRegistry registry;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(ChannelKind channel, Outcome outcome) {
        Counter.builder("qinqing.notification.deliveries").description("Deliveries by channel and outcome")
                .tag("channel", channel.name()).tag("outcome", outcome.tag()).register(registry).increment();
    }
}
