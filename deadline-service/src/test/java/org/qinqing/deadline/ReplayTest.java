package org.qinqing.deadline;

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

/** Every record of every topic deadline-service reads, delivered again with its id, changes nothing in its database. */
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
        Map<String, Object> lead = Map.of("code", "HZ-JRB", "name", "杭州市地方金融管理局", "kind", "ORDINARY",
                "level", "CITY", "region", "330100", "regionChain", List.of("330100", "330000"));
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            for (int i = 0; i < 3; i++) {
                UUID id = UUID.randomUUID();
                probe.publish("intake", "accepted", id, 2, Map.of("category", "HELP_REQUEST", "urgency", "NORMAL",
                        "regionCode", "330106", "subjectArea", "FINANCING"));
                probe.publish("routing", "dispatched", id, 1, Map.of("round", 1, "lead", lead));
                last = UUID.fromString(probe.publish("routing", "signed", id, 2, Map.of("department", "HZ-JRB", "round", 1)));
            }
        }
        UUID lastId = last;
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.applied(lastId));
        System.out.println(new Replay(RealInfrastructure.broker().bootstrapServers()).prove("deadline",
                List.of("qinqing.intake.events", "qinqing.routing.events"), this::snapshot));
    }

    Map<String, List<String>> snapshot() {
        try (Connection connection = dataSource.getConnection()) {
            return Replay.snapshot(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
