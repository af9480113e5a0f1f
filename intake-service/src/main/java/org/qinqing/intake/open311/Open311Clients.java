package org.qinqing.intake.open311;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.qinqing.intake.Sha256;
import org.qinqing.problems.ProblemException;

/** Issues, revokes and checks Open311 api_keys. A key is shown once, when issued. */
@ApplicationScoped
public class Open311Clients {

    private static final SecureRandom RANDOM = new SecureRandom();

    public record Issued(Open311Client client, String apiKey) {
    }

    @Transactional
    public Issued issue(String organisation, String admin) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String apiKey = "o311_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Open311Client client = new Open311Client();
        client.id = UUID.randomUUID();
        client.organisation = organisation;
        client.keyHash = Sha256.hex(apiKey);
        client.issuedBy = admin;
        client.issuedAt = Instant.now();
        client.persist();
        return new Issued(client, apiKey);
    }

    @Transactional
    public Open311Client revoke(UUID id) {
        Open311Client client = Open311Client.<Open311Client>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("Open311 client", id));
        if (client.revokedAt == null) {
            client.revokedAt = Instant.now();
        }
        return client;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Open311Client> all() {
        return Open311Client.list("order by issuedAt");
    }

    /** The organisation a valid, unrevoked key belongs to. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Open311Client> authenticate(String apiKey) {
        if (apiKey == null || apiKey.isBlank() || apiKey.length() > 100) {
            return Optional.empty();
        }
        return Open311Client.<Open311Client>find("keyHash = ?1 and revokedAt is null", Sha256.hex(apiKey.strip()))
                .firstResultOptional();
    }
}
