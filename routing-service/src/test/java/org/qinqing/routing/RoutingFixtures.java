package org.qinqing.routing;

import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;
import org.qinqing.routing.dispatch.Assignment;

/** Accepted grievances published as intake would, and reading what routing published about them. */
final class RoutingFixtures {

    private RoutingFixtures() {
    }

    static Map<String, Object> accepted(String category, String subjectArea, String region, String title) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("category", category);
        fields.put("subjectArea", subjectArea);
        fields.put("urgency", "NORMAL");
        fields.put("regionCode", region);
        fields.put("title", title);
        fields.put("content", "请尽快协调处理。");
        fields.put("uscc", "91330106MA2B2C3D4W");
        fields.put("trackingNumber", "QQ20261124000001");
        return fields;
    }

    static TopicProbe probe() {
        return new TopicProbe(RealInfrastructure.broker().bootstrapServers());
    }

    /** Publishes {@code accepted} and waits until routing has dispatched (or queued) the grievance. */
    static UUID acceptedAndRouted(Map<String, Object> fields) {
        UUID id = UUID.randomUUID();
        try (TopicProbe probe = probe()) {
            probe.publish("intake", "accepted", id, 2, fields);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> assignment(id) != null);
        return id;
    }

    static Assignment assignment(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Assignment.<Assignment>findById(id));
    }

    static List<TopicProbe.Event> routingEvents(UUID id, int atLeast) {
        try (TopicProbe probe = probe()) {
            return probe.read("qinqing.routing.events", Duration.ofSeconds(30),
                    read -> read.stream().filter(e -> id.toString().equals(e.key())).count() >= atLeast)
                    .stream().filter(e -> id.toString().equals(e.key())).toList();
        }
    }
}
