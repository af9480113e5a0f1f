package org.qinqing.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ClocksFromEventsTest {

    @Test
    void dispatchedBeforeAccepted_stillStartsSignForAndReplyClocks_countedFromTheDispatch() {
        UUID id = UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            // Friday 13 Feb 2026, 10:00 in Shanghai
            probe.publish("routing", "dispatched", id, 1, Map.of("occurredAt", "2026-02-13T02:00:00Z", "round", 1,
                    "lead", Map.of("code", "HZ-JRB", "name", "杭州市地方金融管理局", "kind", "ORDINARY", "level", "CITY",
                            "region", "330100", "regionChain", List.of("330100", "330000"))));
            probe.publish("intake", "accepted", id, 2, Map.of("category", "HELP_REQUEST", "urgency", "NORMAL",
                    "regionCode", "330106", "subjectArea", "FINANCING"));

            List<TopicProbe.Event> set = probe.read("qinqing.deadline.events", Duration.ofSeconds(30),
                    read -> read.stream().filter(e -> id.toString().equals(e.key())).count() >= 2)
                    .stream().filter(e -> id.toString().equals(e.key())).toList();
            Map<String, String> dueByClock = set.stream().collect(Collectors.toMap(
                    e -> e.data().get("clock").asText(), e -> e.data().get("dueAt").asText()));
            assertEquals("cn.qinqing.deadline.deadline-set.v1", set.get(0).type());
            // sign for: 1 working day, and Saturday 14 Feb is a make-up working day
            assertEquals("2026-02-14T09:30:00Z", dueByClock.get("SIGN_FOR"));
            // reply to a help request: 5 working days across the Spring Festival
            assertEquals("2026-02-27T09:30:00Z", dueByClock.get("REPLY"));
            assertEquals("HZ-JRB", set.get(0).data().get("department").asText());
        }
    }
}
