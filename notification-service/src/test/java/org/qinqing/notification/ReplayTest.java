package org.qinqing.notification;

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
import org.qinqing.notification.testing.LocalServers;
import org.qinqing.notification.testing.Samples;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.Replay;
import org.qinqing.platform.testing.TopicProbe;

/** Every record of every topic notification reads, delivered again with its id, changes nothing in its database. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(LocalServers.class)
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
                probe.publish("routing", "dispatched", id, 1, Map.of("round", 1, "reason", "规则匹配",
                        "lead", Map.of("code", "HZ-JRB", "name", "杭州市地方金融管理局")));
                probe.publish("deadline", "warning", id, 1, Map.of("clock", "REPLY", "department", "HZ-JRB",
                        "dueAt", "2026-11-30T09:30:00Z", "round", 1));
                last = UUID.fromString(probe.publish("deadline", "escalated", id, 2, Map.of("clock", "REPLY",
                        "department", "HZ-JRB", "level", 1, "dueAt", "2026-11-30T09:30:00Z", "target", "SUPERVISORS",
                        "targetRegion", "330100", "round", 1)));
            }
        }
        UUID lastId = last;
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.applied(lastId));
        System.out.println(new Replay(RealInfrastructure.broker().bootstrapServers()).prove("notification",
                Samples.CONSUMED_TOPICS, this::snapshot));
    }

    Map<String, List<String>> snapshot() {
        try (Connection connection = dataSource.getConnection()) {
            return Replay.snapshot(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
