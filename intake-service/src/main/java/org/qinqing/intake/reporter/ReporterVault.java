package org.qinqing.intake.reporter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.qinqing.intake.Sha256;

/**
 * Keeps a tip-off reporter's identity encrypted at rest (AES-256-GCM, the grievance id as associated data so a
 * ciphertext cannot be moved to another case) and derives the keyed digest that lets an enterprise find its own
 * tip-offs without its USCC being stored in the clear.
 */
@ApplicationScoped
public class ReporterVault {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyId;
    private final EntityManager entityManager;
    private final ObjectMapper mapper;

    public ReporterVault(@ConfigProperty(name = "intake.reporter.key") String base64Key,
            @ConfigProperty(name = "intake.reporter.key-id") String keyId, EntityManager entityManager, ObjectMapper mapper) {
        byte[] bytes = Base64.getDecoder().decode(base64Key);
        if (bytes.length != 32) {
            throw new IllegalStateException("intake.reporter.key must be 32 bytes, base64-encoded (AES-256)");
        }
        this.key = new SecretKeySpec(bytes, "AES");
        this.keyId = keyId;
        this.entityManager = entityManager;
        this.mapper = mapper;
    }

    /** The keyed digest of a USCC, for finding an enterprise's own tip-offs; null for null. */
    public String digest(String uscc) {
        if (uscc == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("reporter:" + uscc).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random query code for an anonymous reporter, and the hash that is all intake keeps of it. */
    public record QueryCode(String code, String hash) {
    }

    public QueryCode newQueryCode() {
        byte[] bytes = new byte[9];
        RANDOM.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new QueryCode(code, Sha256.hex(code));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void store(UUID grievanceId, ReporterIdentity identity) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(grievanceId));
            byte[] ciphertext = cipher.doFinal(mapper.writeValueAsBytes(identity));
            entityManager.createNativeQuery(
                    "INSERT INTO reporter_identity (grievance_id, key_id, iv, ciphertext) VALUES (?1, ?2, ?3, ?4)")
                    .setParameter(1, grievanceId).setParameter(2, keyId).setParameter(3, iv).setParameter(4, ciphertext)
                    .executeUpdate();
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("could not encrypt a reporter's identity", e);
        }
    }

    /** The decrypted identity; the caller writes the access audit first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ReporterIdentity> read(UUID grievanceId) {
        var rows = entityManager.createNativeQuery("SELECT iv, ciphertext FROM reporter_identity WHERE grievance_id = ?1")
                .setParameter(1, grievanceId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, (byte[]) row[0]));
            cipher.updateAAD(associatedData(grievanceId));
            return Optional.of(mapper.readValue(cipher.doFinal((byte[]) row[1]), ReporterIdentity.class));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("could not decrypt the reporter of " + grievanceId, e);
        }
    }

    private static byte[] associatedData(UUID grievanceId) {
        return ByteBuffer.allocate(16).putLong(grievanceId.getMostSignificantBits())
                .putLong(grievanceId.getLeastSignificantBits()).array();
    }
}
