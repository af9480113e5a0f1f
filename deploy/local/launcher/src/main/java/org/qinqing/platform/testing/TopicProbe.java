package org.qinqing.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes the platform's topics from a test, as another service would: binary-mode CloudEvents keyed
 * by grievance id.
 */
public final class TopicProbe implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event as it sits on a topic. */
    public record Event(String topic, String key, String id, String type, String source, String subject, JsonNode data) {
    }

    /**
     * A record on a dead-letter topic: the original record's value and CloudEvent headers, and SmallRye's reason
     * and the original record's place (topic, partition, offset).
     */
    public record DeadLetter(String key, String id, String type, String value, String originalTopic, String reason,
            String originalPartition, String originalOffset) {
    }

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    public TopicProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /** Publishes an event as {@code service} would; returns its CloudEvent id. */
    public String publish(String service, String eventName, UUID grievanceId, long sequence, Map<String, Object> fields) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("grievanceId", grievanceId.toString());
        data.put("sequence", sequence);
        data.put("occurredAt", Instant.now().toString());
        data.put("actor", Map.of("role", "system"));
        data.putAll(fields);
        String id = UUID.randomUUID().toString();
        try {
            publishRaw("qinqing." + service + ".events", grievanceId.toString(), id,
                    "cn.qinqing." + service + "." + eventName + ".v1", "/qinqing/" + service, JSON.writeValueAsString(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return id;
    }

    /** Publishes exactly these bytes and headers, for replays and poison events. */
    public void publishRaw(String topic, String key, String id, String type, String source, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        if (id != null) {
            record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_source", source.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_subject", key.getBytes(StandardCharsets.UTF_8));
            record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        }
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** Reads the topic from its beginning until {@code enough} holds for what was read, or the time is up. */
    public List<Event> read(String topic, Duration timeout, Predicate<List<Event>> enough) {
        return readFromBeginning(topic, timeout, enough, record -> new Event(topic, record.key(), header(record, "ce_id"),
                header(record, "ce_type"), header(record, "ce_source"), header(record, "ce_subject"), parse(record.value())));
    }

    /** Reads a dead-letter topic from its beginning until {@code enough} holds, or the time is up. */
    public List<DeadLetter> deadLetters(String topic, Duration timeout, Predicate<List<DeadLetter>> enough) {
        return readFromBeginning(topic, timeout, enough, record -> new DeadLetter(record.key(), header(record, "ce_id"),
                header(record, "ce_type"), record.value(), header(record, "dead-letter-topic"),
                header(record, "dead-letter-reason"), header(record, "dead-letter-partition"),
                header(record, "dead-letter-offset")));
    }

    private <T> List<T> readFromBeginning(String topic, Duration timeout, Predicate<List<T>> enough,
            Function<ConsumerRecord<String, String>, T> convert) {
        List<T> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !enough.test(read)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    read.add(convert.apply(record));
                }
            }
        }
        return read;
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
