package org.qinqing.deadline.events;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.qinqing.deadline.clock.ClockService;
import org.qinqing.events.IdempotentConsumer;
import org.qinqing.events.ReceivedEvent;

/** The topics deadline-service reads; each event is applied once, in its own transaction. */
@ApplicationScoped
public class InboundEvents {

    private final IdempotentConsumer consumer;
    private final ClockService clocks;

    public InboundEvents(IdempotentConsumer consumer, ClockService clocks) {
        this.consumer = consumer;
        this.clocks = clocks;
    }

    @Incoming("intake-events")
    @Blocking
    public void onIntakeEvent(ConsumerRecord<String, String> record) {
        consumer.consume(record, this::apply);
    }

    @Incoming("routing-events")
    @Blocking
    public void onRoutingEvent(ConsumerRecord<String, String> record) {
        consumer.consume(record, this::apply);
    }

    private void apply(ReceivedEvent event) {
        switch (event.publisher() + "." + event.name()) {
            case "intake.accepted" -> clocks.onAccepted(event);
            case "routing.dispatched" -> clocks.onDispatched(event);
            case "routing.signed", "routing.replied", "routing.returned", "intake.withdrawn" -> clocks.onStopping(event);
            default -> {
            }
        }
    }
}
