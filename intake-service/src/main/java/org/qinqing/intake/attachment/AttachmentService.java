package org.qinqing.intake.attachment;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.qinqing.events.Actor;
import org.qinqing.events.GrievanceLocks;
import org.qinqing.intake.grievance.Grievance;
import org.qinqing.intake.grievance.GrievanceService;
import org.qinqing.intake.grievance.TimelineEntry;
import org.qinqing.problems.ProblemException;
import org.qinqing.security.Caller;

/**
 * Adds files to a grievance in the caller's scope: a closed set of types, a size limit, an optional checksum the
 * client computed; the bytes go to the {@link AttachmentStore}, the record and the timeline step to the database.
 */
@ApplicationScoped
public class AttachmentService {

    static final Set<String> TYPES = Set.of("application/pdf", "image/jpeg", "image/png", "text/plain",
            "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    public record Download(Attachment attachment, InputStream bytes) {
    }

    private final AttachmentStore store;
    private final GrievanceService grievances;
    private final GrievanceLocks locks;
    private final long maxBytes;
    private final int maxPerGrievance;

    public AttachmentService(AttachmentStore store, GrievanceService grievances, GrievanceLocks locks,
            @ConfigProperty(name = "intake.attachments.max-bytes") long maxBytes,
            @ConfigProperty(name = "intake.attachments.max-per-grievance") int maxPerGrievance) {
        this.store = store;
        this.grievances = grievances;
        this.locks = locks;
        this.maxBytes = maxBytes;
        this.maxPerGrievance = maxPerGrievance;
    }

    public Attachment add(UUID grievanceId, String name, String contentType, String expectedSha256, InputStream bytes,
            Caller caller) {
        Grievance g = QuarkusTransaction.requiringNew().call(() -> grievances.visibleTo(grievanceId, caller));
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase();
        if (!TYPES.contains(type)) {
            throw new ProblemException(415, "unsupported-attachment-type", "Unsupported attachment type",
                    "'" + type + "' is not one of " + TYPES.stream().sorted().toList());
        }
        refuseWhenClosedOrFull(g, grievanceId);
        AttachmentStore.Stored stored;
        try {
            stored = store.put(bytes, maxBytes);
        } catch (AttachmentStore.TooLarge e) {
            throw new ProblemException(413, "attachment-too-large", "Attachment too large",
                    "An attachment may have at most " + maxBytes + " bytes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (expectedSha256 != null && !expectedSha256.strip().equalsIgnoreCase(stored.sha256())) {
            discard(stored);
            throw ProblemException.unprocessable("checksum-mismatch", "Checksum mismatch", "The bytes received have SHA-256 "
                    + stored.sha256() + ", not " + expectedSha256.strip() + "; nothing was stored");
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                locks.lock(grievanceId);
                Grievance current = Grievance.findById(grievanceId);
                refuseWhenClosedOrFull(current, grievanceId);
                Attachment a = new Attachment();
                a.id = UUID.randomUUID();
                a.grievanceId = grievanceId;
                a.name = name.strip();
                a.contentType = type;
                a.size = stored.size();
                a.sha256 = stored.sha256();
                a.storageKey = stored.key();
                a.addedByRole = caller.is("enterprise") ? "enterprise" : "operator";
                a.addedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                a.persist();
                Actor actor = caller.is("enterprise") ? Actor.ofRegion("enterprise", current.regionCode) : caller.asRegion("operator");
                TimelineEntry.record(current, a.addedAt, "attachment-added", actor, "添加附件 " + a.name + "（" + a.size + " 字节）", null);
                return a;
            });
        } catch (RuntimeException e) {
            discard(stored);
            throw e;
        }
    }

    private void refuseWhenClosedOrFull(Grievance g, UUID grievanceId) {
        if (g.status.isFinal()) {
            throw ProblemException.conflict("A " + g.status + " grievance takes no more attachments", g.status.name());
        }
        if (Attachment.count("grievanceId", grievanceId) >= maxPerGrievance) {
            throw ProblemException.unprocessable("too-many-attachments", "Too many attachments",
                    "A grievance has at most " + maxPerGrievance + " attachments");
        }
    }

    private void discard(AttachmentStore.Stored stored) {
        try {
            store.delete(stored.key());
        } catch (IOException e) {
            // an orphaned file is harmless: nothing refers to it
        }
    }

    public List<Attachment> list(UUID grievanceId, Caller caller) {
        return QuarkusTransaction.requiringNew().call(() -> Attachment.list("grievanceId = ?1 order by addedAt, id",
                grievances.visibleTo(grievanceId, caller).id));
    }

    public Download open(UUID grievanceId, UUID attachmentId, Caller caller) {
        Attachment a = QuarkusTransaction.requiringNew().call(() -> Attachment.<Attachment>find("id = ?1 and grievanceId = ?2",
                attachmentId, grievances.visibleTo(grievanceId, caller).id).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("attachment", attachmentId)));
        try {
            return new Download(a, store.open(a.storageKey));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
