package org.qinqing.intake.rating;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs and checks rating-link tokens: {@code base64url(tokenId.grievanceId.round.expiresEpochSecond)} + "." +
 * {@code base64url(HMAC-SHA256)}. The key comes from configuration, so every replica checks what any replica signed.
 */
@ApplicationScoped
public class RatingLinks {

    /** What a valid signature vouches for. */
    public record Claims(UUID tokenId, UUID grievanceId, int round, Instant expiresAt) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final String baseUrl;

    public RatingLinks(@ConfigProperty(name = "intake.rating.link-key") String key,
            @ConfigProperty(name = "intake.rating.link-base-url") String baseUrl) {
        if (key.length() < 32) {
            throw new IllegalStateException("intake.rating.link-key must be at least 32 characters");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String token(Claims claims) {
        String payload = ENCODER.encodeToString((claims.tokenId() + "." + claims.grievanceId() + "." + claims.round() + "."
                + claims.expiresAt().getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        return payload + "." + ENCODER.encodeToString(mac(payload));
    }

    public String link(String token) {
        return baseUrl + "/" + token;
    }

    /** The claims of a token whose signature is right; empty for anything forged, altered or malformed. */
    public Optional<Claims> verify(String token) {
        try {
            int dot = token.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            String payload = token.substring(0, dot);
            if (!MessageDigest.isEqual(mac(payload), DECODER.decode(token.substring(dot + 1)))) {
                return Optional.empty();
            }
            String[] parts = new String(DECODER.decode(payload), StandardCharsets.UTF_8).split("\\.");
            return Optional.of(new Claims(UUID.fromString(parts[0]), UUID.fromString(parts[1]), Integer.parseInt(parts[2]),
                    Instant.ofEpochSecond(Long.parseLong(parts[3]))));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
