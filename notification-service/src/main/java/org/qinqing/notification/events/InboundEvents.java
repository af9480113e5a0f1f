package org.qinqing.notification.events;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.qinqing.events.IdempotentConsumer;
import org.qinqing.events.ReceivedEvent;
import org.qinqing.notification.notice.NoticeRules;
import org.qinqing.notification.recipient.DirectoryEvents;

/** The topics notification-service reads; each event is applied once, a poll's events together in one transaction. */
@ApplicationScoped
public class InboundEvents {

    private final IdempotentConsumer consumer;
    /** What this service applies, by event type; the rest of a topic is for others and is skipped. */
    private final Map<String, Consumer<ReceivedEvent>> handlers;

    public InboundEvents(IdempotentConsumer consumer, NoticeRules rules, DirectoryEvents directory) {
        this.consumer = consumer;
        this.handlers = Map.ofEntries(
                Map.entry("intake.accepted", rules::onAccepted),
                Map.entry("intake.rejected", rules::onRejected),
                Map.entry("intake.rating-invited", rules::onRatingInvited),
                Map.entry("intake.closed", rules::onClosed),
                Map.entry("intake.reopen-limit-reached", rules::onReopenLimitReached),
                Map.entry("routing.dispatched", rules::onDispatched),
                Map.entry("routing.manual-dispatch-required", rules::onManualDispatchRequired),
                Map.entry("routing.info-requested", rules::onInfoRequested),
                Map.entry("routing.replied", rules::onReplied),
                Map.entry("routing.co-handling-requested", rules::onCoHandlingRequested),
                Map.entry("routing.extension-requested", rules::onExtensionRequested),
                Map.entry("routing.return-escalated", rules::onReturnEscalated),
                Map.entry("routing.department-changed", directory::onDepartmentChanged),
                Map.entry("routing.liaison-changed", directory::onLiaisonChanged),
                Map.entry("deadline.deadline-set", rules::onDeadlineSet),
                Map.entry("deadline.warning", rules::onWarning),
                Map.entry("deadline.escalated", rules::onEscalated),
                Map.entry("deadline.urged", rules::onUrged),
                Map.entry("deadline.supervision-issued", rules::onSupervisionIssued),
                Map.entry("deadline.summons-list-published", rules::onSummonsListPublished));
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

    @Incoming("deadline-events")
    @Blocking
    public CompletionStage<Void> onDeadlineEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, handlers);
    }
}
