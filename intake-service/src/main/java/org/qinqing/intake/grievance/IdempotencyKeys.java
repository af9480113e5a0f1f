package org.qinqing.intake.grievance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.qinqing.problems.ProblemException;

/**
 * The {@code Idempotency-Key} of submissions, per submitting principal: the first request with a key wins; a
 * retry with the same body gets the first grievance back, a reuse with another body is a 422.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private final EntityManager entityManager;
    private final ObjectMapper mapper;

    public IdempotencyKeys(EntityManager entityManager, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.mapper = mapper;
    }

    public String hash(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(mapper.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The grievance a key already stands for, if any; a different body under the same key is refused. */
    @SuppressWarnings("unchecked")
    public Optional<UUID> earlier(String principal, String key, String requestHash) {
        List<Object[]> rows = entityManager.createNativeQuery(
                "SELECT request_hash, grievance_id FROM idempotency_key WHERE principal = ?1 AND key = ?2")
                .setParameter(1, principal).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        if (!requestHash.equals(rows.get(0)[0])) {
            throw ProblemException.unprocessable("idempotency-key-reused", "Idempotency-Key reused",
                    "This Idempotency-Key was used for a different submission");
        }
        return Optional.of((UUID) rows.get(0)[1]);
    }

    /** Claims the key for a new grievance; false when a concurrent request with the same key committed first. */
    public boolean claim(String principal, String key, String requestHash, UUID grievanceId) {
        return entityManager.createNativeQuery("""
                INSERT INTO idempotency_key (principal, key, request_hash, grievance_id) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (principal, key) DO NOTHING""")
                .setParameter(1, principal).setParameter(2, key).setParameter(3, requestHash).setParameter(4, grievanceId)
                .executeUpdate() == 1;
    }
}
