package org.qinqing.intake.attachment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** A file added to a grievance: name, type, size and SHA-256 here; the bytes behind {@link AttachmentStore}. */
@Entity
public class Attachment extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "grievance_id")
    public UUID grievanceId;
    public String name;
    @Column(name = "content_type")
    public String contentType;
    public long size;
    public String sha256;
    @Column(name = "storage_key")
    public String storageKey;
    @Column(name = "added_by_role")
    public String addedByRole;
    @Column(name = "added_at")
    public Instant addedAt;
}
