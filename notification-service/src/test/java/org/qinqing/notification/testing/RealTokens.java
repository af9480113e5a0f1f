package org.qinqing.notification.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tokens validated for real by the OIDC extension, without a Keycloak: the service verifies signatures with a
 * test key's public half (quarkus.oidc.public-key), and tests sign Keycloak-shaped access tokens with its
 * private half (a key made for these tests only, in src/test/resources).
 */
public class RealTokens implements QuarkusTestProfile {

    public static final String ISSUER = "http://localhost:8180/realms/qinqing";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", "",
                "quarkus.oidc.discovery-enabled", "false",
                "quarkus.oidc.public-key", pem("test-token-signing-key.pub.pem"),
                "quarkus.oidc.token.issuer", ISSUER);
    }

    /** A Keycloak-shaped access token: realm roles, audience qinqing-api, the platform's claims. */
    public static String token(String subject, List<String> roles, Map<String, String> claims) {
        Map<String, Object> payload = new LinkedHashMap<>();
        long now = Instant.now().getEpochSecond();
        payload.put("iss", ISSUER);
        payload.put("sub", subject);
        payload.put("aud", "qinqing-api");
        payload.put("iat", now);
        payload.put("exp", now + 300);
        payload.put("typ", "Bearer");
        payload.put("azp", "qinqing-admin");
        payload.put("preferred_username", subject);
        payload.put("realm_access", Map.of("roles", roles));
        payload.putAll(claims);
        try {
            ObjectMapper json = new ObjectMapper();
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String signingInput = b64.encodeToString(json.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", "test")))
                    + "." + b64.encodeToString(json.writeValueAsBytes(payload));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey() throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(pem("test-token-signing-key.pem"));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** The base64 body of a PEM file on the test classpath. */
    private static String pem(String resource) {
        try (InputStream in = RealTokens.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
