package org.qinqing.intake.open311;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A named client organisation an admin issued an Open311 {@code api_key} to; only the key's hash is kept. */
@Entity
@Table(name = "open311_client")
public class Open311Client extends PanacheEntityBase {

    @Id
    public UUID id;
    public String organisation;
    @Column(name = "key_hash")
    public String keyHash;
    @Column(name = "issued_by")
    public String issuedBy;
    @Column(name = "issued_at")
    public Instant issuedAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
}
