package org.qinqing.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinqing.events.IdempotentConsumer;
import org.qinqing.notification.inbox.InboxMessage;
import org.qinqing.notification.testing.LocalServers;
import org.qinqing.platform.testing.PoisonEvents;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

/** Every topic notification reads: what it cannot apply goes to qinqing.notification.dead-letters, and it carries on. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(LocalServers.class)
class PoisonEventsTest {

    @Inject
    IdempotentConsumer consumer;

    @Test
    void poisonOnEveryTopic_isDeadLetteredWithItsReason_andTheNextEventIsApplied() {
        UUID id = UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            PoisonEvents poison = new PoisonEvents(probe, "notification", consumer::applied);
            System.out.println(poison.prove("intake", id, PoisonEvents.standard("intake", "rating-invited", id,
                    PoisonEvents.badField("intake", "rating-invited", "expiresAt an object", id, Map.of(
                            "link", "https://example.invalid/r/x", "expiresAt", Map.of("at", "2026-12-08T09:30:00")))),
                    "rating-invited", 5, Map.of("link", "https://example.invalid/r/abc", "expiresAt", "2026-12-08T09:30:00Z")));
            System.out.println(poison.prove("routing", id, PoisonEvents.standard("routing", "dispatched", id),
                    "dispatched", 1, Map.of("round", 1, "reason", "规则匹配",
                            "lead", Map.of("code", "HZ-JRB", "name", "杭州市地方金融管理局"))));
            System.out.println(poison.prove("deadline", id, PoisonEvents.standard("deadline", "warning", id,
                    PoisonEvents.badField("deadline", "deadline-set", "dueAt an object", id,
                            Map.of("clock", "REPLY", "dueAt", Map.of("at", "2026-12-08T09:30:00", "zone", "Asia/Shanghai")))),
                    "warning", 1, Map.of("clock", "REPLY", "department", "HZ-JRB", "dueAt", "2026-11-30T09:30:00Z", "round", 1)));
        }
        // the department hears of the assignment and of the warning, once each; the poisons sent nothing
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> InboxMessage.count("grievanceId", id)) >= 2);
        assertEquals(2L, QuarkusTransaction.requiringNew().call(() -> InboxMessage.count("grievanceId", id)));
    }
}
