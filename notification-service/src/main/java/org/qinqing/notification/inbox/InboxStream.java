package org.qinqing.notification.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The live inbox: a new message is announced with PostgreSQL {@code NOTIFY} inside the transaction that wrote
 * it, so only committed messages are announced, and every replica {@code LISTEN}s and pushes them to the
 * streams its users hold open, whichever replica consumed the event. The announcement names the message and its
 * principal ({@code <id> <principal>}); a replica reads the message only when one of its streams follows that
 * principal, so the thousands of messages nobody is watching cost no query (NotificationBenchmark).
 */
@ApplicationScoped
public class InboxStream {

    private static final Logger LOG = Logger.getLogger(InboxStream.class);
    /** Where messages are announced: {@code SELECT pg_notify(CHANNEL, <ANNOUNCEMENT_SQL>)} over the written rows. */
    public static final String CHANNEL = "inbox_message";
    /** The announcement of an {@code inbox_message} row ({@code id}, {@code principal}): {@code <id> <principal>}. */
    public static final String ANNOUNCEMENT_SQL = "id::text || ' ' || principal";

    private final DataSource dataSource;
    private final BroadcastProcessor<InboxMessage> broadcast = BroadcastProcessor.create();
    /** How many open streams follow each principal on this replica. */
    private final Map<String, Integer> followed = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread listener;

    public InboxStream(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The messages addressed to any of these principals, from now on. */
    public Multi<InboxMessage> follow(List<String> principals) {
        return broadcast.filter(m -> principals.contains(m.principal))
                .onSubscription().invoke(() -> principals.forEach(p -> followed.merge(p, 1, Integer::sum)))
                .onTermination().invoke(() -> principals.forEach(p -> followed.computeIfPresent(p, (k, n) -> n > 1 ? n - 1 : null)));
    }

    void start(@Observes StartupEvent started) {
        running = true;
        listener = Thread.ofPlatform().name("inbox-listen").daemon().start(this::listen);
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            String[] announced = n.getParameter().split(" ", 2);
                            if (announced.length < 2 || followed.containsKey(announced[1])) {
                                push(UUID.fromString(announced[0]));
                            }
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("inbox listener lost its connection; reconnecting", e);
                    sleep();
                }
            }
        }
    }

    private void push(UUID messageId) {
        InboxMessage message = QuarkusTransaction.requiringNew().call(() -> InboxMessage.findById(messageId));
        if (message != null) {
            broadcast.onNext(message);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
