package org.qinqing.notification.bench;

import static org.qinqing.platform.testing.ProcessFigures.cpuPercent;
import static org.qinqing.platform.testing.ProcessFigures.cpuTicks;
import static org.qinqing.platform.testing.ProcessFigures.rssMb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.qinqing.notification.testing.Samples;
import org.qinqing.platform.ChildProcess;
import org.qinqing.platform.KafkaBroker;
import org.qinqing.platform.PlatformPaths;
import org.qinqing.platform.Postgres;
import org.qinqing.platform.ServiceJvm;
import org.qinqing.platform.StartupCache;
import org.qinqing.platform.TopicPlan;
import org.qinqing.platform.testing.Replay;

/**
 * Harness (not a test) for issue 7's performance requirement: sustained 1,000 events/s in, every delivery
 * recorded, p99 event-to-inbox ≤ 200 ms. The packaged notification-service (its uber-jar,
 * with the services' JVM options, {@link ServiceJvm}) on a throw-away PostgreSQL database and a real Kafka broker, its SMS gateway and SMTP server
 * real servers in this JVM; the directory it needs (departments, liaison officers) arrives as routing's events,
 * department duty mailboxes are set in its recipient table as an admin would. Then the lives of many grievances
 * (accepted, dispatched, both clocks set, signed, warned, some escalated, urged or asked for information,
 * replied, rating invited, rated, closed) are published as the three services publish them, at a steady rate,
 * and the harness prints what was consumed, every delivery expected against the delivery table, and the latency
 * from each event's publication to its in-app inbox row being committed (PostgreSQL's NOTIFY of the writing
 * transaction, heard by this harness). Run: see BENCHMARKS.md.
 *
 * <p>System properties: {@code bench.rate} (events/s, 1000), {@code bench.warmup} (s, 15), {@code bench.seconds}
 * (s, 60), {@code bench.maxPollRecords} (Kafka's, for the service's three channels: the most events one transaction
 * applies), {@code bench.sendDrain} (s, 60: how long to wait for the other channels after consumption caught up),
 * {@code bench.jfr} (a file: the service records a JFR profile of the measured phase), {@code bench.aot} (true: the
 * service starts from an AOT cache of its own, {@code notification-service.bench.aot}, that a run without one records
 * under this load and writes as it stops; the recording run's figures carry the recording's cost),
 * {@code bench.jvmOptions} (more options for the service's JVM, space-separated, e.g. a GC log; one that
 * chooses a collector replaces the services' G1).
 */
