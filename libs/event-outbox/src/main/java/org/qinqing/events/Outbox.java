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
    /**
     * The grievance's next sequence number within this publisher and the row, in one round trip; the sequence
     * row's lock orders concurrent writers of one grievance.
     */
    private static final String APPEND = """
            WITH next AS (
                INSERT INTO event_sequence (grievance_id, last_sequence) VALUES (?, 1)
                ON CONFLICT (grievance_id) DO UPDATE SET last_sequence = event_sequence.last_sequence + 1
                RETURNING last_sequence)
            INSERT INTO outbox_event (event_id, grievance_id, type, occurred_at, payload, traceparent)
            SELECT ?, ?, ?, ?, ? || next.last_sequence || ?, ? FROM next""";

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
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(APPEND)) {
            // the payload is the envelope with the sequence that the statement draws spliced in
            ObjectNode rest = mapper.createObjectNode();
            rest.put("occurredAt", occurredAt.toString());
            rest.set("actor", mapper.valueToTree(actor));
            rest.setAll((ObjectNode) mapper.valueToTree(payload));
            insert.setObject(1, grievanceId);
            insert.setObject(2, eventId);
            insert.setObject(3, grievanceId);
            insert.setString(4, type);
            insert.setTimestamp(5, Timestamp.from(occurredAt));
            insert.setString(6, "{\"grievanceId\":\"" + grievanceId + "\",\"sequence\":");
            insert.setString(7, "," + mapper.writeValueAsString(rest).substring(1));
            insert.setString(8, TraceContext.current());
            insert.executeUpdate();
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not write " + type + " to the outbox", e);
        }
        wakeRelayAfterCommit();
        return eventId;
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
