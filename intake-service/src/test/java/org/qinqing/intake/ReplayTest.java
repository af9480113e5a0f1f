package org.qinqing.intake;

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

/** Every record of every topic intake reads, delivered again with its id, changes nothing in intake's database. */
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
                UUID id = StoredGrievances.accepted(SubmittingGrievanceTest.USCC);
                probe.publish("routing", "dispatched", id, 1, Map.of("round", 1, "reason", "规则匹配",
                        "lead", Map.of("code", "XH-SCJG", "name", "西湖区市场监督管理局")));
                probe.publish("deadline", "deadline-set", id, 1, Map.of("clock", "REPLY", "dueAt", "2026-12-08T09:30:00Z"));
                probe.publish("routing", "signed", id, 2, Map.of("department", "XH-SCJG", "round", 1));
                probe.publish("routing", "replied", id, 3, Map.of("department", "XH-SCJG", "round", 1, "text", "已办结"));
                last = UUID.fromString(probe.publish("notification", "delivered", id, 1,
                        Map.of("channel", "SMS", "recipient", "138****0000")));
            }
        }
        UUID lastId = last;
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.applied(lastId));
        System.out.println(new Replay(RealInfrastructure.broker().bootstrapServers()).prove("intake",
                List.of("qinqing.routing.events", "qinqing.deadline.events", "qinqing.notification.events"), this::snapshot));
    }

    Map<String, List<String>> snapshot() {
        try (Connection connection = dataSource.getConnection()) {
            return Replay.snapshot(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
