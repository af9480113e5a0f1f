package org.qinqing.notification.events;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.qinqing.events.IdempotentConsumer;
import org.qinqing.events.ReceivedEvent;
import org.qinqing.notification.notice.NoticeRules;
import org.qinqing.notification.recipient.DirectoryEvents;

/** The topics notification-service reads; each event is applied once, a poll's events together in one transaction. */
@ApplicationScoped
public class InboundEvents {

    private final IdempotentConsumer consumer;
    private final NoticeRules rules;
    private final DirectoryEvents directory;

    public InboundEvents(IdempotentConsumer consumer, NoticeRules rules, DirectoryEvents directory) {
        this.consumer = consumer;
        this.rules = rules;
        this.directory = directory;
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

    @Incoming("deadline-events")
    @Blocking
    public CompletionStage<Void> onDeadlineEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, this::apply);
    }

    private void apply(ReceivedEvent event) {
        switch (event.publisher() + "." + event.name()) {
            case "intake.accepted" -> rules.onAccepted(event);
            case "intake.rejected" -> rules.onRejected(event);
            case "intake.rating-invited" -> rules.onRatingInvited(event);
            case "intake.closed" -> rules.onClosed(event);
            case "intake.reopen-limit-reached" -> rules.onReopenLimitReached(event);
            case "routing.dispatched" -> rules.onDispatched(event);
            case "routing.manual-dispatch-required" -> rules.onManualDispatchRequired(event);
            case "routing.info-requested" -> rules.onInfoRequested(event);
            case "routing.replied" -> rules.onReplied(event);
            case "routing.co-handling-requested" -> rules.onCoHandlingRequested(event);
            case "routing.extension-requested" -> rules.onExtensionRequested(event);
            case "routing.return-escalated" -> rules.onReturnEscalated(event);
            case "routing.department-changed" -> directory.onDepartmentChanged(event);
            case "routing.liaison-changed" -> directory.onLiaisonChanged(event);
            case "deadline.deadline-set" -> rules.onDeadlineSet(event);
            case "deadline.warning" -> rules.onWarning(event);
            case "deadline.escalated" -> rules.onEscalated(event);
            case "deadline.urged" -> rules.onUrged(event);
            case "deadline.supervision-issued" -> rules.onSupervisionIssued(event);
            case "deadline.summons-list-published" -> rules.onSummonsListPublished(event);
            default -> {
            }
        }
    }
}
