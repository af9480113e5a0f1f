package org.qinqing.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies each event once: the handler runs in a new transaction that also records the event's id, so a
 * redelivered event (after a crash, a rebalance, a replay of the topic) changes nothing. The transaction first
 * takes the grievance's lock ({@link GrievanceLocks}), so handlers of one grievance never interleave. A handler
 * that throws rolls back both, and the record goes to the channel's failure strategy (the dead-letter topic).
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final GrievanceLocks locks;

    public IdempotentConsumer(DataSource dataSource, ObjectMapper mapper, GrievanceLocks locks) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.locks = locks;
    }

    public void consume(ConsumerRecord<String, String> record, Consumer<ReceivedEvent> handler) {
        ReceivedEvent event = ReceivedEvent.from(record, mapper);
        QuarkusTransaction.requiringNew().run(() -> {
            locks.lock(event.grievanceId());
            if (!firstDelivery(event)) {
                LOG.debugf("already applied %s", event);
                return;
            }
            handler.accept(event);
        });
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
