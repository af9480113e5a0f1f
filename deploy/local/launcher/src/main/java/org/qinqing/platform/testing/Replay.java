package org.qinqing.platform.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The replay proof: every record of a consumer's topics delivered again (as a reset of its consumer group to the
 * beginning would) must change nothing in its database. Records are re-published with their key, value and
 * headers, so each carries its original CloudEvent id.
 */
public final class Replay {

    private final String bootstrapServers;

    public Replay(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Every table of the database but Flyway's, each as its rows' text, sorted: what a replay must not change. */
    public static Map<String, List<String>> snapshot(Connection connection) {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Statement statement = connection.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("SELECT t::text FROM \"" + name + "\" t")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
                Collections.sort(rows);
                tables.put(name, rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return tables;
    }

    public static int rows(Map<String, List<String>> snapshot) {
        return snapshot.values().stream().mapToInt(List::size).sum();
    }

    /** What differs between two snapshots, table by table; empty when they are the same. */
    public static String difference(Map<String, List<String>> before, Map<String, List<String>> after) {
        StringBuilder out = new StringBuilder();
        for (String table : before.keySet()) {
            List<String> gone = new ArrayList<>(before.get(table));
            gone.removeAll(after.getOrDefault(table, List.of()));
            List<String> added = new ArrayList<>(after.getOrDefault(table, List.of()));
            added.removeAll(before.get(table));
            if (!gone.isEmpty() || !added.isEmpty()) {
                out.append(table).append(": -").append(gone).append(" +").append(added).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Waits until the database stops changing (two snapshots a second apart are equal) and the consumer group has
     * read every topic to its end; returns the last snapshot.
     */
    public Map<String, List<String>> settled(Supplier<Map<String, List<String>>> snapshot, String group, List<String> topics,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, List<String>> last = snapshot.get();
        while (true) {
            sleep(1000);
            Map<String, List<String>> now = snapshot.get();
            if (now.equals(last) && lag(group, topics) == 0) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the database did not settle (lag " + lag(group, topics) + "):\n" + difference(last, now));
            }
            last = now;
        }
    }

    /** Re-publishes every record now on the topics, as it is (key, value, headers); returns how many. */
    public int republishAll(List<String> topics) {
        List<ProducerRecord<String, String>> copies = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "replay-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = topics.stream().flatMap(t -> consumer.partitionsFor(t).stream()
                    .map(p -> new TopicPartition(t, p.partition()))).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        copies.add(new ProducerRecord<>(record.topic(), record.partition(), record.key(), record.value(),
                                record.headers()));
                    }
                }
            }
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (ProducerRecord<String, String> copy : copies) {
                producer.send(copy);
            }
            producer.flush();
        }
        return copies.size();
    }

    /** How many records the group has yet to commit on the topics. */
    public long lag(String group, List<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS)
                    .values().stream().flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(30, TimeUnit.SECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += end.getValue().offset() - (at == null ? 0 : at.offset());
            }
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException("could not read the offsets of " + group, e);
        }
    }

    /** How many records the topic holds. */
    public long count(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            long count = 0;
            var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get(30, TimeUnit.SECONDS);
            var starts = admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest())))
                    .all().get(30, TimeUnit.SECONDS);
            for (TopicPartition p : partitions) {
                count += ends.get(p).offset() - starts.get(p).offset();
            }
            return count;
        } catch (Exception e) {
            throw new IllegalStateException("could not count " + topic, e);
        }
    }

    /**
     * The whole proof for one consumer: settle, snapshot, re-publish every record of its topics, wait until it has
     * read them all, snapshot again; returns the one-line figure, or throws when anything changed.
     */
    public String prove(String service, List<String> topics, Supplier<Map<String, List<String>>> snapshot) {
        String group = service + "-service";
        String ownTopic = "qinqing." + service + ".events";
        Map<String, List<String>> before = settled(snapshot, group, topics, Duration.ofSeconds(90));
        long publishedBefore = count(ownTopic);
        long started = System.nanoTime();
        int replayed = republishAll(topics);
        Map<String, List<String>> after = settled(snapshot, group, topics, Duration.ofSeconds(120));
        double seconds = (System.nanoTime() - started) / 1e9;
        sleep(2000); // anything a replayed event wrongly published would be on the own topic by now
        long publishedAfter = count(ownTopic);
        String figure = String.format("replay %s: %d records of %s re-delivered with their ids, read in %.1f s; "
                + "%d tables, %d rows before and %d after, %d differ; own events on %s: %d before, %d after",
                service, replayed, topics, seconds, before.size(), rows(before), rows(after),
                difference(before, after).lines().count(), ownTopic, publishedBefore, publishedAfter);
        if (!before.equals(after) || publishedBefore != publishedAfter) {
            throw new AssertionError(figure + "\n" + difference(before, after));
        }
        return figure;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
