package org.qinqing.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The {@code qinqing} realm as code in deploy/keycloak/: the production realm, and the demo variant the local
 * launcher and the tests import (the same realm plus demo users, with direct grants on for its clients).
 */
public final class RealmDefinition {

    public static final String REALM = "qinqing";
    public static final String DEMO_PASSWORD = "demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RealmDefinition() {
    }

    /** The demo realm's secret of notification-service's confidential client (demo-overlay.json). */
    public static final String DEMO_NOTIFICATION_SECRET = "demo-notification-secret";

    public static ObjectNode production() {
        return (ObjectNode) read("qinqing-realm.json");
    }

    public static ObjectNode demo() {
        ObjectNode realm = production();
        JsonNode overlay = read("demo-overlay.json");
        for (JsonNode clientId : overlay.get("directAccessGrantsClients")) {
            for (JsonNode client : realm.withArray("clients")) {
                if (client.get("clientId").asText().equals(clientId.asText())) {
                    ((ObjectNode) client).put("directAccessGrantsEnabled", true);
                }
            }
        }
        overlay.get("clientSecrets").fields().forEachRemaining(secret -> {
            for (JsonNode client : realm.withArray("clients")) {
                if (client.get("clientId").asText().equals(secret.getKey())) {
                    ((ObjectNode) client).put("secret", secret.getValue().asText());
                }
            }
        });
        ArrayNode users = realm.withArray("users");
        overlay.get("users").forEach(users::add);
        return realm;
    }

    /** The demo users: username → a one-line description, for the launcher's printout. */
    public static JsonNode demoUsers() {
        return read("demo-overlay.json").get("users");
    }

    private static JsonNode read(String name) {
        Path file = PlatformPaths.root().resolve("deploy/keycloak").resolve(name);
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
