package org.qinqing.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The topics and partition counts declared in deploy/kafka/topics.properties. */
public record TopicPlan(Map<String, Integer> partitionsByTopic) {

    public static TopicPlan load() {
        Path file = PlatformPaths.root().resolve("deploy/kafka/topics.properties");
        Map<String, Integer> topics = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] pair = trimmed.split("=", 2);
                topics.put(pair[0].strip(), Integer.parseInt(pair[1].strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TopicPlan(topics);
    }
}
