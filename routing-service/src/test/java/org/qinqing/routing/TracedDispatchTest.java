package org.qinqing.routing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.qinqing.platform.testing.RealInfrastructure;

/**
 * Operations (issue 10): with tracing on, a dispatch continues the trace of the {@code accepted} event that
 * caused it (its {@code traceparent} header), and the domain counter counts the dispatch.
 */
@QuarkusTest
@TestProfile(TracedDispatchTest.TracingOn.class)
@WithTestResource(RealInfrastructure.class)
class TracedDispatchTest {

    /** Tracing as production runs it, minus the exporter's traffic: spans are made, batches wait an hour. */
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "1h");
        }
    }

    private static final Pattern DISPATCHED_ACCEPTED = Pattern.compile(
            "(?m)^qinqing_grievances_dispatched_total\\{[^}]*cause=\"ACCEPTED\"[^}]*} ([0-9.]+)( #.*)?$");

    @Test
    void dispatchContinuesTheTraceOfTheAcceptedEvent_andIsCounted() throws Exception {
        double before = dispatchedCount();
        UUID id = UUID.randomUUID();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parentSpan = "00f067aa0ba902b7";
        Map<String, Object> data = new HashMap<>(RoutingFixtures.accepted("HELP_REQUEST", "FINANCING", "330106",
                "贷款贴息申请没有答复"));
        data.put("grievanceId", id.toString());
        data.put("sequence", 2);
        data.put("occurredAt", Instant.now().toString());
        data.put("actor", Map.of("role", "system"));
        String bootstrap = RealInfrastructure.broker().bootstrapServers();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap), new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>("qinqing.intake.events", id.toString(),
                    new ObjectMapper().writeValueAsString(data));
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", UUID.randomUUID().toString());
            header(record, "ce_type", "cn.qinqing.intake.accepted.v1");
            header(record, "ce_source", "/qinqing/intake");
            header(record, "ce_subject", id.toString());
            header(record, "traceparent", "00-" + traceId + "-" + parentSpan + "-01");
            producer.send(record).get(30, TimeUnit.SECONDS);
        }

        ConsumerRecord<String, String> dispatched = firstRoutingRecordOf(bootstrap, id);
        assertEquals("cn.qinqing.routing.dispatched.v1", text(dispatched.headers().lastHeader("ce_type")));
        String traceparent = text(dispatched.headers().lastHeader("traceparent"));
        assertNotNull(traceparent, "the dispatched record carries a traceparent header");
        String[] parts = traceparent.split("-");
        assertEquals(traceId, parts[1], "same trace as the accepted event");
        assertNotEquals(parentSpan, parts[2], "a span of routing's own, child of intake's");
        // counted once the transaction has committed, which may be a moment after the relay published
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(before + 1, dispatchedCount(),
                "qinqing_grievances_dispatched_total{cause=ACCEPTED} counted it"));
    }

    private static double dispatchedCount() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = DISPATCHED_ACCEPTED.matcher(metrics);
        if (!m.find()) {
            metrics.lines().filter(line -> line.startsWith("qinqing_")).forEach(System.out::println);
            return 0;
        }
        return Double.parseDouble(m.group(1));
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<String, String> firstRoutingRecordOf(String bootstrap, UUID id) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "trace-probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("qinqing.routing.events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (id.toString().equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no routing event for " + id + " within 30 s");
    }
}
