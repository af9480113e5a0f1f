package org.qinqing.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole platform on one machine: PostgreSQL (one database and login per service), a Kafka broker with the
 * declared topics, Keycloak with the demo realm, and the four services from their built {@code quarkus-app}.
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
    private final Postgres postgres = Postgres.fromEnvironment();
    private final KafkaBroker kafka;
    private final KeycloakServer keycloak;
    private final Map<String, ChildProcess> services = new LinkedHashMap<>();

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

    public ChildProcess service(String name) {
        return services.get(name);
    }

    /** Starts everything and returns when every service reports ready. */
    public LocalPlatform start() {
        for (String service : SERVICES) {
            requirePortFree(service, settings.servicePorts().get(service));
        }
        keycloak.start();
        CompletableFuture<Void> databases = CompletableFuture.runAsync(() -> {
            postgres.ensureRunning();
            for (String service : SERVICES) {
                postgres.ensureDatabase(settings.database(service), settings.database(service), settings.database(service));
            }
        });
        kafka.start().createTopics(TopicPlan.load());
        databases.join();
        keycloak.awaitReady().importRealm(RealmDefinition.demo());
        for (String service : SERVICES) {
            startService(service);
        }
        for (String service : SERVICES) {
            awaitService(service);
        }
        return this;
    }

    private static void requirePortFree(String what, int port) {
        if (ChildProcess.portOpen(port)) {
            throw new IllegalStateException("port " + port + " for " + what + " is already taken; stop what listens "
                    + "there or choose another port (QINQING_" + what.toUpperCase() + "_PORT)");
        }
    }

    public ChildProcess startService(String service) {
        Path app = PlatformPaths.root().resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException(app + " is missing: build first (./mvnw -DskipTests package)");
        }
        String database = settings.database(service);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(settings.servicePorts().get(service)));
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
        environment.put("QUARKUS_DATASOURCE_USERNAME", database);
        environment.put("QUARKUS_DATASOURCE_PASSWORD", database);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.realmUrl(RealmDefinition.REALM));
        for (String other : SERVICES) {
            environment.put("QINQING_" + other.toUpperCase() + "_URL", settings.serviceUrl(other));
        }
        environment.putAll(LocalSecrets.in(settings.stateDir()).environmentOf(service, settings.serviceUrl(service)));
        List<String> command = List.of(PlatformPaths.java().toString(), "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-jar", app.toString());
        ChildProcess process = ChildProcess.start(service + "-service", command, environment,
                PlatformPaths.root().resolve(service + "-service"), settings.stateDir());
        services.put(service, process);
        return process;
    }

    public void awaitService(String service) {
        String ready = settings.serviceUrl(service) + "/q/health/ready";
        services.get(service).awaitReady("ready at " + ready, Duration.ofMinutes(2),
                () -> ChildProcess.httpStatus(ready) == 200);
    }

    public void stopService(String service) {
        ChildProcess process = services.remove(service);
        if (process != null) {
            process.stop();
        }
    }

    /** Stops what this instance started; drops throw-away databases. */
    @Override
    public void close() {
        new ArrayList<>(services.keySet()).forEach(this::stopService);
        keycloak.stop();
        kafka.stop();
        if (settings.databasePrefix().startsWith("e2e_")) {
            for (String service : SERVICES) {
                postgres.dropDatabase(settings.database(service), settings.database(service));
            }
        }
    }
}
