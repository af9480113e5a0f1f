package org.qinqing.deadline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.qinqing.platform.ChildProcess;
import org.qinqing.platform.KafkaBroker;
import org.qinqing.platform.PlatformPaths;
import org.qinqing.platform.Postgres;
import org.qinqing.platform.ServiceJvm;
import org.qinqing.platform.TopicPlan;

/**
 * Harness (not a test): the packaged deadline-service on a throw-away database and a real broker, with
 * 1,000,000 open clocks; a burst of 100,000 falling due in the same minute, then a steady stream. Prints the time
 * to escalate the burst, the lag from due time to the escalation event on the topic, and the scan's query plan.
 * Run: see BENCHMARKS.md.
 */
public final class EscalationBenchmark {

    public static void main(String[] args) throws Exception {
        int openClocks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int burst = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int steadyPerSecond = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int steadySeconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        Path state = Files.createTempDirectory("escalation-bench");
        String database = "bench_deadline_" + Long.toString(System.nanoTime() % 1_000_000L, 36);
        Postgres postgres = Postgres.fromEnvironment().ensureRunning();
        postgres.ensureDatabase(database, database, database);
        KafkaBroker kafka = new KafkaBroker(state, ChildProcess.freePort(), ChildProcess.freePort()).start();
        kafka.createTopics(TopicPlan.load());
        int port = ChildProcess.freePort();
        List<String> command = ServiceJvm.command(List.of());
        command.addAll(List.of("-jar", PlatformPaths.serviceJar("deadline").toString()));
        ChildProcess service = ChildProcess.start("deadline-service", command,
                Map.of("QUARKUS_HTTP_PORT", Integer.toString(port), "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database),
                        "QUARKUS_DATASOURCE_USERNAME", database, "QUARKUS_DATASOURCE_PASSWORD", database,
                        "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "QUARKUS_OIDC_TENANT_ENABLED", "false"),
                PlatformPaths.root(), state);
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(database), database, database);
                KafkaConsumer<String, String> consumer = consumer(kafka)) {
            service.awaitReady("ready", Duration.ofMinutes(2),
                    () -> ChildProcess.httpStatus("http://localhost:" + port + "/q/health/ready") == 200);
            Statement sql = db.createStatement();
            long t0 = System.nanoTime();
            // open clocks whose next moment is weeks away: what the scan must not pay for
            sql.execute("""
                    INSERT INTO clock (id, grievance_id, kind, round, department_code, region_chain, status, started_at, due_at,
                                       next_check_at, warning_at, department_level, updated_at)
                    SELECT gen_random_uuid(), gen_random_uuid(), 'REPLY', 1, 'D' || mod(i, 500), '{330106,330100,330000}',
                           'RUNNING', now(), now() + interval '30 days', now() + interval '20 days', now() + interval '20 days',
                           'DISTRICT', now()
                      FROM generate_series(1, %d) i""".formatted(openClocks - burst));
            sql.execute("ANALYZE clock");
            System.out.printf("%,d open clocks inserted in %.0f s%n", openClocks - burst, (System.nanoTime() - t0) / 1e9);
            System.out.println("scan plan with " + String.format("%,d", openClocks - burst) + " open clocks:");
            printPlan(sql);

            // the burst: all fall due at the same moment, 20 s from now
            Instant burstDue = Instant.now().plusSeconds(20);
            sql.execute("""
                    INSERT INTO clock (id, grievance_id, kind, round, department_code, region_chain, status, started_at, due_at,
                                       next_check_at, department_level, updated_at)
                    SELECT gen_random_uuid(), gen_random_uuid(), 'REPLY', 1, 'D' || mod(i, 500), '{330106,330100,330000}',
                           'RUNNING', now() - interval '10 days', '%s', '%s', 'DISTRICT', now()
                      FROM generate_series(1, %d) i""".formatted(burstDue, burstDue, burst));
            sql.execute("ANALYZE clock");
            consumer.poll(Duration.ofMillis(100));
            List<Long> burstLags = collect(consumer, burst, burstDue, burstDue.plusSeconds(180));
            double burstSeconds = burstLags.isEmpty() ? Double.NaN : burstLags.get(burstLags.size() - 1) / 1000.0;
            System.out.printf("burst: %,d clocks due at the same moment → %,d escalations on the topic; last one %.1f s after due%n",
                    burst, burstLags.size(), burstSeconds);

            // the steady stream: clocks falling due evenly
            Instant steadyStart = Instant.now().plusSeconds(5);
            Map<String, Instant> dueById = new HashMap<>();
            try (var insert = db.prepareStatement("""
                    INSERT INTO clock (id, grievance_id, kind, round, department_code, region_chain, status, started_at, due_at,
                                       next_check_at, department_level, updated_at)
                    VALUES (gen_random_uuid(), ?, 'REPLY', 1, 'D1', '{330106,330100,330000}', 'RUNNING', now() - interval '10 days',
                            ?, ?, 'DISTRICT', now())""")) {
                for (int i = 0; i < steadyPerSecond * steadySeconds; i++) {
                    Instant due = steadyStart.plusMillis(i * 1000L / steadyPerSecond);
                    UUID grievance = UUID.randomUUID();
                    dueById.put(grievance.toString(), due);
                    insert.setObject(1, grievance);
                    insert.setTimestamp(2, java.sql.Timestamp.from(due));
                    insert.setTimestamp(3, java.sql.Timestamp.from(due));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            List<Long> lags = new ArrayList<>();
            long deadline = System.currentTimeMillis() + (steadySeconds + 60) * 1000L;
            while (lags.size() < dueById.size() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    Instant due = dueById.get(r.key());
                    if (due != null && new String(r.headers().lastHeader("ce_type").value()).endsWith("escalated.v1")) {
                        lags.add(System.currentTimeMillis() - due.toEpochMilli());
                    }
                }
            }
            long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("steady: %d clocks/s due for %d s → %,d escalations; lag due→event p50 %d ms, p99 %d ms, max %d ms%n",
                    steadyPerSecond, steadySeconds, sorted.length, sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.99)],
                    sorted[sorted.length - 1]);
            ResultSet count = sql.executeQuery("SELECT count(*) FROM clock WHERE status = 'RUNNING'");
            count.next();
            System.out.printf("open clocks at the end: %,d%n", count.getLong(1));
            System.out.println("scan plan at the end:");
            printPlan(sql);
        } finally {
            service.stop();
            kafka.stop();
            postgres.dropDatabase(database, database);
        }
    }

    private static void printPlan(Statement sql) throws Exception {
        ResultSet plan = sql.executeQuery("""
                EXPLAIN (ANALYZE, BUFFERS) SELECT id FROM clock
                 WHERE status = 'RUNNING' AND next_check_at <= now()
                   AND pg_try_advisory_xact_lock(hashtextextended(grievance_id::text, 0))
                 ORDER BY next_check_at LIMIT 500 FOR UPDATE SKIP LOCKED""");
        while (plan.next()) {
            System.out.println("    " + plan.getString(1));
        }
    }

    private static KafkaConsumer<String, String> consumer(KafkaBroker kafka) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("qinqing.deadline.events"));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100));
        }
        return consumer;
    }

    /** Milliseconds after {@code due} at which each escalation was read from the topic, in order. */
    private static List<Long> collect(KafkaConsumer<String, String> consumer, int expected, Instant due, Instant giveUp) {
        List<Long> lags = new ArrayList<>();
        while (lags.size() < expected && Instant.now().isBefore(giveUp)) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                if (new String(r.headers().lastHeader("ce_type").value()).endsWith("escalated.v1")) {
                    lags.add(System.currentTimeMillis() - due.toEpochMilli());
                }
            }
        }
        return lags;
    }
}
