package org.qinqing.routing.events;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.qinqing.events.IdempotentConsumer;
import org.qinqing.events.ReceivedEvent;
import org.qinqing.routing.dispatch.DispatchService;
import org.qinqing.routing.work.QueueOverlays;

/** The topics routing reads; each event is applied once, a poll's events together in one transaction. */
@ApplicationScoped
public class InboundEvents {

    private final IdempotentConsumer consumer;
    /** What this service applies, by event type; the rest of a topic is for others and is skipped. */
    private final Map<String, Consumer<ReceivedEvent>> handlers;

    public InboundEvents(IdempotentConsumer consumer, DispatchService dispatch, QueueOverlays overlays) {
        this.consumer = consumer;
        this.handlers = Map.ofEntries(
                Map.entry("intake.accepted", dispatch::onAccepted),
                Map.entry("intake.reopened", dispatch::onReopened),
                Map.entry("intake.withdrawn", dispatch::onWithdrawnOrClosed),
                Map.entry("intake.closed", dispatch::onWithdrawnOrClosed),
                Map.entry("intake.supplemented", overlays::apply),
                Map.entry("intake.rated", overlays::apply),
                Map.entry("deadline.return-decided", dispatch::onReturnDecided),
                Map.entry("deadline.reopen-decided", dispatch::onReopenDecided),
                Map.entry("deadline.deadline-set", overlays::apply),
                Map.entry("deadline.warning", overlays::apply),
                Map.entry("deadline.escalated", overlays::apply),
                Map.entry("deadline.supervision-issued", overlays::apply),
                Map.entry("deadline.urged", overlays::apply),
                Map.entry("deadline.extension-decided", overlays::apply));
    }

    @Incoming("intake-events")
    @Blocking
    public CompletionStage<Void> onIntakeEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, handlers);
    }

    @Incoming("deadline-events")
    @Blocking
    public CompletionStage<Void> onDeadlineEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, handlers);
    }
}