public final class NotificationBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ENTERPRISES = 400;
    private static final int DEPARTMENTS = 40;
    private static final List<String> DISTRICTS = List.of("330102", "330105", "330106", "330108", "330109", "330110");

    /** Events of a life that notification does not apply (its InboundEvents): passed by, they leave no processed_event row. */
    private static final Set<String> PASSED_BY = Set.of("intake.rated", "routing.signed");

    /** One event to publish: where, what, and the deliveries it must produce ({@code event|recipient|channel}). */
    private static final class Planned {
        final String topic;
        final String service;
        final String name;
        final UUID grievanceId;
        final UUID id = UUID.randomUUID();
        final long sequence;
        final Map<String, Object> fields;
        double lifeTime;
        long sentMicros;

        Planned(String service, String name, UUID grievanceId, long sequence, Map<String, Object> fields) {
            this.service = service;
            this.topic = "qinqing." + service + ".events";
            this.name = name;
            this.grievanceId = grievanceId;
            this.sequence = sequence;
            this.fields = fields;
        }
    }

    /** An in-app message the run must produce, and the events whose arrival makes it due (the later one counts). */
    private record ExpectedInbox(List<Planned> triggers) {
        long dueMicros() {
            return triggers.stream().mapToLong(p -> p.sentMicros).max().orElse(0);
        }
    }

    private final Set<String> expectedDeliveries = new HashSet<>();
    private final Map<String, ExpectedInbox> expectedInbox = new HashMap<>();
    private final Map<String, String> departmentRegion = new HashMap<>();
    private final Set<String> departmentsWithMail = new HashSet<>();
    private final Set<String> enterprisesWithLiaison = new HashSet<>();
    private final Random random = new Random(20261124);

    public static void main(String[] args) throws Exception {
        new NotificationBenchmark().run(Integer.getInteger("bench.rate", 1000), Integer.getInteger("bench.warmup", 15),
                Integer.getInteger("bench.seconds", 60), System.getProperty("bench.jfr"));
    }

    private void run(int rate, int warmupSeconds, int seconds, String jfr) throws Exception {
        Path state = Files.createTempDirectory("notification-bench");
        String database = "bench_notification_" + Long.toString(System.nanoTime() % 1_000_000L, 36);
        Postgres postgres = Postgres.fromEnvironment().ensureRunning();
        postgres.ensureDatabase(database, database, database);
        KafkaBroker kafka = new KafkaBroker(state, ChildProcess.freePort(), ChildProcess.freePort()).start();
        kafka.createTopics(TopicPlan.load());
        int smtpPort = ChildProcess.freePort();
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        AtomicLong smsAccepted = new AtomicLong();
        HttpServer sms = smsGateway(smsAccepted);
        int port = ChildProcess.freePort();
        List<String> extraOptions = Arrays.stream(System.getProperty("bench.jvmOptions", "").strip().split("\\s+"))
                .filter(option -> !option.isEmpty()).toList();
        // the services' JVM options, then the extra ones, which win where they repeat one
        List<String> jvmOptions = ServiceJvm.options(extraOptions);
        List<String> command = ServiceJvm.command(extraOptions);
        Path jar = PlatformPaths.serviceJar("notification");
        List<String> aot = Boolean.getBoolean("bench.aot")
                ? new StartupCache(jar, jar.resolveSibling("notification-service.bench.aot")).jvmOptions(true, jvmOptions) : List.of();
        command.addAll(aot);
        String aotUse = aot.isEmpty() ? "none" : aot.getFirst().startsWith("-XX:AOTCacheOutput") ? "recording" : "used";
        String maxPollRecords = System.getProperty("bench.maxPollRecords");
        if (maxPollRecords != null) {
            for (String channel : List.of("intake-events", "routing-events", "deadline-events")) {
                command.add("-Dmp.messaging.incoming." + channel + ".max.poll.records=" + maxPollRecords);
            }
        }
        if (jfr != null) {
            command.add("-XX:StartFlightRecording=delay=" + (warmupSeconds + 40) + "s,duration=" + seconds + "s,filename="
                    + jfr + ",settings=profile");
        }
        command.addAll(List.of("-jar", jar.toString()));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
        environment.put("QUARKUS_DATASOURCE_USERNAME", database);
        environment.put("QUARKUS_DATASOURCE_PASSWORD", database);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        // the inbox's REST API plays no part in the measurement; without a realm the service starts without OIDC
        environment.put("QUARKUS_OIDC_TENANT_ENABLED", "false");
        environment.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        environment.put("QUARKUS_MAILER_PORT", Integer.toString(smtpPort));
        environment.put("NOTIFICATION_SMS_URL", "http://127.0.0.1:" + sms.getAddress().getPort() + "/sms");
        ChildProcess service = ChildProcess.start("notification-service", command, environment, PlatformPaths.root(), state);
        Listener listener = null;
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(database), database, database);
                KafkaProducer<String, String> producer = producer(kafka)) {
            service.awaitReady("ready", Duration.ofMinutes(3),
                    () -> ChildProcess.httpStatus("http://localhost:" + port + "/q/health/ready") == 200);
            listener = new Listener(postgres.jdbcUrl(database), database);

            // the directory, as routing publishes it; duty mailboxes as an admin sets them
            List<Planned> directory = directory();
            for (Planned p : directory) {
                send(producer, p);
            }
            producer.flush();
            if (!awaitProcessed(db, directory.size(), Duration.ofMinutes(2))) {
                throw new IllegalStateException("the directory events were not consumed within 2 minutes");
            }
            try (Statement sql = db.createStatement()) {
                for (String code : departmentsWithMail) {
                    sql.executeUpdate("UPDATE recipient SET email = 'duty-" + code.toLowerCase()
                            + "@example.gov.cn' WHERE principal = 'department:" + code + "'");
                }
            }

            List<Planned> events = lives(rate * (warmupSeconds + seconds));
            long baseProcessed = processed(db);
            System.out.printf("publishing %,d events of %,d grievances at %d/s: %d s warm-up, %d s measured%n",
                    events.size(), events.stream().map(p -> p.grievanceId).distinct().count(), rate, warmupSeconds, seconds);
            long start = System.nanoTime();
            long windowStart = start + warmupSeconds * 1_000_000_000L;
            long windowEnd = windowStart + seconds * 1_000_000_000L;
            long[] windowProcessed = new long[2];
            long[] windowTicks = new long[2];
            double maxRss = 0;
            int firstMeasured = rate * warmupSeconds;
            int lastMeasured = events.size();
            long maxBehindNanos = 0;
            long nextSample = start;
            CompletableFuture<Void> windowOpened = null;
            for (int i = 0; i < events.size(); i++) {
                long planned = start + (long) i * 1_000_000_000L / rate;
                long now;
                while ((now = System.nanoTime()) < planned) {
                    long wait = planned - now;
                    if (wait > 200_000) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } else {
                        Thread.onSpinWait();
                    }
                }
                maxBehindNanos = Math.max(maxBehindNanos, now - planned);
                if (i == firstMeasured) {
                    // beside the sender: the count scans every processed event so far, and the sender stalled on it
                    // then sent a burst into the first seconds of the window
                    windowTicks[0] = cpuTicks(service.pid());
                    windowOpened = CompletableFuture.runAsync(() -> {
                        try {
                            windowProcessed[0] = processed(db);
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
                send(producer, events.get(i));
                if (now >= nextSample) {
                    maxRss = Math.max(maxRss, rssMb(service.pid()));
                    nextSample = now + 1_000_000_000L;
                }
            }
            producer.flush();
            long sendEnd = System.nanoTime();
            if (windowOpened != null) {
                windowOpened.join();
            }
            windowProcessed[1] = processed(db);
            windowTicks[1] = cpuTicks(service.pid());
            double windowSeconds = (sendEnd - windowStart) / 1e9;
            double rssAtEnd = rssMb(service.pid());
            maxRss = Math.max(maxRss, rssAtEnd);
            Replay offsets = new Replay(kafka.bootstrapServers());
            long lagAtEnd = offsets.lag(Samples.CONSUMER_GROUP, Samples.CONSUMED_TOPICS);

            long total = baseProcessed + events.stream().filter(p -> !PASSED_BY.contains(p.service + "." + p.name)).count();
            long drainStart = System.nanoTime();
            boolean drained = awaitProcessed(db, total, Duration.ofMinutes(5));
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            Thread.sleep(2000); // the last notifications
            // the group commits its offsets every 5 s (auto.commit.interval.ms): lag left after that is unread
            long lagDrained = offsets.lag(Samples.CONSUMER_GROUP, Samples.CONSUMED_TOPICS);
            for (long until = System.nanoTime() + 10_000_000_000L; lagDrained > 0 && System.nanoTime() < until; ) {
                Thread.sleep(500);
                lagDrained = offsets.lag(Samples.CONSUMER_GROUP, Samples.CONSUMED_TOPICS);
            }

            // every delivery recorded: the delivery table against what the rules say, nothing missing, nothing extra
            Set<String> recorded = new HashSet<>();
            Map<String, Long> byChannel = new TreeMap<>();
            try (Statement sql = db.createStatement();
                    ResultSet rs = sql.executeQuery("SELECT event_id, recipient, channel FROM delivery")) {
                while (rs.next()) {
                    String key = rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3);
                    recorded.add(key);
                    byChannel.merge(rs.getString(3), 1L, Long::sum);
                }
            }
            Set<String> missing = new HashSet<>(expectedDeliveries);
            missing.removeAll(recorded);
            Set<String> unexpected = new HashSet<>(recorded);
            unexpected.removeAll(expectedDeliveries);
            long inboxRows;
            long duplicateInbox;
            try (Statement sql = db.createStatement()) {
                inboxRows = single(sql, "SELECT count(*) FROM inbox_message");
                duplicateInbox = single(sql, "SELECT count(*) - count(DISTINCT (event_id, principal)) FROM inbox_message");
            }

            // event → inbox: publication (the record's timestamp) → commit (NOTIFY heard), and → created_at
            long windowStartMicros = events.get(firstMeasured).sentMicros;
            long windowEndMicros = events.get(lastMeasured - 1).sentMicros;
            List<Double> toCommit = new ArrayList<>();
            List<Double> toCreated = new ArrayList<>();
            int unheard = 0;
            // where the slow ones are: over a second, by notice kind; and the p99 of each 10 s of the window
            Map<String, Integer> slowByKind = new TreeMap<>();
            Map<Long, List<Double>> bySlice = new TreeMap<>();
            try (Statement sql = db.createStatement();
                    ResultSet rs = sql.executeQuery("SELECT id, event_id, principal, created_at, kind FROM inbox_message")) {
                while (rs.next()) {
                    ExpectedInbox expected = expectedInbox.get(rs.getString(2) + "|" + rs.getString(3));
                    if (expected == null) {
                        continue;
                    }
                    long due = expected.dueMicros();
                    if (due < windowStartMicros || due > windowEndMicros) {
                        continue;
                    }
                    Instant created = rs.getTimestamp(4).toInstant();
                    toCreated.add((micros(created) - due) / 1000.0);
                    Long heard = listener.heard.get(rs.getString(1));
                    if (heard == null) {
                        unheard++;
                    } else {
                        double latency = (heard - due) / 1000.0;
                        toCommit.add(latency);
                        if (latency > 1000) {
                            slowByKind.merge(rs.getString(5), 1, Integer::sum);
                        }
                        bySlice.computeIfAbsent((due - windowStartMicros) / 10_000_000, k -> new ArrayList<>()).add(latency);
                    }
                }
            }
            double[] commit = sorted(toCommit);
            double[] created = sorted(toCreated);
            double cpu = cpuPercent(windowTicks[0], windowTicks[1], windowSeconds);

            // the other channels: the dispatcher sends them to the SMS gateway and the SMTP server
            long pendingAtDrain = pending(db);
            long sendDrainStart = System.nanoTime();
            while (pending(db) > 0 && System.nanoTime() - sendDrainStart < TimeUnit.SECONDS.toNanos(Integer.getInteger("bench.sendDrain", 60))) {
                Thread.sleep(1000);
            }
            double sendDrainSeconds = (System.nanoTime() - sendDrainStart) / 1e9;
            Map<String, Long> status = new TreeMap<>();
            try (Statement sql = db.createStatement();
                    ResultSet rs = sql.executeQuery("SELECT channel || ' ' || status, count(*) FROM delivery GROUP BY 1")) {
                while (rs.next()) {
                    status.put(rs.getString(1), rs.getLong(2));
                }
            }

            System.out.println();
            System.out.printf("notification fan-out: %d events/s offered for %d s after %d s warm-up; machine %d cores, %s %s, load %s; AOT cache %s%n",
                    rate, seconds, warmupSeconds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), Files.readString(Path.of("/proc/loadavg")).strip(), aotUse);
            System.out.printf("  offered   %,d events in %.1f s = %.0f events/s (%,d grievances in all; sender at most %.1f ms behind plan)%n",
                    lastMeasured - firstMeasured, windowSeconds, (lastMeasured - firstMeasured) / windowSeconds,
                    events.stream().map(p -> p.grievanceId).distinct().count(), maxBehindNanos / 1e6);
            System.out.printf("  applied   %,d events in the same %.1f s = %.0f events/s (processed_event rows; the life's rated and signed are passed by unrecorded); %s %.1f s after the last send%n",
                    windowProcessed[1] - windowProcessed[0], windowSeconds, (windowProcessed[1] - windowProcessed[0]) / windowSeconds,
                    drained ? "the rest" : "NOT all consumed", drainSeconds);
            System.out.printf("  consumer lag (group notification-service, 3 topics, committed every 5 s): %,d at the last send, %,d after the drain%n",
                    lagAtEnd, lagDrained);
            System.out.printf("  deliveries expected %,d, recorded %,d, missing %,d, unexpected %,d; inbox rows %,d, duplicate (event, principal) %d%n",
                    expectedDeliveries.size(), recorded.size(), missing.size(), unexpected.size(), inboxRows, duplicateInbox);
            System.out.printf("    by channel: %s%n", byChannel);
            System.out.printf("  event → inbox row committed (record timestamp → NOTIFY of the writing transaction heard), %,d messages due in the window:%n",
                    commit.length);
            System.out.printf("    p50 %.1f ms   p99 %.1f ms   p99.9 %.1f ms   max %.1f ms   (not heard: %d)%n",
                    percentile(commit, 50), percentile(commit, 99), percentile(commit, 99.9), max(commit), unheard);
            System.out.printf("    over 1 s, by kind: %s%n", slowByKind);
            System.out.printf("    p99 by 10 s of the window: %s%n", bySlice.values().stream()
                    .map(l -> String.format("%.0f", percentile(sorted(l), 99))).collect(java.util.stream.Collectors.joining(" / ", "", " ms")));
            System.out.printf("  event → inbox row created_at (the service's clock at the insert, before its commit):%n");
            System.out.printf("    p50 %.1f ms   p99 %.1f ms   p99.9 %.1f ms   max %.1f ms%n",
                    percentile(created, 50), percentile(created, 99), percentile(created, 99.9), max(created));
            System.out.printf("  notification-service: CPU %.0f %% of one core over the window, RSS %.0f MB at the end, max %.0f MB (%s)%n",
                    cpu, rssAtEnd, maxRss, String.join(" ", jvmOptions));
            System.out.printf("  other channels: %,d pending when consumption caught up, %s %.0f s later (SMS requests %,d, mails %,d)%n",
                    pendingAtDrain, pending(db) == 0 ? "all sent" : pending(db) + " still pending", sendDrainSeconds,
                    smsAccepted.get(), mail.getReceivedMessages().length);
            System.out.printf("    by channel and status: %s%n", status);
            if (!missing.isEmpty() || !unexpected.isEmpty()) {
                System.out.println("  e.g. missing " + missing.stream().limit(3).toList() + ", unexpected "
                        + unexpected.stream().limit(3).toList());
            }
        } finally {
            if (listener != null) {
                listener.close();
            }
            service.stop("recording".equals(aotUse) ? Duration.ofMinutes(3) : Duration.ofSeconds(30));
            kafka.stop();
            sms.stop(0);
            mail.stop();
            postgres.dropDatabase(database, database);
        }
    }

    // --- what is published --------------------------------------------------------------------------------------

    /** routing's directory: departments in six districts and the city; a third of the enterprises with a liaison. */
    private List<Planned> directory() {
        List<Planned> events = new ArrayList<>();
        for (int d = 0; d < DEPARTMENTS; d++) {
            String code = "BD-" + String.format("%02d", d);
            String region = d % 4 == 0 ? "330100" : DISTRICTS.get(d % DISTRICTS.size());
            departmentRegion.put(code, region);
            if (d % 2 == 0) {
                departmentsWithMail.add(code);
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("code", code);
            fields.put("name", "基准测试第" + d + "局");
            fields.put("nameEn", "Bench bureau " + d);
            fields.put("kind", "FUNCTIONAL");
            fields.put("level", region.endsWith("00") ? "CITY" : "DISTRICT");
            fields.put("region", region);
            fields.put("parent", null);
            fields.put("duty", "企业服务");
            fields.put("regionChain", region.endsWith("00") ? List.of(region, "330000") : List.of(region, "330100", "330000"));
            fields.put("active", true);
            // directory events are keyed by a grievance id too (the envelope's rule); a fixed one per entry
            events.add(new Planned("routing", "department-changed", UUID.nameUUIDFromBytes(code.getBytes()), 1, fields));
        }
        for (int e = 0; e < ENTERPRISES; e += 3) {
            String uscc = uscc(e);
            enterprisesWithLiaison.add(uscc);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("uscc", uscc);
            fields.put("officialName", "王" + e);
            fields.put("title", "副区长");
            fields.put("department", "BD-00");
            fields.put("phone", "1371" + String.format("%07d", e));
            fields.put("email", "liaison" + e + "@example.gov.cn");
            events.add(new Planned("routing", "liaison-changed", UUID.nameUUIDFromBytes(uscc.getBytes()), 1, fields));
        }
        return events;
    }

    /**
     * Whole lives of grievances, interleaved: each grievance's events follow each other at about a third of a
     * second, and new grievances start continuously; the merged sequence is then sent at the steady rate.
     */
    private List<Planned> lives(int count) {
        List<Planned> all = new ArrayList<>(count + 20);
        double start = 0;
        while (all.size() < count) {
            all.addAll(life(start));
            start += 0.0125; // about 80 grievances a second of life time, 12–13 events each
        }
        // whole lives only (a cut one would leave expected deliveries unsent); a few events more than asked
        all.sort((a, b) -> Double.compare(a.lifeTime, b.lifeTime));
        return all;
    }

    private List<Planned> life(double start) {
        UUID g = UUID.randomUUID();
        int e = random.nextInt(ENTERPRISES);
        String uscc = uscc(e);
        String lead = "BD-" + String.format("%02d", random.nextInt(DEPARTMENTS));
        String co = random.nextInt(4) == 0 ? "BD-" + String.format("%02d", random.nextInt(DEPARTMENTS)) : null;
        if (lead.equals(co)) {
            co = null;
        }
        String region = departmentRegion.get(lead);
        String due = Instant.now().plus(Duration.ofDays(7)).toString();
        List<Planned> life = new ArrayList<>();
        long[] seq = new long[3]; // intake, routing, deadline
        String tracking = "QQ20261124" + String.format("%06d", Math.abs(g.hashCode()) % 1_000_000);

        Planned accepted = add(life, "intake", "accepted", g, seq,
                Samples.accepted(uscc, tracking, "138" + String.format("%08d", e), "contact" + e + "@example.cn"));
        expectEnterprise(accepted, uscc, List.of(accepted));
        List<Map<String, Object>> coHandling = co == null ? List.of()
                : List.of(Samples.department(co, "协办局", departmentRegion.get(co)));
        Planned dispatched = add(life, "routing", "dispatched", g, seq,
                Samples.dispatched(1, lead, "基准测试局", region, coHandling));
        expectDepartment(dispatched, lead);
        if (co != null) {
            expectDepartment(dispatched, co);
        }
        add(life, "deadline", "deadline-set", g, seq, Map.of("clock", "SIGN_FOR", "round", 1, "department", lead,
                "dueAt", due, "provisional", false, "reason", "STARTED"));
        Planned replyClock = add(life, "deadline", "deadline-set", g, seq, Map.of("clock", "REPLY", "round", 1,
                "department", lead, "dueAt", due, "provisional", false, "reason", "STARTED"));
        expectEnterprise(dispatched, uscc, List.of(dispatched, replyClock)); // told when both are known
        add(life, "routing", "signed", g, seq, Map.of("department", lead, "round", 1));
        if (random.nextInt(10) == 0) {
            Planned asked = add(life, "routing", "info-requested", g, seq, Map.of("infoRequestId", UUID.randomUUID().toString(),
                    "department", lead, "question", "请补充近三年财务报表。"));
            expectEnterprise(asked, uscc, List.of(asked));
        }
        Planned warning = add(life, "deadline", "warning", g, seq, Map.of("clock", "REPLY", "round", 1, "department", lead,
                "dueAt", due));
        expectDepartment(warning, lead);
        if (random.nextInt(10) < 3) {
            Planned escalated = add(life, "deadline", "escalated", g, seq, Map.of("clock", "REPLY", "round", 1,
                    "department", lead, "level", 1, "dueAt", due, "target", "SUPERVISORS", "targetRegion", region));
            expect(escalated, "supervisors:" + region, "IN_APP", List.of(escalated));
            expectDepartment(escalated, lead);
        }
        if (random.nextInt(10) < 2) {
            Planned urged = add(life, "deadline", "urged", g, seq, Map.of("urgingId", UUID.randomUUID().toString(),
                    "text", "请加快办理。"));
            expectDepartment(urged, lead);
        }
        Planned replied = add(life, "routing", "replied", g, seq, Map.of("replyId", UUID.randomUUID().toString(),
                "department", lead, "round", 1, "text", "已协调银行完成审批，贷款将于下周发放。", "attachments", List.of(),
                "coHandlingInputs", List.of()));
        Planned invited = add(life, "intake", "rating-invited", g, seq, Map.of("round", 1,
                "link", "https://qinqing.example.gov.cn/rate/eyJhbGciOiJIUzI1NiJ9.eyJnIjoiMSJ9.c2lnbmF0dXJl",
                "expiresAt", Instant.now().plus(Duration.ofDays(7)).toString()));
        expectEnterprise(invited, uscc, List.of(replied, invited));
        add(life, "intake", "rated", g, seq, Map.of("round", 1, "department", lead, "level", "SATISFIED", "solved", true,
                "qinMark", "POSITIVE", "qingMark", "POSITIVE"));
        Planned closed = add(life, "intake", "closed", g, seq, Map.of("reason", "RATED_SATISFIED"));
        expectEnterprise(closed, uscc, List.of(closed));
        for (int i = 0; i < life.size(); i++) {
            life.get(i).lifeTime = start + i * 0.33;
        }
        return life;
    }

    private static Planned add(List<Planned> life, String service, String name, UUID g, long[] seq, Map<String, Object> fields) {
        int publisher = switch (service) {
            case "intake" -> 0;
            case "routing" -> 1;
            default -> 2;
        };
        Planned p = new Planned(service, name, g, ++seq[publisher], fields);
        life.add(p);
        return p;
    }

    /** The enterprise by inbox, SMS and e-mail (the case's contact), its liaison officer by SMS and e-mail. */
    private void expectEnterprise(Planned event, String uscc, List<Planned> triggers) {
        for (String channel : List.of("IN_APP", "SMS", "EMAIL")) {
            expect(event, "enterprise:" + uscc, channel, triggers);
        }
        if (enterprisesWithLiaison.contains(uscc)) {
            expect(event, "liaison:" + uscc, "SMS", triggers);
            expect(event, "liaison:" + uscc, "EMAIL", triggers);
        }
    }

    /** A department by inbox, and by its duty mailbox where an admin set one. */
    private void expectDepartment(Planned event, String code) {
        expect(event, "department:" + code, "IN_APP", List.of(event));
        if (departmentsWithMail.contains(code)) {
            expect(event, "department:" + code, "EMAIL", List.of(event));
        }
    }

    private void expect(Planned event, String recipient, String channel, List<Planned> triggers) {
        expectedDeliveries.add(event.id + "|" + recipient + "|" + channel);
        if (channel.equals("IN_APP")) {
            expectedInbox.put(event.id + "|" + recipient, new ExpectedInbox(triggers));
        }
    }

    private static String uscc(int e) {
        return "91330106MA" + String.format("%08d", e);
    }

    // --- Kafka, PostgreSQL, /proc ----------------------------------------------------------------------------------

    private static KafkaProducer<String, String> producer(KafkaBroker kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /** Binary-mode CloudEvent keyed by grievance id, as the services' outbox relays send them. */
    private static void send(KafkaProducer<String, String> producer, Planned p) throws IOException {
        Instant now = Instant.now();
        p.sentMicros = micros(now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("grievanceId", p.grievanceId.toString());
        data.put("sequence", p.sequence);
        data.put("occurredAt", now.toString());
        data.put("actor", Map.of("role", "system"));
        data.putAll(p.fields);
        ProducerRecord<String, String> record = new ProducerRecord<>(p.topic, null, now.toEpochMilli(),
                p.grievanceId.toString(), JSON.writeValueAsString(data));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", p.id.toString());
        header(record, "ce_type", "cn.qinqing." + p.service + "." + p.name + ".v1");
        header(record, "ce_source", "/qinqing/" + p.service);
        header(record, "ce_subject", p.grievanceId.toString());
        header(record, "ce_time", now.toString());
        header(record, "content-type", "application/json");
        producer.send(record);
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static long processed(Connection db) throws SQLException {
        try (Statement sql = db.createStatement()) {
            return single(sql, "SELECT count(*) FROM processed_event");
        }
    }

    private static long pending(Connection db) throws SQLException {
        try (Statement sql = db.createStatement()) {
            return single(sql, "SELECT count(*) FROM delivery WHERE status = 'PENDING'");
        }
    }

    private static long single(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Whether {@code count} events were consumed within the time. */
    private static boolean awaitProcessed(Connection db, long count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processed(db) < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    /** Hears the service's {@code NOTIFY inbox_message, <id>}: sent by PostgreSQL when the writing transaction commits. */
    private static final class Listener implements AutoCloseable {
        final Map<String, Long> heard = new ConcurrentHashMap<>();
        private final Connection connection;
        private final Thread thread;
        private volatile boolean running = true;

        Listener(String url, String login) throws SQLException {
            connection = DriverManager.getConnection(url, login, login);
            try (Statement listen = connection.createStatement()) {
                listen.execute("LISTEN inbox_message");
            }
            thread = Thread.ofPlatform().name("inbox-listener").daemon().start(this::listen);
        }

        private void listen() {
            try {
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(200);
                    if (notifications != null) {
                        long now = micros(Instant.now());
                        for (PGNotification n : notifications) {
                            heard.putIfAbsent(n.getParameter().split(" ", 2)[0], now); // "<message id> <principal>"
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public void close() throws Exception {
            running = false;
            thread.join(2000);
            connection.close();
        }
    }

    private static HttpServer smsGateway(AtomicLong accepted) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // daemon threads: exec:java waits for the others, so the harness would not end
        server.setExecutor(Executors.newFixedThreadPool(4, Thread.ofPlatform().name("sms-gateway-", 0).daemon().factory()));
        byte[] ok = "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"900619746936498440^0\",\"RequestId\":\"F655A8D5\"}"
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            accepted.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ok);
            }
        });
        server.start();
        return server;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    private static double[] sorted(Collection<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double max(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }
}
