package org.qinqing.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Keycloak from the {@code org.keycloak:keycloak-quarkus-dist} zip, unpacked once into the cache, started in
 * development mode with an in-memory database; the realm is imported through the admin API after start, so
 * several instances can share one unpacked distribution.
 */
public final class KeycloakServer {

    public static final String BOOTSTRAP_ADMIN = "admin";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path stateDir;
    private final int port;
    private final int managementPort;
    private final String adminPassword;
    private ChildProcess process;

    public KeycloakServer(Path stateDir, int port, int managementPort, String adminPassword) {
        this.stateDir = stateDir;
        this.port = port;
        this.managementPort = managementPort;
        this.adminPassword = adminPassword;
    }

    /** The base URL, also the issuer's host: always {@code localhost}, never 127.0.0.1 (two issuers otherwise). */
    public String url() {
        return "http://localhost:" + port;
    }

    public String realmUrl(String realm) {
        return url() + "/realms/" + realm;
    }

    /** Starts the process; {@link #awaitReady()} waits for it, so other servers can start meanwhile. */
    public synchronized KeycloakServer start() {
        if (ChildProcess.portOpen(port) || ChildProcess.portOpen(managementPort)) {
            throw new IllegalStateException("port " + port + " or " + managementPort
                    + " is already taken; stop what listens there or choose other ports (QINQING_KEYCLOAK_PORT)");
        }
        Path home = unpacked();
        process = ChildProcess.start("keycloak", List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-management-port=" + managementPort, "--hostname=" + url(),
                "--db=dev-mem", "--cache=local"),
                Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", BOOTSTRAP_ADMIN, "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword,
                        "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m"),
                home, stateDir);
        return this;
    }

    public KeycloakServer awaitReady() {
        process.awaitReady("serving " + url(), Duration.ofMinutes(4),
                () -> ChildProcess.httpStatus(realmUrl("master")) == 200);
        return this;
    }

    public synchronized void stop() {
        if (process != null) {
            process.stop();
            process = null;
        }
    }

    public ChildProcess process() {
        return process;
    }

    /** The distribution, unpacked into the cache on first use. */
    static Path unpacked() {
        Path zip = Path.of(PlatformPaths.resolvedServerFile("keycloak.zip.path"));
        String name = zip.getFileName().toString().replace(".zip", "");
        Path home = PlatformPaths.cache().resolve(name);
        if (Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            return home;
        }
        try {
            Files.createDirectories(home.getParent());
            Path staging = Files.createTempDirectory(home.getParent(), name + ".unpacking");
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                    // the zip holds one top-level folder (keycloak-26.x.y/); drop it
                    String path = entry.getName().substring(entry.getName().indexOf('/') + 1);
                    Path target = staging.resolve(path).normalize();
                    if (!target.startsWith(staging) || path.isEmpty()) {
                        continue;
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        if (path.startsWith("bin/") && path.endsWith(".sh")) {
                            target.toFile().setExecutable(true);
                        }
                    }
                }
            }
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + zip, e);
        }
    }

    /** Creates the realm through the admin API unless it exists. */
    public void importRealm(JsonNode realm) {
        String adminToken = token("master", "admin-cli", BOOTSTRAP_ADMIN, adminPassword);
        String realmName = realm.get("realm").asText();
        HttpResponse<String> existing = send(HttpRequest.newBuilder(URI.create(url() + "/admin/realms/" + realmName))
                .header("Authorization", "Bearer " + adminToken).GET().build());
        if (existing.statusCode() == 200) {
            return;
        }
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(url() + "/admin/realms"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(realm.toString())).build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("importing realm " + realmName + " answered " + created.statusCode() + ": "
                    + created.body());
        }
    }

    /** An access token by direct grant (the demo realm's clients allow it; production's do not). */
    public String token(String realm, String clientId, String username, String password) {
        return passwordGrant(realmUrl(realm), clientId, username, password);
    }

    public static String passwordGrant(String realmUrl, String clientId, String username, String password) {
        return grant(realmUrl, Map.of("grant_type", "password", "client_id", clientId, "username", username,
                "password", password), username);
    }

    /** A service's own token (client credentials), as notification-service gets one to call intake. */
    public static String clientCredentialsGrant(String realmUrl, String clientId, String secret) {
        return grant(realmUrl, Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret),
                clientId);
    }

    private static String grant(String realmUrl, Map<String, String> form, String forWhom) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token for " + forWhom + ": " + response.statusCode() + " " + response.body());
        }
        try {
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
