package org.qinqing.platform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Replays a dead-letter topic: every record from an offset on goes back to the topic it came from (its
 * {@code dead-letter-topic} header) with its key, value and CloudEvent headers, without SmallRye's
 * {@code dead-letter-*} headers. Safe to repeat: consumers apply an event once by its CloudEvent id, so an event
 * that was applied meanwhile changes nothing. Usage (README, Running in production):
 * {@code DeadLetterReplay <bootstrap servers> <dead-letter topic> [from offset]}.
 */
public final class DeadLetterReplay {

    private DeadLetterReplay() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DeadLetterReplay <bootstrap servers> <dead-letter topic> [from offset]");
            System.exit(2);
        }
        long from = args.length > 2 ? Long.parseLong(args[2]) : 0;
        int replayed = replay(args[0], args[1], from);
        System.out.println("replayed " + replayed + " records of " + args[1] + " from offset " + from);
    }

    public static int replay(String bootstrapServers, String deadLetterTopic, long fromOffset) throws Exception {
        TopicPartition partition = new TopicPartition(deadLetterTopic, 0);
        int replayed = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer());
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                        new StringSerializer(), new StringSerializer())) {
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            consumer.seek(partition, fromOffset);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.offset() >= end) {
                        break;
                    }
                    Header origin = record.headers().lastHeader("dead-letter-topic");
                    if (origin == null) {
                        System.err.println("offset " + record.offset() + " names no dead-letter-topic; skipped");
                        continue;
                    }
                    ProducerRecord<String, String> again = new ProducerRecord<>(
                            new String(origin.value(), StandardCharsets.UTF_8), record.key(), record.value());
                    for (Header header : record.headers()) {
                        if (!header.key().startsWith("dead-letter-")) {
                            again.headers().add(header);
                        }
                    }
                    producer.send(again).get(30, TimeUnit.SECONDS);
                    replayed++;
                }
            }
        }
        return replayed;
    }
}
