package org.qinqing.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code ./deploy/local/up}: starts the platform unless it already runs, then prints what a user needs next. */
public final class LocalPlatformMain {

    private LocalPlatformMain() {
    }

    public static void main(String[] args) throws IOException {
        LocalPlatform.Settings settings = LocalPlatform.Settings.defaults();
        List<String> running = runningComponents(settings.stateDir().resolve("pids"));
        if (!running.isEmpty()) {
            System.out.println("The platform is already running (" + String.join(", ", running)
                    + "); ./deploy/local/down stops it.");
        } else {
            long started = System.nanoTime();
            System.out.println("Starting PostgreSQL, Kafka, Keycloak and the four services; logs in "
                    + settings.stateDir().resolve("logs"));
            String replicas = System.getenv().getOrDefault("QINQING_REPLICAS", "1");
            try {
                LocalPlatform platform = new LocalPlatform(settings).replicas(Integer.parseInt(replicas.strip()))
                        .recordStartupCaches().start();
                for (int replica = 2; replica <= platform.replicas(); replica++) {
                    for (String service : LocalPlatform.SERVICES) {
                        System.out.println(service + "-service replica " + replica + ": " + platform.replicaUrl(service, replica));
                    }
                }
            } catch (RuntimeException e) {
                System.err.println("\nThe platform did not start: " + e.getMessage());
                System.err.println("What did start keeps running; ./deploy/local/down stops it.");
                System.exit(1);
            }
            System.out.printf("Started in %.0f s.%n", (System.nanoTime() - started) / 1e9);
            String demo = DemoData.seed(settings, "http://localhost:" + settings.keycloakPort() + "/realms/" + RealmDefinition.REALM);
            if (demo != null) {
                System.out.println("Demo grievance of ent-hz: " + demo);
            }
        }
        printGuide(settings);
    }

    private static List<String> runningComponents(Path pids) throws IOException {
        List<String> running = new ArrayList<>();
        if (!Files.isDirectory(pids)) {
            return running;
        }
        try (Stream<Path> files = Files.list(pids)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                long pid = Long.parseLong(Files.readString(file).trim());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    running.add(file.getFileName().toString().replace(".pid", "") + " " + pid);
                }
            }
        }
        return running;
    }

    private static void printGuide(LocalPlatform.Settings settings) {
        String keycloak = "http://localhost:" + settings.keycloakPort();
        String intake = settings.serviceUrl("intake");
        StringBuilder out = new StringBuilder("\n企业诉求受理督办平台 is up.\n\nServices (Swagger UI, health, metrics):\n");
        for (String service : LocalPlatform.SERVICES) {
            String url = settings.serviceUrl(service);
            out.append(String.format("  %-13s %s/q/swagger-ui   %s/q/health   %s/q/metrics%n", service, url, url, url));
        }
        out.append(String.format("  %-13s %s/admin  (admin / admin), realm %s%n", "keycloak", keycloak, RealmDefinition.REALM));
        out.append(String.format("  %-13s 127.0.0.1:%d%n", "kafka", settings.kafkaPort()));
        out.append(String.format("  %-13s databases %s<service> on 127.0.0.1:5432%n", "postgresql", settings.databasePrefix()));
        out.append("\nDemo users (password '").append(RealmDefinition.DEMO_PASSWORD).append("'):\n");
        for (JsonNode user : RealmDefinition.demoUsers()) {
            out.append(String.format("  %-18s %-11s %s%n", user.get("username").asText(),
                    user.get("realmRoles").get(0).asText(), user.path("attributes").toString()));
        }
        out.append("\nSubmit a grievance as the demo enterprise and follow it:\n")
                .append("  TOKEN=$(curl -s -d grant_type=password -d client_id=qinqing-portal -d username=ent-hz -d password=demo \\\n")
                .append("    ").append(keycloak).append("/realms/qinqing/protocol/openid-connect/token | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')\n")
                .append("  curl -s -X POST ").append(intake).append("/api/v1/grievances -H \"Authorization: Bearer $TOKEN\" \\\n")
                .append("    -H 'Content-Type: application/json' -d '").append(DemoData.TRY_IT_GRIEVANCE).append("'\n")
                .append("  curl -s ").append(intake).append("/api/v1/grievances/<id from the answer> -H \"Authorization: Bearer $TOKEN\"\n")
                .append("\nStop everything with ./deploy/local/down\n");
        System.out.print(out);
    }
}
