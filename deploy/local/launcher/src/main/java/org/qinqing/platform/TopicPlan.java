package org.qinqing.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The topics, partition counts and retention declared in deploy/kafka/topics.properties, one line per topic:
 * {@code qinqing.intake.events=12 retention=30d}. A line without {@code retention} keeps the broker's default.
 */
public record TopicPlan(Map<String, Integer> partitionsByTopic, Map<String, Duration> retentionByTopic) {

    public static TopicPlan load() {
        return load(PlatformPaths.root().resolve("deploy/kafka/topics.properties"));
    }

    public static TopicPlan load(Path file) {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        Map<String, Duration> retention = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] pair = trimmed.split("=", 2);
                String topic = pair[0].strip();
                String[] values = pair[1].strip().split("\\s+");
                partitions.put(topic, Integer.parseInt(values[0]));
                for (int i = 1; i < values.length; i++) {
                    String[] option = values[i].split("=", 2);
                    if (!option[0].equals("retention") || option.length != 2) {
                        throw new IllegalArgumentException("unknown topic option '" + values[i] + "' in " + file);
                    }
                    retention.put(topic, days(option[1], file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TopicPlan(partitions, retention);
    }

    private static Duration days(String text, Path file) {
        if (!text.matches("\\d+d")) {
            throw new IllegalArgumentException("retention '" + text + "' in " + file + " is not a number of days (30d)");
        }
        return Duration.ofDays(Long.parseLong(text.substring(0, text.length() - 1)));
    }

    /** The topic configuration to create it with ({@code retention.ms}), empty for the broker's defaults. */
    public Map<String, String> config(String topic) {
        Duration retention = retentionByTopic.get(topic);
        return retention == null ? Map.of() : Map.of("retention.ms", Long.toString(retention.toMillis()));
    }
}
