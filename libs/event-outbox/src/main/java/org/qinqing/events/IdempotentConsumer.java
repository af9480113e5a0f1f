package org.qinqing.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.qinqing.problems.DatabaseUnavailable;
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
 * that throws rolls back both, and the record goes to the channel's failure strategy (the dead-letter topic).
 *
 * <p>What is poison and what is "not for me": a record that is not one of our CloudEvents, whose data is not a
 * JSON object with a grievance id, or whose type has a version this consumer does not read ({@value #READS_VERSION}
 * only: a later version is a schema from the future) throws {@link MalformedEventException} and is dead-lettered,
 * to be replayed once the consumer is upgraded. A v1 event the consumer does not apply is skipped: topics carry
 * events for several consumers. A consumer names what it applies ({@link #consumeBatch(KafkaRecordBatch, Map)}) and
 * passes the others by without a transaction or a {@code processed_event} row (skipping twice changes nothing), so
 * a poll of only such events costs the database nothing.
 *
 * <p>A poll's records are applied together ({@link #consumeBatch}): one transaction takes every grievance's lock
 * (in one order, so two batches never deadlock), records the new event ids in one statement and runs the handler
 * for each; the per-event commit was most of a consumer's cost. If anything in it fails, the records are applied
 * one by one as above, so only the record that fails is dead-lettered.
 *
 * <p>The database out of reach (down, restarting, the connection cut: {@link DatabaseUnavailable}) is not the
 * event's fault: the work is tried again, waiting 200 ms doubling to 5 s, until the database is back, and the record
 * stays unacknowledged meanwhile; dead-lettered, it would be skipped until someone replayed it. A commit whose
 * answer was lost is tried again and finds the event applied, changing nothing. A failure once the service is
 * stopping (waiting for the database, or the container going away under the handler) leaves the poll
 * unacknowledged too, for the next start, rather than dead-lettered; and the connector's limit on a record's time without
 * acknowledgement, which would close the consumer for good, is off ({@code META-INF/microprofile-config.properties}).
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
    private final Instance<EntityManager> entityManager;
    /** Counted down when the service begins to stop. */
    private final CountDownLatch stopping = new CountDownLatch(1);

    public IdempotentConsumer(DataSource dataSource, ObjectMapper mapper, GrievanceLocks locks, Tracer tracer,
            CommittedCounters counters, Instance<EntityManager> entityManager) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.locks = locks;
        this.tracer = tracer;
        this.counters = counters;
        this.entityManager = entityManager;
    }

    /**
     * Applies the poll's events {@code handlers} has a handler for, by {@link ReceivedEvent#type()}, in one
     * transaction; the other events are skipped without touching the database: no {@code processed_event} row, and
     * no transaction for a poll of only such events (BENCHMARKS.md, "The pipeline at concurrency 1"). The returned
     * stage completes when the batch may be acknowledged (every record applied, skipped, or dead-lettered through the
     * channel's failure strategy).
     */
    public CompletionStage<Void> consumeBatch(KafkaRecordBatch<String, String> batch,
            Map<String, Consumer<ReceivedEvent>> handlers) {
        Consumer<ReceivedEvent> handler = event -> handlers.get(event.type()).accept(event);
        Map<ConsumerRecord<String, String>, ReceivedEvent> readable = new LinkedHashMap<>();
        Map<ConsumerRecord<String, String>, KafkaRecord<String, String>> messages = new HashMap<>();
        List<CompletableFuture<Void>> deadLettered = new ArrayList<>();
        for (KafkaRecord<String, String> message : batch.getRecords()) {
            ConsumerRecord<String, String> record = consumerRecord(message);
            try {
                ReceivedEvent event = read(record);
                if (handlers.containsKey(event.type())) {
                    readable.put(record, event);
                    messages.put(record, message);
                }
            } catch (MalformedEventException e) {
                deadLettered.add(message.nack(e).toCompletableFuture());
            }
        }
        try {
            try {
                retryingWhileDatabaseFails(() -> applyTogether(readable, handler));
            } catch (RuntimeException together) {
                leaveUnacknowledgedWhenStopping(together);
                LOG.debugf(together, "a batch of %d events failed together; applying them one by one", readable.size());
                readable.forEach((record, event) -> {
                    try {
                        retryingWhileDatabaseFails(() -> applyTogether(Map.of(record, event), handler));
                    } catch (RuntimeException e) {
                        leaveUnacknowledgedWhenStopping(e);
                        deadLettered.add(messages.get(record).nack(e).toCompletableFuture());
                    }
                });
            }
        } catch (Stopping stop) {
            // neither acknowledged nor dead-lettered: the next start reads the poll again, and what was applied
            // of it is recognised by its event id
            LOG.warnf("stopping: %d records of a poll left unacknowledged (%s)", readable.size(), stop.getCause().toString());
            return new CompletableFuture<>();
        }
        return CompletableFuture.allOf(deadLettered.toArray(CompletableFuture[]::new)).thenCompose(done -> batch.ack());
    }

    /**
     * One transaction: every grievance's lock, the events' ids recorded, and the handler for each event not applied
     * before (an event id twice among them is applied once).
     */
    private void applyTogether(Map<ConsumerRecord<String, String>, ReceivedEvent> events, Consumer<ReceivedEvent> handler) {
        if (events.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Set<UUID> grievances = new HashSet<>();
            events.values().forEach(event -> grievances.add(event.grievanceId()));
            locks.lockAll(grievances);
            Set<UUID> first = firstDeliveries(events.values());
            events.forEach((record, event) -> {
                if (!first.remove(event.id())) {
                    LOG.debugf("already applied %s", event);
                    return;
                }
                applying(record, event, () -> {
                    apply(event, handler);
                    // what one event loaded is not needed by the next: keeps each flush's dirty check small
                    if (entityManager.isResolvable()) {
                        entityManager.get().flush();
                        entityManager.get().clear();
                    }
                });
            });
        });
    }

    /** Runs the work again, waiting longer each time, while it fails because the database is out of reach. */
    private void retryingWhileDatabaseFails(Runnable work) {
        Duration wait = FIRST_WAIT;
        for (int attempt = 1; ; attempt++) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (!DatabaseUnavailable.is(e)) {
                    throw e;
                }
                LOG.warnf("database out of reach (attempt %d), trying again in %s: %s", attempt, wait, e.toString());
                try {
                    if (stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new Stopping(e);
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new Stopping(e);
                }
                wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
            }
        }
    }

    /**
     * Once the service is stopping, a failure is the stop's (the database or the container going away), not the
     * event's: it must not send the record to its dead letters.
     */
    private void leaveUnacknowledgedWhenStopping(RuntimeException failure) {
        if (failure instanceof Stopping stopped) {
            throw stopped;
        }
        if (stopping.getCount() == 0) {
            throw new Stopping(failure);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping.countDown();
    }

    private ReceivedEvent read(ConsumerRecord<String, String> record) {
        ReceivedEvent event = ReceivedEvent.from(record, mapper);
        if (event.version() != READS_VERSION) {
            // applying a v2 as if it were v1 could misread a changed field silently
            throw new MalformedEventException("event " + event.id() + " is " + event.type()
                    + ".v" + event.version() + "; this consumer reads v" + READS_VERSION + " only (upgrade it, then replay)");
        }
        return event;
    }

    private void apply(ReceivedEvent event, Consumer<ReceivedEvent> handler) {
        handler.accept(event);
        // per replica: shows how the consumer group shares the work (a redelivery counts nothing)
        counters.increment("qinqing.events.applied", "publisher", event.publisher(), "event", event.name());
    }

    /** Runs the work with the grievance id in the MDC and a span continuing the record's trace. */
    private void applying(ConsumerRecord<String, String> record, ReceivedEvent event, Runnable work) {
        Span span = tracer.spanBuilder("apply " + event.type())
                .setParent(TraceContext.of(record.headers()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.message.id", event.id().toString())
                .setAttribute("qinqing.grievance.id", event.grievanceId().toString())
                .startSpan();
        Object outerGrievance = MDC.put(MDC_GRIEVANCE_ID, event.grievanceId().toString());
        try (Scope scope = span.makeCurrent()) {
            work.run();
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

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, String> consumerRecord(KafkaRecord<String, String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> (ConsumerRecord<String, String>) metadata.getRecord())
                .orElseThrow(() -> new IllegalStateException("a batch record without its Kafka metadata"));
    }

    /** Records the events' ids; answers those not recorded before. */
    private Set<UUID> firstDeliveries(Collection<ReceivedEvent> events) {
        UUID[] ids = new UUID[events.size()];
        String[] types = new String[events.size()];
        int i = 0;
        for (ReceivedEvent event : events) {
            ids[i] = event.id();
            types[i++] = event.type() + ".v" + event.version();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO processed_event (event_id, type)
                        SELECT * FROM unnest(?::uuid[], ?::text[]) ON CONFLICT (event_id) DO NOTHING RETURNING event_id""")) {
            insert.setArray(1, connection.createArrayOf("uuid", ids));
            insert.setArray(2, connection.createArrayOf("text", types));
            Set<UUID> first = new HashSet<>();
            try (ResultSet inserted = insert.executeQuery()) {
                while (inserted.next()) {
                    first.add(inserted.getObject(1, UUID.class));
                }
            }
            return first;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record " + events.size() + " events", e);
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

    /** The service is stopping while a poll is being applied: the poll stays unacknowledged. */
    private static final class Stopping extends RuntimeException {
        Stopping(RuntimeException cause) {
            super("stopping", cause);
        }
    }
}
