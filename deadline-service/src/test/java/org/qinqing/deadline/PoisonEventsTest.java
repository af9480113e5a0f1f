package org.qinqing.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinqing.deadline.clock.Clock;
import org.qinqing.deadline.clock.GrievanceCase;
import org.qinqing.events.IdempotentConsumer;
import org.qinqing.platform.testing.PoisonEvents;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

/** Every topic deadline-service reads: what it cannot apply goes to qinqing.deadline.dead-letters, and it carries on. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class PoisonEventsTest {

    @Inject
    IdempotentConsumer consumer;

    @Test
    void poisonOnEveryTopic_isDeadLetteredWithItsReason_andTheNextEventIsApplied() {
        UUID id = UUID.randomUUID();
        Map<String, Object> lead = Map.of("code", "HZ-JRB", "name", "杭州市地方金融管理局", "kind", "ORDINARY",
                "level", "CITY", "region", "330100", "regionChain", List.of("330100", "330000"));
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            PoisonEvents poison = new PoisonEvents(probe, "deadline", consumer::applied);
            System.out.println(poison.prove("intake", id, PoisonEvents.standard("intake", "accepted", id,
                    PoisonEvents.badField("intake", "accepted", "occurredAt epoch millis", id, Map.of(
                            "occurredAt", 1764000000000L, "category", "HELP_REQUEST", "urgency", "NORMAL", "regionCode", "330106"))),
                    "accepted", 1, Map.of("category", "HELP_REQUEST", "urgency", "NORMAL", "regionCode", "330106",
                            "subjectArea", "FINANCING")));
            System.out.println(poison.prove("routing", id, PoisonEvents.standard("routing", "dispatched", id,
                    PoisonEvents.badField("routing", "dispatched", "occurredAt epoch millis", id,
                            Map.of("occurredAt", 1764000000000L, "round", 2, "lead", lead))),
                    "dispatched", 1, Map.of("round", 1, "lead", lead)));
        }
        GrievanceCase c = GrievanceCase.findById(id);
        assertNotNull(c, "the valid accepted was applied");
        assertEquals("HELP_REQUEST", c.category);
        // one dispatch, round 1: a sign-for and a reply clock; the poisons (a v2 and a round 2) started none
        assertEquals(List.of("REPLY/1", "SIGN_FOR/1"), Clock.<Clock>list("grievanceId = ?1 order by kind", id).stream()
                .map(k -> k.kind + "/" + k.round).sorted().toList());
    }
}
