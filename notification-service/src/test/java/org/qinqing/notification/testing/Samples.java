package org.qinqing.notification.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.qinqing.events.IdempotentConsumer;
import org.qinqing.notification.channel.ChannelKind;
import org.qinqing.notification.delivery.Delivery;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.Replay;
import org.qinqing.platform.testing.TopicProbe;

/** Real sample events, shaped as the publishing services write them, and what the tests read back. */
public final class Samples {

    public static final String USCC = "91330106MA2B2C3D4W";
    /** Notification's consumer group and the topics it reads. */
    public static final String CONSUMER_GROUP = "notification-service";
    public static final List<String> CONSUMED_TOPICS = List.of("qinqing.intake.events", "qinqing.routing.events",
            "qinqing.deadline.events");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A record as it went on a topic, to publish again unchanged (same CloudEvent id): a replay. */
    public record Raw(String topic, String id, String type, String source, String data) {
    }

    private Samples() {
    }

    public static TopicProbe probe() {
        return new TopicProbe(RealInfrastructure.broker().bootstrapServers());
    }

    public static String publish(String service, String event, UUID grievanceId, long sequence, Map<String, Object> fields) {
        try (TopicProbe probe = probe()) {
            return probe.publish(service, event, grievanceId, sequence, fields);
        }
    }

    public static Raw raw(String service, String event, UUID id, long sequence, Map<String, Object> fields) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("grievanceId", id.toString());
        data.put("sequence", sequence);
        data.put("occurredAt", Instant.now().toString());
        data.put("actor", Map.of("role", "system"));
        data.putAll(fields);
        try {
            return new Raw("qinqing." + service + ".events", UUID.randomUUID().toString(),
                    "cn.qinqing." + service + "." + event + ".v1", "/qinqing/" + service, JSON.writeValueAsString(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void publish(List<Raw> records) {
        try (TopicProbe probe = probe()) {
            for (Raw r : records) {
                probe.publishRaw(r.topic(), JSON.readTree(r.data()).get("grievanceId").asText(), r.id(), r.type(),
                        r.source(), r.data());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until notification's consumer group has committed everything on the three topics it reads: then every
     * event published before has been applied, or skipped as not for notification. (Skipped events leave no row, so
     * the barrier is the group's offsets; the test profile commits them every 100 ms.)
     */
    public static void awaitTopicsApplied() {
        Replay offsets = new Replay(RealInfrastructure.broker().bootstrapServers());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(
                () -> offsets.lag(CONSUMER_GROUP, CONSUMED_TOPICS) == 0);
    }

    public static void awaitApplied(IdempotentConsumer consumer, List<UUID> eventIds) {
        await().atMost(Duration.ofSeconds(30)).until(() -> eventIds.stream()
                .allMatch(e -> QuarkusTransaction.requiringNew().call(() -> consumer.applied(e))));
    }

    /** A phone number no other test uses, so the gateway's script for it touches this test only. */
    public static String phone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    public static String tag() {
        return Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
    }

    /** intake's {@code accepted} of an enterprise's grievance, with the contact for notifications. */
    public static Map<String, Object> accepted(String uscc, String trackingNumber, String phone, String email) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("name", "张伟");
        if (phone != null) {
            contact.put("phone", phone);
        }
        if (email != null) {
            contact.put("email", email);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("trackingNumber", trackingNumber);
        fields.put("title", "融资贷款审批迟迟没有结果");
        fields.put("content", "我公司申请的科技贷款已提交两个月，至今没有回复。");
        fields.put("category", "HELP_REQUEST");
        fields.put("subjectArea", "FINANCING");
        fields.put("urgency", "NORMAL");
        fields.put("regionCode", "330106");
        fields.put("channel", "WEB");
        fields.put("uscc", uscc);
        fields.put("enterpriseName", "杭州清源科技有限公司");
        fields.put("enterpriseSize", "SMALL");
        fields.put("ownership", "PRIVATE");
        fields.put("contact", contact);
        return fields;
    }

    /** intake's {@code accepted} of a tip-off: no USCC, no contact, an opaque reporterRef (PLATFORM.md §4). */
    public static Map<String, Object> acceptedTipOff(UUID id, String trackingNumber) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("trackingNumber", trackingNumber);
        fields.put("title", "窗口工作人员索要好处费");
        fields.put("content", "办理许可证时被要求另付费用。");
        fields.put("category", "TIP_OFF");
        fields.put("subjectArea", "FEES_AND_CHARGES");
        fields.put("urgency", "NORMAL");
        fields.put("regionCode", "330106");
        fields.put("channel", "WEB");
        fields.put("respondentDepartment", "XH-SCJ");
        fields.put("reporterRef", "reporter:" + id);
        return fields;
    }

    public static Map<String, Object> dispatched(int round, String leadCode, String leadName, String leadRegion,
            List<Map<String, Object>> coHandling) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("round", round);
        fields.put("cause", "ACCEPTED");
        fields.put("lead", department(leadCode, leadName, leadRegion));
        fields.put("coHandling", coHandling);
        fields.put("rule", Map.of("id", "R-FIN-01", "description", "融资类诉求由地方金融管理部门办理"));
        fields.put("reason", "规则 R-FIN-01 匹配：融资");
        return fields;
    }

    /** deadline's {@code urged}; {@code department} (the one whose clock was urged) may be null, as before it was named. */
    public static Map<String, Object> urged(String department) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("urgingId", UUID.randomUUID().toString());
        fields.put("text", "请于明日前反馈进展。");
        if (department != null) {
            fields.put("department", department);
        }
        return fields;
    }

    /** deadline's {@code supervision-issued} (督办); {@code department} may be null, as in {@link #urged}. */
    public static Map<String, Object> supervisionIssued(String department) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("supervisionId", UUID.randomUUID().toString());
        fields.put("text", "列为督办件");
        fields.put("completionDate", "2026-12-04");
        fields.put("dueAt", "2026-12-04T09:30:00Z");
        if (department != null) {
            fields.put("department", department);
        }
        return fields;
    }

    public static Map<String, Object> department(String code, String name, String region) {
        return Map.of("code", code, "name", name, "kind", "FUNCTIONAL", "level", "CITY", "region", region,
                "regionChain", List.of(region, region.substring(0, 2) + "0000"));
    }

    public static List<Delivery> deliveries(UUID grievanceId) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>list("grievanceId", grievanceId));
    }

    public static Delivery delivery(UUID grievanceId, ChannelKind channel, String recipientPrefix) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>find(
                "grievanceId = ?1 and channel = ?2 and recipient like ?3", grievanceId, channel, recipientPrefix + "%")
                .firstResult());
    }

    public static Delivery delivery(UUID grievanceId, ChannelKind channel, String recipientPrefix, String kind) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>find(
                "grievanceId = ?1 and channel = ?2 and recipient like ?3 and kind = ?4", grievanceId, channel,
                recipientPrefix + "%", kind).firstResult());
    }
}
