package org.qinqing.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole platform on one machine: PostgreSQL (one database and login per service), a Kafka broker with the
 * declared topics, Keycloak with the demo realm, and the four services from their built jars.
 * {@code ./deploy/local/up} and the end-to-end tests start it through this class.
 */
public final class LocalPlatform implements AutoCloseable {

    public static final List<String> SERVICES = List.of("intake", "routing", "deadline", "notification");

    /** Ports and names of one platform instance; {@link #defaults()} is what the README documents. */
    public record Settings(Path stateDir, String databasePrefix, int kafkaPort, int kafkaControllerPort,
            int keycloakPort, int keycloakManagementPort, Map<String, Integer> servicePorts) {

        public static Settings defaults() {
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (int i = 0; i < SERVICES.size(); i++) {
                ports.put(SERVICES.get(i), envPort("QINQING_" + SERVICES.get(i).toUpperCase() + "_PORT", 8081 + i));
            }
            return new Settings(PlatformPaths.root().resolve(".run"), "qinqing_", envPort("QINQING_KAFKA_PORT", 19092),
                    envPort("QINQING_KAFKA_CONTROLLER_PORT", 19093), envPort("QINQING_KEYCLOAK_PORT", 8180),
                    envPort("QINQING_KEYCLOAK_MANAGEMENT_PORT", 9180), ports);
        }

        /** Free ports and throw-away databases, for a test run beside a running local platform. */
        /** Free ports, fresh databases and an emptied state directory: nothing left from an earlier run. */
        public static Settings throwAway(Path stateDir) {
            PlatformPaths.deleteRecursively(stateDir);
            Map<String, Integer> ports = new LinkedHashMap<>();
            SERVICES.forEach(service -> ports.put(service, ChildProcess.freePort()));
            String prefix = "e2e_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "_";
            return new Settings(stateDir, prefix, ChildProcess.freePort(), ChildProcess.freePort(), ChildProcess.freePort(),
                    ChildProcess.freePort(), ports);
        }

        private static int envPort(String name, int fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
        }

        public String serviceUrl(String service) {
            return "http://localhost:" + servicePorts.get(service);
        }

        public String database(String service) {
            return databasePrefix + service;
        }
    }

    private final Settings settings;
    private volatile Postgres postgres = Postgres.fromEnvironment();
    private boolean wantsOwnCluster;
    /** The PostgreSQL cluster of this platform's own, once started, when {@link #ownPostgresCluster()} asked for one. */
    private volatile PostgresCluster ownCluster;
    private final KafkaBroker kafka;
    private final KeycloakServer keycloak;
    /** Running service instances: replica 1 under the service's name, replica n under {@code service#n}. */
    private final Map<String, ChildProcess> services = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    /** Ports of replicas 2..n, chosen once so a restarted replica comes back where it was. */
    private final Map<String, Integer> replicaPorts = new LinkedHashMap<>();
    private int replicas = 1;
    private boolean recordsStartupCaches;
    /** How each running instance started: from its AOT cache, recording one (it writes it when it stops), or neither. */
    private final Map<String, String> startupCacheUse = new java.util.concurrent.ConcurrentHashMap<>();

    public LocalPlatform(Settings settings) {
        this.settings = settings;
        this.kafka = new KafkaBroker(settings.stateDir(), settings.kafkaPort(), settings.kafkaControllerPort());
        this.keycloak = new KeycloakServer(settings.stateDir(), settings.keycloakPort(), settings.keycloakManagementPort(),
                "admin");
    }

    public Settings settings() {
        return settings;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public Postgres postgres() {
        return postgres;
    }

    /**
     * Runs this platform against a PostgreSQL cluster of its own (created at {@link #start()} on a free port,
     * removed at {@link #close()}) instead of the machine's shared one, so a test may stop and start the database
     * ({@link #postgresCluster()}) without breaking every other build on the machine.
     */
    public LocalPlatform ownPostgresCluster() {
        if (!isThrowAway()) {
            throw new IllegalStateException("a cluster of its own is for a throw-away platform (tests, benchmarks)");
        }
        wantsOwnCluster = true;
        return this;
    }

    /** The platform's own cluster; only after {@link #ownPostgresCluster()} and {@link #start()}. */
    public PostgresCluster postgresCluster() {
        if (ownCluster == null) {
            throw new IllegalStateException("this platform uses the shared PostgreSQL cluster");
        }
        return ownCluster;
    }

    public ChildProcess service(String name) {
        return services.get(name);
    }

    /**
     * How many instances of every service {@link #start()} runs (default 1): the same databases, the same Kafka
     * consumer groups, each replica on its own port (replica 1 on the settings' port, the others on free ports).
     */
    public LocalPlatform replicas(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one replica");
        }
        this.replicas = count;
        return this;
    }

    /**
     * A service (replica 1) started without a usable AOT cache records one, written when it stops; every start uses
     * a usable cache either way. For {@code ./deploy/local/up} and the benchmarks; the tests only use what exists.
     */
    public LocalPlatform recordStartupCaches() {
        this.recordsStartupCaches = true;
        return this;
    }

    /** Whether a service's replica 1 started from its AOT cache ("used"), is "recording" one, or has "none". */
    public String startupCacheUse(String service) {
        return startupCacheUse.getOrDefault(service, "none");
    }

    public int replicas() {
        return replicas;
    }

    public int replicaPort(String service, int replica) {
        if (replica == 1) {
            return settings.servicePorts().get(service);
        }
        return replicaPorts.computeIfAbsent(replicaKey(service, replica), key -> ChildProcess.freePort());
    }

    public String replicaUrl(String service, int replica) {
        return "http://localhost:" + replicaPort(service, replica);
    }

