package org.qinqing.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** The repository's files the deployment must agree with: the services' settings and the topic plan. */
final class Repository {

    static final List<String> SERVICES = List.of("intake-service", "routing-service", "deadline-service",
            "notification-service");

    private Repository() {
    }

    static Path root() {
        String configured = System.getProperty("qinqing.root");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("deploy/kafka/topics.properties"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root");
        }
        return dir;
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    /** A service's application.properties as written (profile prefixes kept). */
    static Properties applicationProperties(String service) {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(file(service + "/src/main/resources/application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** The service's HTTP port in production: %prod.quarkus.http.port, else quarkus.http.port. */
    static int httpPort(String service) {
        Properties p = applicationProperties(service);
        return Integer.parseInt(p.getProperty("%prod.quarkus.http.port", p.getProperty("quarkus.http.port")));
    }

    /**
     * The environment variables a service reads in production: every property its application.properties sets
     * for all profiles or for %prod, in the environment-variable spelling of MicroProfile Config
     * ({@code quarkus.datasource.jdbc.url} → {@code QUARKUS_DATASOURCE_JDBC_URL}).
     */
    static Set<String> environmentVariablesRead(String service) {
        Set<String> names = new LinkedHashSet<>(environmentVariablesRequired(service));
        for (String key : applicationProperties(service).stringPropertyNames()) {
            if (key.startsWith("%prod.")) {
                names.add(environmentName(key.substring("%prod.".length())));
            } else if (!key.startsWith("%")) {
                names.add(environmentName(key));
            }
        }
        return names;
    }

    /**
     * The environment variables a service cannot start without in production: every {@code ${NAME}} without a
     * default in a value set for all profiles or for %prod.
     */
    static Set<String> environmentVariablesRequired(String service) {
        Set<String> names = new LinkedHashSet<>();
        Properties p = applicationProperties(service);
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("%prod.") || !key.startsWith("%")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}").matcher(p.getProperty(key));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    /** The topics a service consumes: its incoming channels' topics. */
    static Set<String> consumedTopics(String service) {
        Set<String> topics = new LinkedHashSet<>();
        Properties p = applicationProperties(service);
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")
                    && !key.endsWith(".dead-letter-queue.topic")) {
                topics.add(p.getProperty(key));
            }
        }
        return topics;
    }

    /** The Kafka consumer groups a service joins. */
    static Set<String> consumerGroups(String service) {
        Set<String> groups = new LinkedHashSet<>();
        Properties p = applicationProperties(service);
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".group.id")) {
                groups.add(p.getProperty(key));
            }
        }
        return groups;
    }

    /** A topic of deploy/kafka/topics.properties. */
    record PlannedTopic(String name, int partitions, long retentionMs) {
    }

    /** deploy/kafka/topics.properties, read independently of the launcher's reader. */
    static Map<String, PlannedTopic> topicPlan() {
        Map<String, PlannedTopic> topics = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file("deploy/kafka/topics.properties"))) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                var m = java.util.regex.Pattern.compile("([a-z.-]+)=(\\d+) retention=(\\d+)d").matcher(trimmed);
                if (!m.matches()) {
                    throw new AssertionError("topics.properties line not of the form <topic>=<partitions> retention=<n>d: "
                            + trimmed);
                }
                topics.put(m.group(1), new PlannedTopic(m.group(1), Integer.parseInt(m.group(2)),
                        Long.parseLong(m.group(3)) * 86_400_000L));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return topics;
    }
}
