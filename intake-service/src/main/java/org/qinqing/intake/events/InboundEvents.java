package org.qinqing.intake.events;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.qinqing.events.IdempotentConsumer;

/** The topics intake reads; each event is applied once, a poll's events together in one transaction. */
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
    public CompletionStage<Void> onRoutingEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, applier.handlers());
    }

    @Incoming("notification-events")
    @Blocking
    public CompletionStage<Void> onNotificationEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, applier.handlers());
    }

    @Incoming("deadline-events")
    @Blocking
    public CompletionStage<Void> onDeadlineEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, applier.handlers());
    }
}
