package org.qinqing.notification.delivery;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qinqing.notification.channel.ChannelKind;
import org.qinqing.notification.channel.Masking;
import org.qinqing.problems.ProblemException;
import org.qinqing.security.Caller;

/**
 * The delivery log of a case (PLATFORM.md §2): what was sent to whom, when, through which channel, with what
 * outcome — recipients and addresses masked. Operators read their region's cases (no tip-offs), department staff
 * their own department's, supervisors their region's (not those naming their own office as respondent),
 * oversight its own tip-offs, admins all; anything else is 404.
 */
@Path("/api/v1/grievances/{id}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "operator", "dept-staff", "supervisor", "oversight", "admin" })
public class DeliveryLogResource {

    public record Entry(UUID deliveryId, String kind, ChannelKind channel, String recipient, String address,
            Delivery.Status status, int attempts, Instant createdAt, Instant deferredUntil, Instant sentAt,
            String lastError) {
    }

    private final EntityManager entityManager;
    private final Caller caller;

    public DeliveryLogResource(EntityManager entityManager, Caller caller) {
        this.entityManager = entityManager;
        this.caller = caller;
    }

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Entry> log(@PathParam("id") UUID grievanceId) {
        if (!readable(grievanceId)) {
            throw ProblemException.notFound("grievance", grievanceId);
        }
        return Delivery.<Delivery>list("grievanceId = ?1 order by createdAt, kind, recipient, channel", grievanceId)
                .stream()
                .map(d -> new Entry(d.id, d.kind, d.channel, Masking.principal(d.recipient),
                        d.channel == ChannelKind.IN_APP ? null : Masking.address(d.channel, d.address), d.status,
                        d.attempts, d.createdAt, d.deferredUntil, d.sentAt, d.lastError))
                .toList();
    }

    /** The caller's scope as one query over what the events told of the case. */
    private boolean readable(UUID grievanceId) {
        if (caller.is("admin")) {
            return entityManager.createNativeQuery("SELECT 1 FROM case_recipient WHERE grievance_id = ?1")
                    .setParameter(1, grievanceId).getResultList().size() == 1;
        }
        List<String> scopes = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        String prefix = caller.regionPrefix();
        String department = caller.department();
        if (caller.is("operator") && prefix != null) {
            scopes.add("(NOT c.tip_off AND (c.region_code LIKE :prefix OR c.lead_department_region LIKE :prefix))");
            params.put("prefix", prefix + "%");
        }
        if (caller.is("dept-staff") && department != null) {
            scopes.add("(c.lead_department_code = :department OR (',' || c.co_handling || ',') LIKE :coHandling)");
            params.put("department", department);
            params.put("coHandling", "%," + department + ",%");
        }
        if (caller.is("supervisor") && prefix != null) {
            scopes.add("((c.region_code LIKE :prefix OR c.lead_department_region LIKE :prefix)"
                    + " AND c.respondent_department IS DISTINCT FROM :office)");
            params.put("prefix", prefix + "%");
            params.put("office", department == null ? "" : department);
        }
        if (caller.is("oversight") && department != null) {
            scopes.add("(c.tip_off AND c.lead_department_code = :commission)");
            params.put("commission", department);
        }
        if (scopes.isEmpty()) {
            return false;
        }
        Query query = entityManager.createNativeQuery("SELECT 1 FROM case_recipient c WHERE c.grievance_id = :id AND ("
                + String.join(" OR ", scopes) + ")");
        query.setParameter("id", grievanceId);
        params.forEach(query::setParameter);
        return !query.getResultList().isEmpty();
    }
}
