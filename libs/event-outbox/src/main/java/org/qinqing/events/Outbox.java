package org.qinqing.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes an event into the service's outbox table inside the caller's transaction, so the state change and
 * the event commit or roll back together; {@link OutboxRelay} publishes it after the commit.
 */
@ApplicationScoped
public class Outbox {

    private static final String WAKE_KEY = Outbox.class.getName() + ".wake";

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final EventsConfig config;

    public Outbox(DataSource dataSource, ObjectMapper mapper, TransactionSynchronizationRegistry transactions,
            OutboxRelay relay, EventsConfig config) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.transactions = transactions;
        this.relay = relay;
        this.config = config;
    }

    /**
     * Appends one event about a grievance. The payload is a record annotated with {@link EventName}; the
     * envelope fields every event carries (grievanceId, sequence, occurredAt, actor) are added here.
     *
     * @return the CloudEvent id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(UUID grievanceId, Actor actor, Object payload) {
        EventName name = payload.getClass().getAnnotation(EventName.class);
        if (name == null) {
            throw new IllegalArgumentException(payload.getClass() + " is not annotated with @EventName");
        }
        UUID eventId = UUID.randomUUID();
        Instant occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String type = CloudEventTypes.type(config.service(), name.value(), name.version());
        try (Connection connection = dataSource.getConnection()) {
            long sequence = nextSequence(connection, grievanceId);
            ObjectNode data = mapper.createObjectNode();
            data.put("grievanceId", grievanceId.toString());
            data.put("sequence", sequence);
            data.put("occurredAt", occurredAt.toString());
            data.set("actor", mapper.valueToTree(actor));
            data.setAll((ObjectNode) mapper.valueToTree(payload));
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO outbox_event (event_id, grievance_id, type, occurred_at, payload, traceparent) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, eventId);
                insert.setObject(2, grievanceId);
                insert.setString(3, type);
                insert.setTimestamp(4, Timestamp.from(occurredAt));
                insert.setString(5, mapper.writeValueAsString(data));
                insert.setString(6, TraceContext.current());
                insert.executeUpdate();
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not write " + type + " to the outbox", e);
        }
        wakeRelayAfterCommit();
        return eventId;
    }

    /** The grievance's next sequence number within this publisher; the row lock orders concurrent writers. */
    private static long nextSequence(Connection connection, UUID grievanceId) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO event_sequence (grievance_id, last_sequence) VALUES (?, 1)
                ON CONFLICT (grievance_id) DO UPDATE SET last_sequence = event_sequence.last_sequence + 1
                RETURNING last_sequence""")) {
            upsert.setObject(1, grievanceId);
            try (ResultSet rs = upsert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void wakeRelayAfterCommit() {
        if (transactions.getResource(WAKE_KEY) != null) {
            return;
        }
        transactions.putResource(WAKE_KEY, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
