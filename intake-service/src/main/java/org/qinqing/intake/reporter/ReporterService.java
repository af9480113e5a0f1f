package org.qinqing.intake.reporter;

import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.qinqing.intake.grievance.Grievance;
import org.qinqing.intake.Sha256;
import org.qinqing.problems.ProblemException;
import org.qinqing.security.Caller;

/**
 * Reads of a tip-off reporter's identity (the handling commission's oversight users) and contact (notification,
 * to send a receipt or a rating link), each written to the access audit in the same transaction as the read.
 */
@ApplicationScoped
public class ReporterService {

    private final ReporterVault vault;

    public ReporterService(ReporterVault vault) {
        this.vault = vault;
    }

    /** The reporter of a tip-off the caller's commission handles; nobody else learns whether it exists. */
    @Transactional
    public ReporterIdentity identity(UUID grievanceId, String purpose, Caller caller) {
        Grievance g = Grievance.<Grievance>find("id = ?1 and category = 'TIP_OFF' and leadDepartmentCode = ?2", grievanceId,
                caller.department()).firstResultOptional().orElseThrow(() -> ProblemException.notFound("tip-off", grievanceId));
        audit(g.id, caller, "oversight", purpose, "IDENTITY");
        return vault.read(g.id).orElseThrow(() -> ProblemException.notFound("reporter of tip-off", grievanceId));
    }

    /** How to reach a tip-off's reporter, for notification-service; 404 when there is no contact to give. */
    @Transactional
    public ReporterIdentity.Contact contact(UUID grievanceId, String purpose, Caller caller) {
        Grievance g = Grievance.<Grievance>find("id = ?1 and category = 'TIP_OFF'", grievanceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("tip-off", grievanceId));
        audit(g.id, caller, "notification-service", purpose, "CONTACT");
        ReporterIdentity.Contact contact = vault.read(g.id).map(ReporterIdentity::contact)
                .orElseThrow(() -> ProblemException.notFound("reporter contact of tip-off", grievanceId));
        if (contact.phone() == null && contact.email() == null) {
            throw ProblemException.notFound("reporter contact of tip-off", grievanceId);
        }
        return contact;
    }

    private static void audit(UUID grievanceId, Caller caller, String role, String purpose, String what) {
        ReporterAccess access = new ReporterAccess();
        access.grievanceId = grievanceId;
        access.accessor = caller.name();
        access.role = role;
        access.department = caller.department();
        access.purpose = purpose;
        access.what = what;
        access.accessedAt = Instant.now();
        access.persist();
    }

    /** The access audit, newest first, optionally for one case. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ReporterAccess> audit(UUID grievanceId, int page, int size) {
        var query = grievanceId == null ? ReporterAccess.<ReporterAccess>find("order by accessedAt desc, id desc")
                : ReporterAccess.<ReporterAccess>find("grievanceId = ?1 order by accessedAt desc, id desc", grievanceId);
        return query.page(Page.of(page, size)).list();
    }

    /** An anonymous reporter's own tip-off, by its tracking number and the query code given at submission. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Grievance byQueryCode(String trackingNumber, String queryCode) {
        return Grievance.<Grievance>find("trackingNumber = ?1 and queryCodeHash = ?2", trackingNumber,
                Sha256.hex(queryCode)).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("tip-off", trackingNumber));
    }
}
