package org.qinqing.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** deploy/compose/docker-compose.yml, checked without a Docker engine: names, files, ports, variables. */
class ComposeFileTest {

    private static final Path COMPOSE_DIR = Repository.file("deploy/compose");
    private static final Set<String> TOP_LEVEL = Set.of("name", "services", "volumes");
    private static final Set<String> SERVICE_KEYS = Set.of("image", "build", "command", "entrypoint", "environment",
            "volumes", "ports", "depends_on", "healthcheck", "restart", "deploy");
    private static final Set<String> CONDITIONS = Set.of("service_started", "service_healthy",
            "service_completed_successfully");

    private final Map<String, Object> compose = load();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try (Reader in = Files.newBufferedReader(COMPOSE_DIR.resolve("docker-compose.yml"))) {
            return (Map<String, Object>) new Yaml().load(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertTrue(value instanceof Map, key + " is a mapping");
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> environment(String service) {
        Map<String, String> env = new HashMap<>();
        ((Map<String, Object>) services().get(service).get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    @Test
    void onlyKeysComposeKnows() {
        assertTrue(TOP_LEVEL.containsAll(compose.keySet()), "top-level keys " + compose.keySet());
        services().forEach((name, service) -> assertTrue(SERVICE_KEYS.containsAll(service.keySet()),
                name + " has keys compose does not know: " + service.keySet()));
        assertEquals(Set.of("kafka", "kafka-topics", "postgres", "keycloak", "intake-service", "routing-service",
                "deadline-service", "notification-service"), services().keySet());
    }

    @Test
    @SuppressWarnings("unchecked")
    void dependenciesNameServicesAndTheirConditionsHold() {
        services().forEach((name, service) -> {
            if (!service.containsKey("depends_on")) {
                return;
            }
            map(service, "depends_on").forEach((target, spec) -> {
                assertTrue(services().containsKey(target), name + " depends on unknown service " + target);
                String condition = String.valueOf(((Map<String, Object>) spec).get("condition"));
                assertTrue(CONDITIONS.contains(condition), name + " → " + target + ": " + condition);
                if (condition.equals("service_healthy")) {
                    assertTrue(services().get(target).containsKey("healthcheck"),
                            name + " waits for " + target + " to be healthy, which has no healthcheck");
                }
            });
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void mountedFilesExistAndNamedVolumesAreDeclared() {
        Map<String, Object> volumes = map(compose, "volumes");
        int mounts = 0;
        for (var entry : services().entrySet()) {
            for (Object volume : (List<Object>) entry.getValue().getOrDefault("volumes", List.of())) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith(".")) {
                    assertTrue(Files.exists(COMPOSE_DIR.resolve(source).normalize()), entry.getKey() + " mounts " + source
                            + ", which does not exist");
                    mounts++;
                } else {
                    assertTrue(volumes.containsKey(source), entry.getKey() + " uses undeclared volume " + source);
                }
            }
        }
        assertTrue(mounts >= 4);
    }

    @Test
    @SuppressWarnings("unchecked")
    void keycloakImportsTheRealmTheServicesAsk() throws IOException {
        Map<String, Object> keycloak = services().get("keycloak");
        List<String> command = (List<String>) keycloak.get("command");
        assertTrue(command.contains("--import-realm"));
        String mount = ((List<String>) keycloak.get("volumes")).stream().filter(v -> v.contains("realm")).findFirst().orElseThrow();
        String[] parts = mount.split(":");
        assertEquals(Repository.file("deploy/keycloak/qinqing-realm.json"), COMPOSE_DIR.resolve(parts[0]).normalize());
        assertTrue(parts[1].startsWith("/opt/keycloak/data/import/"));
        String realm = new ObjectMapper().readTree(Repository.file("deploy/keycloak/qinqing-realm.json").toFile())
                .get("realm").asText();
        String httpPort = command.stream().filter(c -> c.startsWith("--http-port=")).findFirst().orElseThrow()
                .substring("--http-port=".length());
        String hostname = command.stream().filter(c -> c.startsWith("--hostname=")).findFirst().orElseThrow()
                .substring("--hostname=".length());
        int published = Integer.parseInt(URIs.port(hostname));
        assertTrue(((List<String>) keycloak.get("ports")).contains(published + ":" + httpPort),
                "the issuer's host port " + published + " is published to Keycloak's " + httpPort);
        for (String service : Repository.SERVICES) {
            assertEquals("http://keycloak:" + httpPort + "/realms/" + realm,
                    environment(service).get("QUARKUS_OIDC_AUTH_SERVER_URL"), service);
        }
    }

    @Test
    void serversAreTheVersionsTheLocalPlatformRuns() throws IOException {
        String servers = Files.readString(Repository.file("deploy/local/servers/pom.xml"));
        assertEquals("apache/kafka:" + property(servers, "kafka.version"), services().get("kafka").get("image"));
        assertEquals("apache/kafka:" + property(servers, "kafka.version"), services().get("kafka-topics").get("image"));
        assertEquals("keycloak/keycloak:" + property(servers, "keycloak.version"), services().get("keycloak").get("image"));
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertTrue(m.find(), name);
        return m.group(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceRunsTwoReplicasOfItsImageOnItsPortWithTheVariablesItReads() throws IOException {
        String initScript = Files.readString(COMPOSE_DIR.resolve("postgres-init/create-databases.sh"));
        Map<String, String> postgresEnv = environment("postgres");
        String kafkaAdvertised = environment("kafka").get("KAFKA_ADVERTISED_LISTENERS");
        for (String service : Repository.SERVICES) {
            Map<String, Object> definition = services().get(service);
            assertEquals(2, map(definition, "deploy").get("replicas"), service + " replicas");
            Map<String, Object> build = map(definition, "build");
            Path context = COMPOSE_DIR.resolve(String.valueOf(build.get("context"))).normalize();
            assertEquals(Repository.root(), context, service + " builds from the repository root");
            assertEquals(Repository.file(ImageDefinition.PATH), context.resolve(String.valueOf(build.get("dockerfile"))));
            Map<String, Object> args = map(build, "args");
            assertEquals(ImageDefinition.read().buildArguments(), args.keySet(), service + " build args");
            assertEquals(service, args.get("SERVICE"));
            int port = Repository.httpPort(service);
            assertEquals(String.valueOf(port), String.valueOf(args.get("PORT")), service + " image port");
            assertEquals(List.of(String.valueOf(port)), ((List<Object>) definition.get("ports")).stream().map(String::valueOf).toList(),
                    service + " publishes its port (a host port per replica)");
            assertEquals("qinqing/" + service + ":1.0.0-SNAPSHOT", definition.get("image"));

            Map<String, String> env = environment(service);
            Set<String> read = Repository.environmentVariablesRead(service);
            env.keySet().forEach(variable -> assertTrue(read.contains(variable), service + " is given " + variable
                    + ", which its application.properties does not read"));
            Repository.environmentVariablesRequired(service).forEach(required -> assertTrue(env.containsKey(required),
                    service + " cannot start without " + required + ", which the compose file does not give it"));
            String database = service.replace("-service", "");
            assertEquals("jdbc:postgresql://postgres:5432/qinqing_" + database, env.get("QUARKUS_DATASOURCE_JDBC_URL"));
            assertEquals("qinqing_" + database, env.get("QUARKUS_DATASOURCE_USERNAME"));
            String passwordVariable = "QINQING_" + database.toUpperCase() + "_DB_PASSWORD";
            assertEquals(postgresEnv.get(passwordVariable), env.get("QUARKUS_DATASOURCE_PASSWORD"),
                    service + " logs in with the password the init script gave its login");
            assertTrue(initScript.contains("for service in intake routing deadline notification"));
            assertTrue(kafkaAdvertised.endsWith("//" + env.get("KAFKA_BOOTSTRAP_SERVERS")),
                    service + " connects where the broker advertises itself");
            assertTrue(map(definition, "depends_on").keySet().containsAll(Set.of("postgres", "kafka-topics", "keycloak")));
        }
    }

    @Test
    void theTopicsServiceCreatesThePlannedTopics() throws Exception {
        Path fake = Files.createTempFile("kafka-topics", ".sh");
        Files.writeString(fake, "#!/bin/sh\necho \"$@\"\n");
        fake.toFile().setExecutable(true);
        ProcessBuilder builder = new ProcessBuilder("sh", COMPOSE_DIR.resolve("create-topics.sh").toString());
        builder.environment().put("PLAN", Repository.file("deploy/kafka/topics.properties").toString());
        builder.environment().put("KAFKA_TOPICS", fake.toString());
        Process run = builder.redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes());
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, run.exitValue(), output);
        List<String> created = new ArrayList<>(output.lines().toList());
        for (Repository.PlannedTopic topic : Repository.topicPlan().values()) {
            String expected = "--bootstrap-server kafka:9092 --create --if-not-exists --topic " + topic.name()
                    + " --partitions " + topic.partitions() + " --replication-factor 1 --config retention.ms="
                    + topic.retentionMs();
            assertTrue(created.remove(expected), "not created as planned: " + expected + "\n" + output);
        }
        assertTrue(created.isEmpty(), "unplanned: " + created);
        Files.delete(fake);
    }

    /** Tiny URL helper, so the test needs no URL parsing library. */
    static final class URIs {
        static String port(String url) {
            return String.valueOf(java.net.URI.create(url).getPort());
        }
    }
}