    public ChildProcess replica(String service, int replica) {
        return services.get(replicaKey(service, replica));
    }

    private static String replicaKey(String service, int replica) {
        return replica == 1 ? service : service + "#" + replica;
    }

    /**
     * Starts everything and returns when every service reports ready. A throw-away platform (tests, benchmarks) that
     * fails half-way stops what it did start, since its caller never gets an instance to close; the local platform
     * of {@code up} keeps it running for its logs ({@code down} stops it).
     */
    public LocalPlatform start() {
        for (String service : SERVICES) {
            requirePortFree(service, settings.servicePorts().get(service));
        }
        try {
            startAll();
        } catch (RuntimeException | Error e) {
            if (isThrowAway()) {
                try {
                    close();
                } catch (RuntimeException stopping) {
                    e.addSuppressed(stopping);
                }
            }
            throw e;
        }
        return this;
    }

    private boolean isThrowAway() {
        return settings.databasePrefix().startsWith("e2e_");
    }

    private void startAll() {
        keycloak.start();
        CompletableFuture<Void> databases = CompletableFuture.runAsync(() -> {
            if (wantsOwnCluster) {
                ownCluster = PostgresCluster.create("qinqing-" + settings.databasePrefix().replaceAll("_$", "").replace('_', '-'));
                postgres = ownCluster.postgres();
            }
            postgres.ensureRunning();
            for (String service : SERVICES) {
                postgres.ensureDatabase(settings.database(service), settings.database(service), settings.database(service));
            }
        });
        try {
            kafka.start().createTopics(TopicPlan.load());
        } catch (RuntimeException | Error e) {
            // a cluster of its own is created on the way there: close() must know it to remove it
            databases.handle((done, failed) -> null).join();
            throw e;
        }
        databases.join();
        keycloak.awaitReady().importRealm(RealmDefinition.demo());
        for (int replica = 1; replica <= replicas; replica++) {
            for (String service : SERVICES) {
                startReplica(service, replica);
            }
        }
        for (int replica = 1; replica <= replicas; replica++) {
            for (String service : SERVICES) {
                awaitReplica(service, replica);
            }
        }
    }

    private static void requirePortFree(String what, int port) {
        if (ChildProcess.portOpen(port)) {
            throw new IllegalStateException("port " + port + " for " + what + " is already taken; stop what listens "
                    + "there or choose another port (QINQING_" + what.toUpperCase() + "_PORT)");
        }
    }

    public ChildProcess startService(String service) {
        return startReplica(service, 1);
    }

    /** Starts one instance of a service; replica 1 logs to {@code <service>-service.log}, replica n to {@code …-n.log}. */
    public ChildProcess startReplica(String service, int replica) {
        StartupCache startupCache = StartupCache.of(service);
        String database = settings.database(service);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(replicaPort(service, replica)));
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
        environment.put("QUARKUS_DATASOURCE_USERNAME", database);
        environment.put("QUARKUS_DATASOURCE_PASSWORD", database);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.realmUrl(RealmDefinition.REALM));
        for (String other : SERVICES) {
            environment.put("QINQING_" + other.toUpperCase() + "_URL", settings.serviceUrl(other));
        }
        environment.putAll(LocalSecrets.in(settings.stateDir()).environmentOf(service, settings.serviceUrl(service),
                settings.stateDir()));
        List<String> cacheOptions = startupCache.jvmOptions(recordsStartupCaches && replica == 1, ServiceJvm.options());
        List<String> command = ServiceJvm.command(cacheOptions);
        command.addAll(List.of("-jar", startupCache.jar().toString()));
        String name = service + "-service" + (replica == 1 ? "" : "-" + replica);
        ChildProcess process = ChildProcess.start(name, command, environment,
                PlatformPaths.root().resolve(service + "-service"), settings.stateDir());
        String key = replicaKey(service, replica);
        services.put(key, process);
        startupCacheUse.put(key, cacheOptions.isEmpty() ? "none"
                : cacheOptions.getFirst().startsWith("-XX:AOTCacheOutput") ? "recording" : "used");
        return process;
    }

    public void awaitService(String service) {
        awaitReplica(service, 1);
    }

    public void awaitReplica(String service, int replica) {
        String ready = replicaUrl(service, replica) + "/q/health/ready";
        services.get(replicaKey(service, replica)).awaitReady("ready at " + ready, Duration.ofMinutes(3),
                () -> ChildProcess.httpStatus(ready) == 200);
    }

    public void stopService(String service) {
        ChildProcess process = services.remove(service);
        if (process != null) {
            boolean recording = "recording".equals(startupCacheUse.remove(service));
            process.stop(recording ? Duration.ofMinutes(3) : Duration.ofSeconds(30));
        }
    }

    /** Stops one instance gracefully (SIGTERM), as a rolling update or a node drain does. */
    public void stopReplica(String service, int replica) {
        stopService(replicaKey(service, replica));
    }

    /** Stops what this instance started; drops throw-away databases, or its own cluster with them. */
    @Override
    public void close() {
        // together: a service recording its startup cache takes ~20 s of CPU to write it on the way out
        CompletableFuture.allOf(new ArrayList<>(services.keySet()).stream()
                .map(service -> CompletableFuture.runAsync(() -> stopService(service))).toArray(CompletableFuture[]::new))
                .join();
        keycloak.stop();
        kafka.stop();
        if (ownCluster != null) {
            ownCluster.drop();
            ownCluster = null;
        } else if (isThrowAway()) {
            for (String service : SERVICES) {
                postgres.dropDatabase(settings.database(service), settings.database(service));
            }
        }
    }
}
