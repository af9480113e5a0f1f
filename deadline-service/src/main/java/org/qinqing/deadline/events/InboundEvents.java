package org.qinqing.deadline.events;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.qinqing.deadline.clock.ClockService;
import org.qinqing.deadline.stats.CaseFacts;
import org.qinqing.deadline.supervision.SupervisionService;
import org.qinqing.deadline.supervision.SupervisorDecision;
import org.qinqing.events.IdempotentConsumer;
import org.qinqing.events.ReceivedEvent;

/** The topics deadline-service reads; each event is applied once, a poll's events together in one transaction. */
@ApplicationScoped
public class InboundEvents {

    private final IdempotentConsumer consumer;
    /** What this service applies, by event type; the rest of a topic is for others and is skipped. */
    private final Map<String, Consumer<ReceivedEvent>> handlers;

    public InboundEvents(IdempotentConsumer consumer, ClockService clocks, SupervisionService supervision, CaseFacts facts) {
        this.consumer = consumer;
        this.handlers = Map.ofEntries(
                Map.entry("intake.accepted", clocks::onAccepted),
                Map.entry("intake.supplemented", clocks::onSupplemented),
                Map.entry("intake.withdrawn", clocks::onStopping),
                Map.entry("intake.rated", event -> {
                    clocks.onStopping(event);
                    facts.onRated(event);
                }),
                Map.entry("intake.closed", facts::onClosed),
                Map.entry("intake.reopen-limit-reached", event -> supervision.awaitDecision(event, SupervisorDecision.Kind.REOPEN_LIMIT)),
                Map.entry("routing.dispatched", clocks::onDispatched),
                Map.entry("routing.signed", clocks::onStopping),
                Map.entry("routing.returned", event -> {
                    clocks.onStopping(event);
                    facts.onReturned(event);
                }),
                Map.entry("routing.replied", clocks::onReplied),
                Map.entry("routing.info-requested", clocks::onInfoRequested),
                Map.entry("routing.extension-requested", event -> supervision.awaitDecision(event, SupervisorDecision.Kind.EXTENSION)),
                Map.entry("routing.return-escalated", event -> supervision.awaitDecision(event, SupervisorDecision.Kind.RETURN)));
    }

    @Incoming("intake-events")
    @Blocking
    public CompletionStage<Void> onIntakeEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, handlers);
    }

    @Incoming("routing-events")
    @Blocking
    public CompletionStage<Void> onRoutingEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, handlers);
    }
}
