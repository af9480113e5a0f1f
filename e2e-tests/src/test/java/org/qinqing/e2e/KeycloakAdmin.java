package org.qinqing.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.qinqing.platform.KeycloakServer;
import org.qinqing.platform.RealmDefinition;

/** The running test realm changed through Keycloak's admin API: test-only clients, users and a second realm. */
final class KeycloakAdmin {

    private final KeycloakServer keycloak;
    private final String adminPassword;

    KeycloakAdmin(KeycloakServer keycloak, String adminPassword) {
        this.keycloak = keycloak;
        this.adminPassword = adminPassword;
    }

    private String adminToken() {
        return KeycloakServer.passwordGrant(keycloak.realmUrl("master"), "admin-cli", KeycloakServer.BOOTSTRAP_ADMIN,
                adminPassword);
    }

    private Http.Answer admin(String method, String path, Object body) {
        Http.Answer answer = Http.call(method, keycloak.url() + "/admin/realms" + path, adminToken(), body);
        if (answer.status() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    /** A public client with direct grants in realm qinqing, with the given default scopes and client attributes. */
    void createClient(String clientId, List<String> defaultScopes, Map<String, String> attributes) {
        admin("POST", "/" + RealmDefinition.REALM + "/clients", Map.of("clientId", clientId, "enabled", true,
                "publicClient", true, "directAccessGrantsEnabled", true, "standardFlowEnabled", false,
                "fullScopeAllowed", true, "defaultClientScopes", defaultScopes, "attributes", attributes));
    }

    /** A user with password {@code demo}, one realm role and the given attributes (uscc, department, region). */
    void createUser(String username, String role, Map<String, String> attributes) {
        Map<String, List<String>> attrs = new java.util.LinkedHashMap<>();
        attributes.forEach((k, v) -> attrs.put(k, List.of(v)));
        Http.Answer created = admin("POST", "/" + RealmDefinition.REALM + "/users", Map.of("username", username,
                "enabled", true, "emailVerified", true, "firstName", "测试", "lastName", username,
                "email", username + "@e2e.qinqing.example", "attributes", attrs,
                "credentials", List.of(Map.of("type", "password", "value", RealmDefinition.DEMO_PASSWORD, "temporary", false))));
        String location = created.header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        JsonNode roleRepresentation = admin("GET", "/" + RealmDefinition.REALM + "/roles/" + role, null).json();
        admin("POST", "/" + RealmDefinition.REALM + "/users/" + id + "/role-mappings/realm", List.of(roleRepresentation));
    }

    /** The demo realm again under another name: same users and clients, its own issuer and signing keys. */
    void importCopyOfRealm(String name) {
        var realm = RealmDefinition.demo();
        realm.put("realm", name);
        keycloak.importRealm(realm);
    }
}
