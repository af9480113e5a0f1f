package org.qinqing.routing.events;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.qinqing.events.IdempotentConsumer;
import org.qinqing.events.ReceivedEvent;
import org.qinqing.routing.dispatch.DispatchService;
import org.qinqing.routing.work.QueueOverlays;

/** The topics routing reads; each event is applied once, a poll's events together in one transaction. */
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
    public CompletionStage<Void> onIntakeEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, this::apply);
    }

    @Incoming("deadline-events")
    @Blocking
    public CompletionStage<Void> onDeadlineEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, this::apply);
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
