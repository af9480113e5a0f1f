package org.qinqing.e2e.bench;

import static org.qinqing.platform.testing.ProcessFigures.cpuPercent;
import static org.qinqing.platform.testing.ProcessFigures.cpuTicks;
import static org.qinqing.platform.testing.ProcessFigures.rssMb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.qinqing.e2e.WalkingSkeletonIT;
import org.qinqing.platform.ChildProcess;
import org.qinqing.platform.KeycloakServer;
import org.qinqing.platform.LocalPlatform;
import org.qinqing.platform.Postgres;
import org.qinqing.platform.RealmDefinition;
import org.qinqing.platform.ServiceJvm;

/**
 * The whole pipeline against the machine's own ceiling (issue 9), in one run on one machine: PostgreSQL's
 * single-row insert commits per second (pgbench), the same through the barest JVM service ({@link BareSubmissions}),
 * intake's accepted submissions per second at the same concurrency, POST latency at a steady third of the ceiling, POST → the enterprise's in-app dispatch notice (with
 * the due time) at a steady sixth, memory and CPU of each service, start-up times. Not a test: a main.
 *
 * <pre>
 * ./mvnw -B -DskipTests install
 * ./mvnw -q -pl e2e-tests test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.qinqing.e2e.bench.PipelineBenchmark
 * </pre>
 *
 * System properties: {@code bench.seconds} (each closed-loop phase, 15), {@code bench.e2eSeconds} (60),
 * {@code bench.warmUpSeconds} (180, at concurrency 16 before the first measured phase: intake's JIT takes minutes
 * under load on 2 cores), {@code bench.restSettleSeconds} (60, from ready to the at-rest sample),
 * {@code bench.pgbench} (the pgbench binary).
 */
