package org.qinqing.platform.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The poison-event proof every consumer runs on each topic it reads: records it cannot apply go to its
 * dead-letter topic with SmallRye's reason, an event type it does not know is skipped, and a valid event
 * published after them on the same partition (same key) is still applied, so the consumer did not stop.
 */
public final class PoisonEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record to publish; {@code deadLettered} says where it must end up (else: consumed and skipped). */
    public record Poison(String label, String type, String value, boolean ceHeaders, boolean deadLettered) {
    }

    private final TopicProbe probe;
    private final String consumer;
    private final String deadLetterTopic;
    private final Predicate<UUID> applied;

    /**
     * @param consumer the consuming service (intake, routing, deadline, notification)
     * @param applied whether the consumer recorded an event id as processed (its {@code IdempotentConsumer})
     */
    public PoisonEvents(TopicProbe probe, String consumer, Predicate<UUID> applied) {
        this.probe = probe;
        this.consumer = consumer;
        this.deadLetterTopic = "qinqing." + consumer + ".dead-letters";
        this.applied = applied;
    }

    /**
     * The records every consumer must cope with on {@code publisher}'s topic, about one grievance, using one of
     * the events it applies ({@code knownEvent}) for the "from the future" cases: no CloudEvent headers,
     * malformed JSON, an unknown event name (skipped), a v2 of the known event, and a grievance id that is no
     * longer a UUID; then the {@code extra} ones (usually a {@link #badField}).
     */
    public static List<Poison> standard(String publisher, String knownEvent, UUID grievanceId, Poison... extra) {
        String v1 = "cn.qinqing." + publisher + "." + knownEvent + ".v1";
        String base = "\"grievanceId\":\"" + grievanceId + "\",\"sequence\":900,\"occurredAt\":\"2026-11-24T02:00:00Z\","
                + "\"actor\":{\"role\":\"system\"}";
        List<Poison> poisons = new ArrayList<>(List.of(
                new Poison("no CloudEvent headers", null, "{" + base + "}", false, true),
                new Poison("malformed JSON", v1, "{" + base + ",\"round\":", true, true),
                new Poison("unknown type", "cn.qinqing." + publisher + ".frobnicated.v1", "{" + base + "}", true, false),
                new Poison("type from the future (v2)", "cn.qinqing." + publisher + "." + knownEvent + ".v2",
                        "{" + base + ",\"round\":{\"number\":1,\"of\":3}}", true, true),
                new Poison("grievanceId no longer a UUID", v1, "{\"grievanceId\":\"QQ-2026-000017\",\"sequence\":900,"
                        + "\"occurredAt\":\"2026-11-24T02:00:00Z\",\"actor\":{\"role\":\"system\"}}", true, true)));
        poisons.addAll(List.of(extra));
        return poisons;
    }

    /**
     * A v1 event whose data has a field in a shape the consumer cannot parse (a schema from the future);
     * {@code fields} replace the envelope's defaults (grievance id, sequence, occurredAt, actor).
     */
    public static Poison badField(String publisher, String event, String label, UUID grievanceId, Map<String, Object> fields) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("grievanceId", grievanceId.toString());
        data.put("sequence", 901);
        data.put("occurredAt", "2026-11-24T02:00:00Z");
        data.put("actor", Map.of("role", "system"));
        data.putAll(fields);
        try {
            return new Poison(label, "cn.qinqing." + publisher + "." + event + ".v1", JSON.writeValueAsString(data), true, true);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Publishes the poisons then a valid event on {@code publisher}'s topic, all keyed by the grievance; waits for
     * the valid event to be applied and for the poisons on the dead-letter topic; returns the one-line figure.
     */
    public String prove(String publisher, UUID grievanceId, List<Poison> poisons, String validEvent, long validSequence,
            Map<String, Object> validFields) {
        String topic = "qinqing." + publisher + ".events";
        Map<String, Poison> byNonce = new LinkedHashMap<>();
        for (Poison poison : poisons) {
            String nonce = "poison-" + UUID.randomUUID();
            UUID id = UUID.randomUUID();
            // the nonce finds the record on the dead-letter topic, whatever happened to its headers and JSON
            String value = poison.value().replaceFirst("\\{", "{\"probe\":\"" + nonce + "\",");
            probe.publishRaw(topic, grievanceId.toString(), poison.ceHeaders() ? id.toString() : null, poison.type(),
                    "/qinqing/" + publisher, value);
            byNonce.put(nonce, poison);
        }
        UUID valid = UUID.fromString(probe.publish(publisher, validEvent, grievanceId, validSequence, validFields));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!applied.test(valid)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(consumer + " did not apply the valid " + validEvent + " published after the poisons on " + topic);
            }
            sleep();
        }
        List<String> expected = byNonce.entrySet().stream().filter(e -> e.getValue().deadLettered()).map(Map.Entry::getKey).toList();
        List<TopicProbe.DeadLetter> letters = probe.deadLetters(deadLetterTopic, Duration.ofSeconds(30),
                read -> expected.stream().allMatch(nonce -> read.stream().anyMatch(l -> contains(l, nonce))));
        List<String> problems = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        int deadLettered = 0;
        int redelivered = 0;
        int skipped = 0;
        for (Map.Entry<String, Poison> entry : byNonce.entrySet()) {
            Poison poison = entry.getValue();
            List<TopicProbe.DeadLetter> found = letters.stream().filter(l -> contains(l, entry.getKey())).toList();
            if (poison.deadLettered()) {
                // the dead-letter topic is at least once: a rebalance before the offset's commit redelivers the
                // record and it is dead-lettered again; two different records would be a fault
                long places = found.stream().map(l -> l.originalPartition() + "@" + l.originalOffset()).distinct().count();
                if (places != 1) {
                    problems.add(poison.label() + ": " + found.size() + " records on " + deadLetterTopic + " from "
                            + places + " original records, expected 1");
                    continue;
                }
                if (found.size() > 1) {
                    redelivered++;
                }
                TopicProbe.DeadLetter letter = found.get(0);
                if (letter.reason() == null || letter.reason().isBlank()) {
                    problems.add(poison.label() + ": no dead-letter-reason");
                }
                if (!topic.equals(letter.originalTopic())) {
                    problems.add(poison.label() + ": dead-letter-topic " + letter.originalTopic());
                }
                if (!grievanceId.toString().equals(letter.key())) {
                    problems.add(poison.label() + ": key " + letter.key());
                }
                deadLettered++;
                reasons.add(poison.label() + " → " + shorten(letter.reason()));
            } else {
                // the valid event after it on the same partition was applied, so the consumer passed it by; a consumer
                // that names what it applies does not record what it skips
                if (!found.isEmpty()) {
                    problems.add(poison.label() + ": dead-lettered, but it should be skipped");
                } else {
                    skipped++;
                }
            }
        }
        String figure = String.format("poison %s ← %s: published %d poison + 1 valid; dead-lettered %d (%d of them redelivered and dead-lettered again), skipped %d (not for me), applied after 1%n    %s",
                consumer, topic, poisons.size(), deadLettered, redelivered, skipped, String.join("\n    ", reasons));
        if (!problems.isEmpty()) {
            throw new AssertionError(figure + "\n" + problems.stream().collect(Collectors.joining("\n")));
        }
        return figure;
    }

    private static boolean contains(TopicProbe.DeadLetter letter, String nonce) {
        return letter.value() != null && letter.value().contains(nonce);
    }

    private static String shorten(String reason) {
        return reason.length() <= 140 ? reason : reason.substring(0, 140) + "…";
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
