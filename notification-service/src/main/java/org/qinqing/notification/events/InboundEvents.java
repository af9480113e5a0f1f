package org.qinqing.notification.events;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.qinqing.events.IdempotentConsumer;
import org.qinqing.events.ReceivedEvent;
import org.qinqing.notification.inbox.Inbox;

/** The topics notification-service reads; each event is applied once, in its own transaction. */
@ApplicationScoped
public class InboundEvents {

    private final IdempotentConsumer consumer;
    private final Inbox inbox;

    public InboundEvents(IdempotentConsumer consumer, Inbox inbox) {
        this.consumer = consumer;
        this.inbox = inbox;
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

    @Incoming("deadline-events")
    @Blocking
    public void onDeadlineEvent(ConsumerRecord<String, String> record) {
        consumer.consume(record, this::apply);
    }

    private void apply(ReceivedEvent event) {
        switch (event.publisher() + "." + event.name()) {
            case "intake.accepted" -> inbox.onAccepted(event);
            case "routing.dispatched" -> {
                inbox.onDispatched(event);
                inbox.tellDepartmentOfAssignment(event);
            }
            case "deadline.warning" -> inbox.onWarning(event);
            case "deadline.escalated" -> inbox.onEscalated(event);
            case "deadline.deadline-set" -> inbox.onDeadlineSet(event);
            default -> {
            }
        }
    }
}
