package org.qinqing.intake.events;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.qinqing.events.IdempotentConsumer;

/** The topics intake reads; each event is applied once, in its own transaction. */
@ApplicationScoped
public class InboundEvents {

    private final IdempotentConsumer consumer;
    private final EventApplier applier;

    public InboundEvents(IdempotentConsumer consumer, EventApplier applier) {
        this.consumer = consumer;
        this.applier = applier;
    }

    @Incoming("routing-events")
    @Blocking
    public void onRoutingEvent(ConsumerRecord<String, String> record) {
        consumer.consume(record, applier::apply);
    }

    @Incoming("notification-events")
    @Blocking
    public void onNotificationEvent(ConsumerRecord<String, String> record) {
        consumer.consume(record, applier::apply);
    }

    @Incoming("deadline-events")
    @Blocking
    public void onDeadlineEvent(ConsumerRecord<String, String> record) {
        consumer.consume(record, applier::apply);
    }
}
