package org.qinqing.deadline.events;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
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
    private final ClockService clocks;
    private final SupervisionService supervision;
    private final CaseFacts facts;

    public InboundEvents(IdempotentConsumer consumer, ClockService clocks, SupervisionService supervision, CaseFacts facts) {
        this.consumer = consumer;
        this.clocks = clocks;
        this.supervision = supervision;
        this.facts = facts;
    }

    @Incoming("intake-events")
    @Blocking
    public CompletionStage<Void> onIntakeEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, this::apply);
    }

    @Incoming("routing-events")
    @Blocking
    public CompletionStage<Void> onRoutingEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, this::apply);
    }

    private void apply(ReceivedEvent event) {
        switch (event.publisher() + "." + event.name()) {
            case "intake.accepted" -> clocks.onAccepted(event);
            case "intake.supplemented" -> clocks.onSupplemented(event);
            case "intake.withdrawn" -> clocks.onStopping(event);
            case "intake.rated" -> {
                clocks.onStopping(event);
                facts.onRated(event);
            }
            case "intake.closed" -> facts.onClosed(event);
            case "intake.reopen-limit-reached" -> supervision.awaitDecision(event, SupervisorDecision.Kind.REOPEN_LIMIT);
            case "routing.dispatched" -> clocks.onDispatched(event);
            case "routing.signed" -> clocks.onStopping(event);
            case "routing.returned" -> {
                clocks.onStopping(event);
                facts.onReturned(event);
            }
            case "routing.replied" -> clocks.onReplied(event);
            case "routing.info-requested" -> clocks.onInfoRequested(event);
            case "routing.extension-requested" -> supervision.awaitDecision(event, SupervisorDecision.Kind.EXTENSION);
            case "routing.return-escalated" -> supervision.awaitDecision(event, SupervisorDecision.Kind.RETURN);
            default -> {
            }
        }
    }
}
