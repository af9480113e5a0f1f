package org.qinqing.routing.events;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.qinqing.events.IdempotentConsumer;
import org.qinqing.events.ReceivedEvent;
import org.qinqing.routing.dispatch.DispatchService;

/** The topics routing reads; each event is applied once, in its own transaction. */
@ApplicationScoped
public class InboundEvents {

    private final IdempotentConsumer consumer;
    private final DispatchService dispatch;

    public InboundEvents(IdempotentConsumer consumer, DispatchService dispatch) {
        this.consumer = consumer;
        this.dispatch = dispatch;
    }

    @Incoming("intake-events")
    @Blocking
    public void onIntakeEvent(ConsumerRecord<String, String> record) {
        consumer.consume(record, this::apply);
    }

    private void apply(ReceivedEvent event) {
        if ("accepted".equals(event.name())) {
            dispatch.onAccepted(event);
        }
    }
}
