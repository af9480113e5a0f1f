package org.qinqing.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinqing.events.IdempotentConsumer;
import org.qinqing.intake.grievance.Grievance;
import org.qinqing.intake.grievance.GrievanceStatus;
import org.qinqing.intake.grievance.TimelineEntry;
import org.qinqing.platform.testing.PoisonEvents;
import org.qinqing.platform.testing.PoisonEvents.Poison;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

/** Every topic intake reads: what it cannot apply goes to qinqing.intake.dead-letters, and it carries on. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class PoisonEventsTest {

    @Inject
    IdempotentConsumer consumer;

    @Test
    void poisonOnEveryTopic_isDeadLetteredWithItsReason_andTheNextEventIsApplied() {
        UUID id = StoredGrievances.accepted(SubmittingGrievanceTest.USCC);
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            PoisonEvents poison = new PoisonEvents(probe, "intake", consumer::applied);
            System.out.println(poison.prove("routing", id, with(PoisonEvents.standard("routing", "dispatched", id),
                    PoisonEvents.badField("routing", "info-requested", "infoRequestId no longer a UUID", id,
                            Map.of("infoRequestId", "IR-2026-17", "question", "请补充合同"))),
                    "dispatched", 1, Map.of("round", 1, "reason", "规则匹配",
                            "lead", Map.of("code", "XH-SCJG", "name", "西湖区市场监督管理局"))));
            System.out.println(poison.prove("deadline", id, with(PoisonEvents.standard("deadline", "deadline-set", id),
                    PoisonEvents.badField("deadline", "deadline-set", "dueAt an object", id,
                            Map.of("clock", "REPLY", "dueAt", Map.of("at", "2026-12-08T09:30:00", "zone", "Asia/Shanghai")))),
                    "deadline-set", 1, Map.of("clock", "REPLY", "dueAt", "2026-12-08T09:30:00Z", "provisional", false)));
            System.out.println(poison.prove("notification", id, with(PoisonEvents.standard("notification", "delivered", id),
                    PoisonEvents.badField("notification", "delivered", "occurredAt epoch millis", id,
                            Map.of("occurredAt", 1764000000000L, "channel", "SMS", "recipient", "138****0000"))),
                    "delivered", 1, Map.of("channel", "SMS", "recipient", "138****0000")));
        }
        // the valid events did their work, the poisons none
        Grievance g = Grievance.findById(id);
        assertEquals(GrievanceStatus.DISPATCHED, g.status);
        assertEquals(java.time.Instant.parse("2026-12-08T09:30:00Z"), g.replyDueAt);
        assertEquals(List.of("dispatched", "deadline-set", "delivered"),
                TimelineEntry.<TimelineEntry>list("grievanceId = ?1 order by id", id).stream().map(e -> e.step).toList());
    }

    static List<Poison> with(List<Poison> standard, Poison extra) {
        List<Poison> all = new ArrayList<>(standard);
        all.add(extra);
        return all;
    }
}
