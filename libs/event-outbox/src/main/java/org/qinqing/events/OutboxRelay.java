package org.qinqing.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to the service's topic (channel {@code events-out}) in id order, keyed by
 * grievance id, as binary-mode CloudEvents, and deletes them once the broker acknowledged them.
 *
 * <p>One relay per service publishes at a time (a PostgreSQL advisory lock), so several replicas never
 * reorder one grievance's events. A crash between the broker's acknowledgement and the delete publishes a
 * batch again; consumers drop the repeat by its CloudEvent id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final Emitter<String> emitter;
    private final EventsConfig config;
    private final Counter published;
    private final Semaphore wakeSignal = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(DataSource dataSource,
            @Channel("events-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000) Emitter<String> emitter,
            EventsConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.emitter = emitter;
        this.config = config;
        this.published = Counter.builder("qinqing.outbox.published")
                .description("events the outbox relay handed to the broker and saw acknowledged")
                .register(registry);
    }

    void start(@Observes StartupEvent started) {
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }

    /** Called after a commit that wrote outbox rows, so events leave without waiting for the next poll. */
    void wake() {
        if (wakeSignal.availablePermits() == 0) {
            wakeSignal.release();
        }
    }

    private void run() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try {
                int count = publishBatch();
                backoff = Duration.ofMillis(200);
                if (count >= config.relayBatchSize()) {
                    continue;
                }
                wakeSignal.tryAcquire(config.relayPollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeSignal.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("outbox relay could not publish, retrying in %s: %s", backoff, e.toString());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private record Row(long id, String eventId, String grievanceId, String type, java.sql.Timestamp occurredAt,
            String payload, String traceparent) {
    }

    int publishBatch() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!holdsRelayLock(connection)) {
                    connection.rollback();
                    return 0;
                }
                List<Row> rows = pending(connection);
                if (!rows.isEmpty()) {
                    List<CompletableFuture<Void>> acks = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        acks.add(send(row));
                    }
                    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                            .get(config.relayAckTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    delete(connection, rows);
                }
                connection.commit();
                published.increment(rows.size());
                return rows.size();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private boolean holdsRelayLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "qinqing-outbox-relay:" + config.service());
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private List<Row> pending(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, event_id, grievance_id, type, occurred_at, payload, traceparent FROM outbox_event ORDER BY id LIMIT ?")) {
            select.setInt(1, config.relayBatchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5), rs.getString(6), rs.getString(7)));
                }
            }
        }
        return rows;
    }

    private CompletableFuture<Void> send(Row row) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(row.eventId())
                .withType(row.type())
                .withSource(URI.create(CloudEventTypes.source(config.service())))
                .withSubject(row.grievanceId())
                .withTimestamp(ZonedDateTime.ofInstant(row.occurredAt().toInstant(), ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        RecordHeaders headers = new RecordHeaders();
        if (row.traceparent() != null) {
            // the span that wrote the event, not the relay's: consumers continue the writer's trace
            headers.add(TraceContext.HEADER, row.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(row.grievanceId())
                .withHeaders(headers)
                .build();
        emitter.send(Message.of(row.payload(), Metadata.of(cloudEvent, kafka),
                () -> {
                    acknowledged.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    acknowledged.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acknowledged;
    }

    private static void delete(Connection connection, List<Row> rows) throws SQLException {
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox_event WHERE id = ANY (?)")) {
            Array array = connection.createArrayOf("bigint", ids);
            delete.setArray(1, array);
            delete.executeUpdate();
        }
    }
}
