package org.qinqing.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

/**
 * Tokens a service must refuse, made from a real one with the JDK alone (no JWT library needed): the same
 * header and claims signed by another RSA key, with {@code alg: none}, or with a changed payload under the
 * original signature.
 */
final class ForgedTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private ForgedTokens() {
    }

    static ObjectNode header(String jwt) {
        return part(jwt, 0);
    }

    static ObjectNode claims(String jwt) {
        return part(jwt, 1);
    }

    /** Same header (kid included) and claims, RS256 with a key the realm never had. */
    static String signedByAnotherKey(String jwt) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            String signingInput = encode(header(jwt)) + "." + encode(claims(jwt));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real claims, {@code alg: none} and no signature. */
    static String unsigned(String jwt) {
        ObjectNode header = header(jwt);
        header.put("alg", "none");
        return encode(header) + "." + encode(claims(jwt)) + ".";
    }

    /** The real signature over a payload that claims one more role. */
    static String withTamperedClaims(String jwt, String extraRole) {
        ObjectNode claims = claims(jwt);
        claims.withObject("realm_access").withArray("roles").add(extraRole);
        String[] parts = jwt.split("\\.");
        return parts[0] + "." + encode(claims) + "." + parts[2];
    }

    private static ObjectNode part(String jwt, int index) {
        try {
            return (ObjectNode) Http.JSON.readTree(DECODE.decode(jwt.split("\\.")[index]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(ObjectNode node) {
        try {
            return B64.encodeToString(Http.JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
