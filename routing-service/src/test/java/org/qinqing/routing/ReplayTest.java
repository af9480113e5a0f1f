package org.qinqing.routing;

import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinqing.events.IdempotentConsumer;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.Replay;
import org.qinqing.platform.testing.TopicProbe;

/** Every record of every topic routing reads, delivered again with its id, changes nothing in routing's database. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ReplayTest {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyTopicReadAgainFromTheBeginning_changesNothing() {
        UUID last = null;
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            for (int i = 0; i < 3; i++) {
                UUID id = UUID.randomUUID();
                probe.publish("intake", "accepted", id, 2, DispatchingAcceptedGrievancesTest.accepted("FINANCING", "330106"));
                probe.publish("deadline", "deadline-set", id, 1, Map.of("clock", "REPLY", "dueAt", "2026-12-08T09:30:00Z"));
                probe.publish("deadline", "warning", id, 2, Map.of("clock", "REPLY", "dueAt", "2026-12-08T09:30:00Z"));
                last = UUID.fromString(probe.publish("intake", "rated", id, 3, Map.of("level", "SATISFIED", "solved", true)));
            }
        }
        UUID lastId = last;
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.applied(lastId));
        System.out.println(new Replay(RealInfrastructure.broker().bootstrapServers()).prove("routing",
                List.of("qinqing.intake.events", "qinqing.deadline.events"), this::snapshot));
    }

    Map<String, List<String>> snapshot() {
        try (Connection connection = dataSource.getConnection()) {
            return Replay.snapshot(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
