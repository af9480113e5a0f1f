package org.qinqing.routing.events;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.qinqing.events.IdempotentConsumer;
import org.qinqing.events.ReceivedEvent;
import org.qinqing.routing.dispatch.DispatchService;
import org.qinqing.routing.work.QueueOverlays;

/** The topics routing reads; each event is applied once, in its own transaction. */
@ApplicationScoped
public class InboundEvents {

    private final IdempotentConsumer consumer;
    private final DispatchService dispatch;
    private final QueueOverlays overlays;

    public InboundEvents(IdempotentConsumer consumer, DispatchService dispatch, QueueOverlays overlays) {
        this.consumer = consumer;
        this.dispatch = dispatch;
        this.overlays = overlays;
    }

    @Incoming("intake-events")
    @Blocking
    public void onIntakeEvent(ConsumerRecord<String, String> record) {
        consumer.consume(record, this::apply);
    }

    @Incoming("deadline-events")
    @Blocking
    public void onDeadlineEvent(ConsumerRecord<String, String> record) {
        consumer.consume(record, this::apply);
    }

    private void apply(ReceivedEvent event) {
        switch (event.publisher() + "." + event.name()) {
            case "intake.accepted" -> dispatch.onAccepted(event);
            case "intake.reopened" -> dispatch.onReopened(event);
            case "intake.withdrawn", "intake.closed" -> dispatch.onWithdrawnOrClosed(event);
            case "intake.supplemented", "intake.rated" -> overlays.apply(event);
            case "deadline.return-decided" -> dispatch.onReturnDecided(event);
            case "deadline.reopen-decided" -> dispatch.onReopenDecided(event);
            case "deadline.deadline-set", "deadline.warning", "deadline.escalated", "deadline.supervision-issued",
                    "deadline.urged", "deadline.extension-decided" -> overlays.apply(event);
            default -> {
            }
        }
    }
}
