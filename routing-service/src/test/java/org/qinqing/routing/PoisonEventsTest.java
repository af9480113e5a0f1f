package org.qinqing.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinqing.events.IdempotentConsumer;
import org.qinqing.platform.testing.PoisonEvents;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;
import org.qinqing.routing.dispatch.Assignment;

/** Every topic routing reads: what it cannot apply goes to qinqing.routing.dead-letters, and it carries on. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class PoisonEventsTest {

    @Inject
    IdempotentConsumer consumer;

    @Test
    void poisonOnEveryTopic_isDeadLetteredWithItsReason_andTheNextEventIsApplied() {
        UUID id = UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            PoisonEvents poison = new PoisonEvents(probe, "routing", consumer::applied);
            System.out.println(poison.prove("intake", id, PoisonEvents.standard("intake", "accepted", id),
                    "accepted", 2, DispatchingAcceptedGrievancesTest.accepted("FINANCING", "330106")));
            System.out.println(poison.prove("deadline", id, PoisonEvents.standard("deadline", "deadline-set", id,
                    PoisonEvents.badField("deadline", "deadline-set", "dueAt an object", id,
                            Map.of("clock", "REPLY", "dueAt", Map.of("at", "2026-12-08T09:30:00", "zone", "Asia/Shanghai")))),
                    "deadline-set", 1, Map.of("clock", "REPLY", "dueAt", "2026-12-08T09:30:00Z", "provisional", false)));
            // the valid accepted was dispatched once; the v2 accepted dispatched nothing
            long dispatches = probe.read("qinqing.routing.events", Duration.ofSeconds(3), read -> false).stream()
                    .filter(e -> id.toString().equals(e.key()) && e.type().endsWith(".dispatched.v1")).count();
            assertEquals(1, dispatches);
        }
        Assignment a = Assignment.findById(id);
        assertEquals("HZ-JRB", a.leadDepartmentCode);
        assertEquals(Instant.parse("2026-12-08T09:30:00Z"), a.replyDueAt);
    }
}
