package org.qinqing.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Applies each event once: the handler runs in a new transaction that also records the event's id, so a
 * redelivered event (after a crash, a rebalance, a replay of the topic) changes nothing. The transaction first
 * takes the grievance's lock ({@link GrievanceLocks}), so handlers of one grievance never interleave. A handler
 * that throws rolls back both, and the record goes to the channel's failure strategy (the dead-letter topic) —
 * unless the database was out of reach (down, restarting): then the event is tried again until it is back.
 *
 * <p>What is poison and what is "not for me": a record that is not one of our CloudEvents, whose data is not a
 * JSON object with a grievance id, or whose type has a version this consumer does not read ({@value #READS_VERSION}
 * only: a later version is a schema from the future) throws {@link MalformedEventException} and is dead-lettered,
 * to be replayed once the consumer is upgraded. A v1 event whose name the handler does not know is recorded as
 * processed and skipped: topics carry events for several consumers.
 *
 * <p>While the handler runs, the grievance id is in the logging MDC ({@value #MDC_GRIEVANCE_ID}), so every log
 * line about the grievance carries it, and a span continues the trace of the record's {@code traceparent}
 * header (the publisher's span), so events the handler writes continue it too.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    public static final String MDC_GRIEVANCE_ID = "grievanceId";
    /** The version of every event type that consumers read; a publisher bumps it only for a breaking change. */
    public static final int READS_VERSION = 1;
    /** Waits between attempts while the database is out of reach: doubling from the first up to the longest. */
    private static final Duration FIRST_WAIT = Duration.ofMillis(200);
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final GrievanceLocks locks;
    private final Tracer tracer;
    private final CommittedCounters counters;

    public IdempotentConsumer(DataSource dataSource, ObjectMapper mapper, GrievanceLocks locks, Tracer tracer,
            CommittedCounters counters) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.locks = locks;
        this.tracer = tracer;
        this.counters = counters;
    }

    public void consume(ConsumerRecord<String, String> record, Consumer<ReceivedEvent> handler) {
        ReceivedEvent event = ReceivedEvent.from(record, mapper);
        if (event.version() != READS_VERSION) {
            // applying a v2 as if it were v1 could misread a changed field silently
            throw new MalformedEventException("event " + event.id() + " is " + event.publisher() + "." + event.name()
                    + ".v" + event.version() + "; this consumer reads v" + READS_VERSION + " only (upgrade it, then replay)");
        }
        Span span = tracer.spanBuilder("apply " + event.publisher() + "." + event.name())
                .setParent(TraceContext.of(record.headers()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.message.id", event.id().toString())
                .setAttribute("qinqing.grievance.id", event.grievanceId().toString())
                .startSpan();
        Object outerGrievance = MDC.put(MDC_GRIEVANCE_ID, event.grievanceId().toString());
        try (Scope scope = span.makeCurrent()) {
            applyOnceDatabaseReachable(event, handler);
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
            if (outerGrievance == null) {
                MDC.remove(MDC_GRIEVANCE_ID);
            } else {
                MDC.put(MDC_GRIEVANCE_ID, outerGrievance);
            }
        }
    }

    /**
     * Applies the event in a new transaction; while the database is out of reach, waits and tries again instead of
     * failing the record: dead-lettered, an event would be skipped until someone replayed it, though nothing is
     * wrong with it. The record stays unacknowledged meanwhile, as when the service is down (after 60 s the Kafka
     * connector reports the channel unhealthy: a long outage shows). A commit whose answer was lost is tried again
     * and finds the event applied, changing nothing.
     */
    private void applyOnceDatabaseReachable(ReceivedEvent event, Consumer<ReceivedEvent> handler) {
        Duration wait = FIRST_WAIT;
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    locks.lock(event.grievanceId());
                    if (!firstDelivery(event)) {
                        LOG.debugf("already applied %s", event);
                        return;
                    }
                    handler.accept(event);
                    // per replica: shows how the consumer group shares the work (a redelivery counts nothing)
                    counters.increment("qinqing.events.applied", "publisher", event.publisher(), "event", event.name());
                });
                return;
            } catch (RuntimeException e) {
                if (!DatabaseUnavailable.is(e)) {
                    throw e;
                }
                LOG.warnf("database out of reach applying %s (attempt %d), trying again in %s: %s", event, attempt, wait,
                        e.toString());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    // the service is stopping while the database is out of reach: the record takes its failure
                    // strategy, as it did before this wait
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
            }
        }
    }

    private boolean firstDelivery(ReceivedEvent event) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO processed_event (event_id, type) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING")) {
            insert.setObject(1, event.id());
            insert.setString(2, event.publisher() + "." + event.name() + ".v" + event.version());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record event " + event.id(), e);
        }
    }

    /** Whether an event was already applied; for tests and diagnostics. */
    public boolean applied(UUID eventId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT 1 FROM processed_event WHERE event_id = ?")) {
            select.setObject(1, eventId);
            return select.executeQuery().next();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