public final class PipelineBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private static final int[] CONCURRENCY = { 1, 16, 64 };
    private static final int MAX_IN_FLIGHT = 256;

    private final LocalPlatform platform;
    private final String realm;
    private final List<String> out = new ArrayList<>();
    private double intakeBest;

    private PipelineBenchmark(LocalPlatform platform) {
        this.platform = platform;
        this.realm = platform.keycloak().realmUrl(RealmDefinition.REALM);
    }

    public static void main(String[] args) throws Exception {
        // exec:java runs this in its own class loader, where DriverManager does not find the driver by itself
        Class.forName("org.postgresql.Driver", true, PipelineBenchmark.class.getClassLoader());
        int seconds = Integer.getInteger("bench.seconds", 15);
        int e2eSeconds = Integer.getInteger("bench.e2eSeconds", 60);
        long started = System.nanoTime();
        try (LocalPlatform platform = new LocalPlatform(LocalPlatform.Settings.throwAway(
                Path.of("target", "bench-platform").toAbsolutePath())).recordStartupCaches().start()) {
            System.out.printf("platform up in %.1f s%n", (System.nanoTime() - started) / 1e9);
            new PipelineBenchmark(platform).run(seconds, e2eSeconds);
        }
        System.exit(0); // exec:java would otherwise wait for the Kafka and HTTP clients' threads
    }

    private void run(int seconds, int e2eSeconds) throws Exception {
        out.add(String.format("machine: %d cores, %s, load before the run %s", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Files.readString(Path.of("/proc/loadavg")).strip()));
        out.add("start-up when all four start together, with Kafka and Keycloak (Quarkus' own 'started in'; each service on "
                + "its own JVM with the services' options: " + String.join(" ", ServiceJvm.options()) + "):");
        for (String service : LocalPlatform.SERVICES) {
            out.add(String.format("  %-13s %s (AOT cache: %s)", service, startedIn(service), platform.startupCacheUse(service)));
        }
        // at rest: G1's periodic collections give the start-up's garbage back within about a minute
        int settle = Integer.getInteger("bench.restSettleSeconds", 60);
        Thread.sleep(settle * 1000L);
        Map<String, double[]> rest = sample(10);
        out.add(String.format("at rest (%d s after ready, then 10 s):", settle));
        rest.forEach((service, v) -> out.add(String.format("  %-13s RSS %4.0f MB  CPU %5.1f %%", service, v[0], v[1])));

        Map<Integer, Double> ceiling = new LinkedHashMap<>();
        for (int c : CONCURRENCY) {
            ceiling.put(c, pgbench(c, seconds));
        }
        Map<Integer, Result> bare = bareSubmissions(seconds);
        String enterprise = token("ent-hz");
        String warmUpToken = enterprise;
        // warm-up: on 2 cores intake's throughput climbs for minutes under load while C2 compiles (BENCHMARKS.md)
        load(16, Integer.getInteger("bench.warmUpSeconds", 180), () -> post(warmUpToken) != null);
        out.add("warm-up drained: " + drained());
        out.add(String.format("intake: accepted submissions (POST /api/v1/grievances → 201, grievance and outbox row committed), %d s each;"
                + " the pipeline drained before each phase:", seconds));
        out.add("  conc  ceiling tps   bare JVM/s (p50 ms)   intake/s   share   of bare   p50 ms   p99 ms  p99.9 ms  errors  drained after");
        Map<String, double[]> underLoad = null;
        for (int c : CONCURRENCY) {
            String phaseToken = token("ent-hz");
            Sampler sampler = c == 16 ? new Sampler() : null;
            Result r = load(c, seconds, () -> post(phaseToken) != null);
            if (sampler != null) {
                underLoad = sampler.stop();
            }
            intakeBest = Math.max(intakeBest, r.perSecond());
            out.add(String.format("  %4d  %11.0f  %10.0f (%6.1f)  %9.0f  %5.0f %%  %6.0f %%  %7.1f  %7.1f  %8.1f  %6d  %s", c,
                    ceiling.get(c), bare.get(c).perSecond(), bare.get(c).percentile(50), r.perSecond(),
                    100 * r.perSecond() / ceiling.get(c), 100 * r.perSecond() / bare.get(c).perSecond(), r.percentile(50),
                    r.percentile(99), r.percentile(99.9), r.errors, drained()));
        }
        out.add("under the intake load (concurrency 16):");
        underLoad.forEach((service, v) -> out.add(String.format("  %-13s RSS %4.0f MB  CPU %5.1f %%", service, v[0], v[1])));

        // first what the platform does at loads it sustains, then the targets' loads, which may overload it
        steadyPost("a third of intake's best closed-loop rate", intakeBest / 3, 20);
        out.add("  drained: " + drained());
        endToEnd("a sixth of intake's best closed-loop rate", intakeBest / 6, e2eSeconds);
        out.add("  drained: " + drained());
        double top = ceiling.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        steadyPost("a third of the ceiling", top / 3, 20);
        out.add("  drained: " + drained());
        endToEnd("a sixth of the ceiling", top / 6, e2eSeconds);
        out.add("  drained: " + drained());

        out.add("start-up of each service alone (stopped, started again while the rest of the platform runs; Quarkus' "
                + "own 'started in', and the wall time from the process start to /q/health/ready answering 200):");
        for (String service : LocalPlatform.SERVICES) {
            platform.stopService(service);
            long begin = System.nanoTime();
            platform.startService(service);
            platform.awaitService(service);
            out.add(String.format("  %-13s %s, ready after %.1f s (AOT cache: %s)", service, startedIn(service),
                    (System.nanoTime() - begin) / 1e9, platform.startupCacheUse(service)));
        }
        platform.postgres().dropDatabase(platform.settings().databasePrefix() + "pgbench", platform.settings().databasePrefix() + "pgbench");
        System.out.println();
        System.out.println("=".repeat(100));
        out.forEach(System.out::println);
        System.out.println("=".repeat(100));
    }

    private void steadyPost(String what, double perSecond, int seconds) throws InterruptedException {
        Result r = steady(perSecond, seconds, token("ent-hz"), null);
        out.add(String.format("steady POSTs at %s (%.0f/s offered for %d s): %.0f/s accepted, p50 %.1f ms, p99 %.1f ms, "
                + "p99.9 %.1f ms, errors %d, not sent (over %d in flight) %d", what, perSecond, seconds, r.perSecond(),
                r.percentile(50), r.percentile(99), r.percentile(99.9), r.errors, MAX_IN_FLIGHT, r.shed));
    }

    private void endToEnd(String what, double perSecond, int seconds) throws InterruptedException {
        try (EndToEnd e2e = new EndToEnd(platform.kafka().bootstrapServers())) {
            Result r = steady(perSecond, seconds, token("ent-hz"), e2e);
            e2e.awaitAll(r.accepted, Duration.ofSeconds(120));
            double[] lat = e2e.latencies();
            out.add(String.format("end to end at %s (%.0f/s offered for %d s, %d accepted, %d not sent): POST → the "
                    + "enterprise's in-app dispatch notice with its due time (notification's `delivered` event, IN_APP, kind "
                    + "dispatched): %d arrived, p50 %.0f ms, p99 %.0f ms, max %.0f ms", what, perSecond, seconds, r.accepted,
                    r.shed, lat.length, percentile(lat, 50), percentile(lat, 99), lat.length == 0 ? 0 : lat[lat.length - 1]));
        }
    }

    /**
     * Waits until every consumer group has committed everything on the topics it reads (at most five minutes), so
     * one phase's backlog does not weigh on the next; says how long that took, or what was left.
     */
    private String drained() {
        long begin = System.nanoTime();
        long lag = Long.MAX_VALUE;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka().bootstrapServers()))) {
            while (System.nanoTime() - begin < TimeUnit.MINUTES.toNanos(5)) {
                lag = 0;
                for (String service : LocalPlatform.SERVICES) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(service + "-service")
                            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(committed.keySet()
                            .stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get(30, TimeUnit.SECONDS);
                    for (var end : ends.entrySet()) {
                        lag += end.getValue().offset() - committed.get(end.getKey()).offset();
                    }
                }
                if (lag == 0) {
                    break;
                }
                Thread.sleep(1000);
            }
        } catch (Exception e) {
            return "lag unknown (" + e + ")";
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        return lag == 0 ? String.format("%.0f s", seconds) : String.format("not in %.0f s (%d records behind)", seconds, lag);
    }

    private String token(String user) {
        return KeycloakServer.passwordGrant(realm, "qinqing-portal", user, RealmDefinition.DEMO_PASSWORD);
    }

    /** The latest start's figure: a service's log is appended to across restarts. */
    private String startedIn(String service) throws IOException {
        Matcher m = Pattern.compile("started in ([0-9.]+)s").matcher(Files.readString(platform.service(service).log()));
        String latest = "?";
        while (m.find()) {
            latest = m.group(1) + " s";
        }
        return latest;
    }

    // --- the ceiling -----------------------------------------------------------------------------------------

    private double pgbench(int clients, int seconds) throws Exception {
        Postgres postgres = platform.postgres();
        String database = platform.settings().databasePrefix() + "pgbench";
        postgres.ensureDatabase(database, database, database);
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), database, database);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_row");
            // shaped like a grievance's insert: a uuid key, a few columns, a text of some hundred bytes
            statement.execute("CREATE TABLE bench_row (id uuid PRIMARY KEY, created_at timestamptz NOT NULL, payload text NOT NULL)");
        }
        Path script = Files.createTempFile("bench-insert", ".sql");
        Files.writeString(script, "INSERT INTO bench_row VALUES (gen_random_uuid(), now(), repeat('诉求', 150));\n");
        String binary = System.getProperty("bench.pgbench", Files.exists(Path.of("/usr/lib/postgresql/15/bin/pgbench"))
                ? "/usr/lib/postgresql/15/bin/pgbench" : "pgbench");
        URI jdbc = URI.create(postgres.jdbcUrl(database).substring("jdbc:".length()));
        ProcessBuilder builder = new ProcessBuilder(binary, "-n", "-h", jdbc.getHost(), "-p", Integer.toString(jdbc.getPort()),
                "-U", database, "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)),
                "-T", Integer.toString(seconds), "-f", script.toString(), database).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", database);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Files.delete(script);
        Matcher m = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("pgbench said:\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }

    // --- intake under load ------------------------------------------------------------------------------------

    record Result(int accepted, int errors, int shed, double seconds, double[] latenciesMs) {
        double perSecond() {
            return accepted / seconds;
        }

        double percentile(double p) {
            return PipelineBenchmark.percentile(latenciesMs, p);
        }
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /**
     * {@link BareSubmissions} on its own JVM (the services' heap and collector) against the ceiling's table, loaded as
     * intake is: what any JVM service behind HTTP reaches here before a framework, a token or a second statement.
     */
    private Map<Integer, Result> bareSubmissions(int seconds) throws Exception {
        String database = platform.settings().databasePrefix() + "pgbench";
        int port = ChildProcess.freePort();
        String classPath = Path.of(BareSubmissions.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + java.io.File.pathSeparator
                + Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ServiceJvm.options());
        command.addAll(List.of("-cp", classPath, BareSubmissions.class.getName(), Integer.toString(port),
                platform.postgres().jdbcUrl(database), database, database));
        ChildProcess bare = ChildProcess.start("bare-submissions", command, Map.of(),
                Path.of(".").toAbsolutePath(), Path.of("target", "bench-platform").toAbsolutePath());
        try {
            bare.awaitReady("listening", Duration.ofSeconds(30), () -> ChildProcess.portOpen(port));
            URI uri = URI.create("http://127.0.0.1:" + port + "/submissions");
            load(16, 10, () -> postBare(uri));
            Map<Integer, Result> results = new LinkedHashMap<>();
            for (int c : CONCURRENCY) {
                results.put(c, load(c, seconds, () -> postBare(uri)));
            }
            return results;
        } finally {
            bare.stop();
        }
    }

    private boolean postBare(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(submission()))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 201;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code concurrency} clients, each posting its next submission when the last is answered. */
    private Result load(int concurrency, int seconds, java.util.function.BooleanSupplier submit) throws InterruptedException {
        List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrency; i++) {
                clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        boolean ok = submit.getAsBoolean();
                        latencies.add((System.nanoTime() - sent) / 1e6);
                        (ok ? accepted : errors).incrementAndGet();
                    }
                });
            }
        }
        return result(accepted.get(), errors.get(), 0, (System.nanoTime() - start) / 1e9, latencies);
    }

    /**
     * Submissions at a fixed rate whatever the answers (open loop); latency counted from the planned send time. A
     * submission due while {@link #MAX_IN_FLIGHT} are unanswered is not sent but counted, so an overload shows as
     * such instead of tens of thousands of waiting clients taking the machine from the platform.
     */
    private Result steady(double perSecond, int seconds, String token, EndToEnd e2e) throws InterruptedException {
        List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger shed = new AtomicInteger();
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(MAX_IN_FLIGHT);
        long interval = (long) (1e9 / perSecond);
        long start = System.nanoTime();
        int total = (int) (perSecond * seconds);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long planned = start + i * interval;
                long wait = planned - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                if (!inFlight.tryAcquire()) {
                    shed.incrementAndGet();
                    continue;
                }
                clients.submit(() -> {
                    long plannedWall = System.currentTimeMillis() - (System.nanoTime() - planned) / 1_000_000;
                    String id = post(token);
                    inFlight.release();
                    latencies.add((System.nanoTime() - planned) / 1e6);
                    if (id != null) {
                        accepted.incrementAndGet();
                        if (e2e != null) {
                            e2e.submitted(id, plannedWall);
                        }
                    } else {
                        errors.incrementAndGet();
                    }
                });
            }
        }
        return result(accepted.get(), errors.get(), shed.get(), (System.nanoTime() - start) / 1e9, latencies);
    }

    private static Result result(int accepted, int errors, int shed, double seconds, List<Double> latencies) {
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Result(accepted, errors, shed, seconds, sorted);
    }

    private static Map<String, Object> submission() {
        Map<String, Object> body = WalkingSkeletonIT.grievance();
        body.put("title", "融资贷款审批迟迟没有结果 " + ThreadLocalRandom.current().nextInt(1_000_000));
        // two random ids keep the bigram similarity to the enterprise's recent cases under the duplicate threshold
        body.put("content", "我公司提交的科技型中小企业贷款贴息申请至今没有答复，请帮助协调。申请编号 " + UUID.randomUUID()
                + "，合同编号 " + UUID.randomUUID());
        return body;
    }

    /** One submission; its id when intake answered 201 ACCEPTED, else null. */
    private String post(String token) {
        Map<String, Object> body = submission();
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                    platform.settings().serviceUrl("intake") + "/api/v1/grievances"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                return null;
            }
            JsonNode answer = JSON.readTree(response.body());
            return "ACCEPTED".equals(answer.path("status").asText()) ? answer.path("id").asText() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    // --- end to end -------------------------------------------------------------------------------------------

    /** Reads notification's events from now on and matches each enterprise in-app dispatch notice to its POST. */
    static final class EndToEnd implements AutoCloseable {
        private final Map<String, Long> postedAt = new ConcurrentHashMap<>();
        private final Map<String, Long> notifiedAt = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread reader;

        EndToEnd(String bootstrapServers) throws InterruptedException {
            AtomicBoolean assigned = new AtomicBoolean();
            reader = Thread.ofPlatform().daemon().start(() -> {
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new StringDeserializer())) {
                    consumer.subscribe(List.of("qinqing.notification.events"));
                    while (running.get()) {
                        var records = consumer.poll(Duration.ofMillis(100));
                        if (!consumer.assignment().isEmpty()) {
                            assigned.set(true);
                        }
                        for (ConsumerRecord<String, String> record : records) {
                            Header type = record.headers().lastHeader("ce_type");
                            if (type == null || !new String(type.value(), StandardCharsets.UTF_8).endsWith(".delivered.v1")) {
                                continue;
                            }
                            JsonNode data = JSON.readTree(record.value());
                            if ("IN_APP".equals(data.path("channel").asText()) && "dispatched".equals(data.path("kind").asText())
                                    && data.path("recipient").asText().startsWith("enterprise")) {
                                notifiedAt.putIfAbsent(record.key(), Instant.parse(data.path("occurredAt").asText()).toEpochMilli());
                            }
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            while (!assigned.get()) {
                Thread.sleep(100);
            }
        }

        void submitted(String grievanceId, long plannedWallMillis) {
            postedAt.put(grievanceId, plannedWallMillis);
        }

        void awaitAll(int expected, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end && postedAt.keySet().stream().filter(notifiedAt::containsKey).count() < expected) {
                Thread.sleep(250);
            }
        }

        double[] latencies() {
            return postedAt.entrySet().stream().filter(e -> notifiedAt.containsKey(e.getKey()))
                    .mapToDouble(e -> notifiedAt.get(e.getKey()) - e.getValue()).sorted().toArray();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            reader.join(5_000);
        }
    }

    // --- memory and CPU ---------------------------------------------------------------------------------------

    /** RSS (MB) and CPU (% of one core) of each service over the next {@code seconds}. */
    private Map<String, double[]> sample(int seconds) throws Exception {
        Sampler sampler = new Sampler();
        Thread.sleep(seconds * 1000L);
        return sampler.stop();
    }

    final class Sampler {
        private final Map<String, Long> ticks = new LinkedHashMap<>();
        private final long started = System.nanoTime();

        Sampler() throws IOException {
            for (String service : LocalPlatform.SERVICES) {
                ticks.put(service, cpuTicks(platform.service(service).pid()));
            }
        }

        Map<String, double[]> stop() throws IOException {
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, double[]> figures = new LinkedHashMap<>();
            for (String service : LocalPlatform.SERVICES) {
                long pid = platform.service(service).pid();
                double cpu = cpuPercent(ticks.get(service), cpuTicks(pid), seconds);
                figures.put(service, new double[] { rssMb(pid), cpu });
            }
            return figures;
        }
    }
}
