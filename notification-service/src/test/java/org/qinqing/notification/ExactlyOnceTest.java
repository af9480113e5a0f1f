package org.qinqing.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinqing.notification.delivery.Delivery;
import org.qinqing.notification.inbox.InboxMessage;
import org.qinqing.notification.testing.LocalServers;
import org.qinqing.notification.testing.Samples;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

/**
 * One delivery per (event, recipient, channel), however often an event comes: the topic's records are replayed
 * as they were (same CloudEvent ids), and replayed again after the consumer's own record of them is lost.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(LocalServers.class)
class ExactlyOnceTest {

    @Test
    void replayingTheTopics_deliversNothingTwice() throws Exception {
        UUID id = UUID.randomUUID();
        String phone = Samples.phone();
        String email = "once" + Samples.tag() + "@qingyuan.example.cn";
        List<Samples.Raw> records = new ArrayList<>();
        records.add(Samples.raw("intake", "accepted", id, 2, Samples.accepted(Samples.USCC, "QQ20261124000606", phone, email)));
        records.add(Samples.raw("routing", "dispatched", id, 1, Samples.dispatched(1, "HZ-JRB", "杭州市地方金融管理局", "330100", List.of())));
        records.add(Samples.raw("deadline", "deadline-set", id, 1, Map.of("clock", "REPLY", "round", 1, "department", "HZ-JRB",
                "dueAt", "2026-12-01T09:30:00Z", "provisional", false, "reason", "STARTED")));
        records.add(Samples.raw("deadline", "escalated", id, 2, Map.of("clock", "REPLY", "round", 1, "department", "HZ-JRB", "level", 1,
                "dueAt", "2026-12-01T09:30:00Z", "target", "SUPERVISORS", "targetRegion", "330100")));
        Samples.publish(records);
        // receipt and dispatch by SMS, e-mail and inbox; assignment, overdue, escalation in the inbox
        await().atMost(Duration.ofSeconds(30)).until(() -> Samples.deliveries(id).stream()
                .filter(d -> d.status == Delivery.Status.SENT).count() == 9);
        Map<String, Long> before = counts(id, phone, email);

        Samples.publish(records);
        Samples.awaitTopicsApplied();
        Thread.sleep(1500);
        assertEquals(before, counts(id, phone, email), "redelivered events change nothing");

        QuarkusTransaction.requiringNew().run(() -> Delivery.getEntityManager()
                .createNativeQuery("DELETE FROM processed_event WHERE event_id IN (:ids)")
                .setParameter("ids", records.stream().map(r -> UUID.fromString(r.id())).toList()).executeUpdate());
        Samples.publish(records);
        Samples.awaitTopicsApplied();
        Thread.sleep(1500);
        assertEquals(before, counts(id, phone, email),
                "even when the consumer forgot it applied them, the (event, recipient, channel) key holds");
    }

    /** What one grievance's events caused: deliveries, inbox messages, SMS requests, mails, delivered events. */
    static Map<String, Long> counts(UUID id, String phone, String email) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("deliveries", (long) Samples.deliveries(id).size());
        counts.put("inbox", QuarkusTransaction.requiringNew().call(() -> InboxMessage.count("grievanceId", id)));
        counts.put("sms requests", (long) LocalServers.gateway().requests("/sms", phone).size());
        counts.put("mails", java.util.Arrays.stream(LocalServers.mail().getReceivedMessages())
                .filter(m -> RecipientRulesTest.addressedTo(m, email)).count());
        try (TopicProbe probe = Samples.probe()) {
            counts.put("delivered events", probe.read("qinqing.notification.events", Duration.ofSeconds(5), read -> false)
                    .stream().filter(e -> id.toString().equals(e.key())).count());
        }
        return counts;
    }
}
