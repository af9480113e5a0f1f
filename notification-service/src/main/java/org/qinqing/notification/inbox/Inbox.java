package org.qinqing.notification.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.qinqing.events.Actor;
import org.qinqing.events.Outbox;
import org.qinqing.events.ReceivedEvent;
import org.qinqing.notification.events.NotificationEvents;

/**
 * Decides who is told what from the events, and writes the in-app messages. Facts arrive from three topics in
 * any order; a message goes out once everything it says is known, and once only (event id + principal).
 */
@ApplicationScoped
public class Inbox {

    private static final DateTimeFormatter CHINA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final EntityManager entityManager;
    private final Outbox outbox;

    public Inbox(EntityManager entityManager, Outbox outbox) {
        this.entityManager = entityManager;
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onAccepted(ReceivedEvent accepted) {
        CaseRecipient c = CaseRecipient.of(accepted.grievanceId());
        c.uscc = accepted.text("uscc");
        c.trackingNumber = accepted.text("trackingNumber");
        c.updatedAt = Instant.now();
        if (c.uscc != null) {
            tell("enterprise:" + c.uscc, c, accepted.id(), "receipt", "诉求已受理 / Grievance accepted",
                    "您的诉求已受理，受理编号 " + c.trackingNumber + "。Your grievance is accepted; tracking number "
                            + c.trackingNumber + ".");
        }
        tellDispatchWhenKnown(c);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onDispatched(ReceivedEvent dispatched) {
        CaseRecipient c = CaseRecipient.of(dispatched.grievanceId());
        int round = dispatched.data().path("round").asInt(1);
        if (round < c.dispatchRound) {
            return;
        }
        c.dispatchRound = round;
        c.dispatchEventId = dispatched.id();
        c.leadDepartmentCode = dispatched.data().path("lead").path("code").asText(null);
        c.leadDepartmentName = dispatched.data().path("lead").path("name").asText(null);
        c.updatedAt = Instant.now();
        tellDispatchWhenKnown(c);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onDeadlineSet(ReceivedEvent deadlineSet) {
        if (!"REPLY".equals(deadlineSet.text("clock"))) {
            return;
        }
        CaseRecipient c = CaseRecipient.of(deadlineSet.grievanceId());
        int round = deadlineSet.data().path("round").asInt(1);
        if (round < c.replyDueRound) {
            return;
        }
        c.replyDueRound = round;
        c.replyDueAt = Instant.parse(deadlineSet.text("dueAt"));
        c.updatedAt = Instant.now();
        tellDispatchWhenKnown(c);
    }

    /** The enterprise hears of a dispatch with the department and the reply due time of that round. */
    private void tellDispatchWhenKnown(CaseRecipient c) {
        if (c.uscc == null || c.dispatchEventId == null || c.replyDueAt == null || c.replyDueRound != c.dispatchRound) {
            return;
        }
        tell("enterprise:" + c.uscc, c, c.dispatchEventId, "dispatched", "诉求已分派 / Grievance dispatched",
                "您的诉求（" + c.trackingNumber + "）已分派至" + c.leadDepartmentName + "办理，答复期限 "
                        + CHINA_TIME.format(c.replyDueAt) + "。Dispatched to " + c.leadDepartmentCode
                        + "; reply due by " + c.replyDueAt + ".");
    }

    private void tell(String principal, CaseRecipient c, UUID eventId, String kind, String title, String body) {
        int inserted = entityManager.createNativeQuery("""
                INSERT INTO inbox_message (id, principal, grievance_id, event_id, kind, title, body, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, now()) ON CONFLICT (event_id, principal) DO NOTHING""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, principal).setParameter(3, c.grievanceId)
                .setParameter(4, eventId).setParameter(5, kind).setParameter(6, title).setParameter(7, body)
                .executeUpdate();
        if (inserted == 1) {
            outbox.append(c.grievanceId, Actor.system(),
                    new NotificationEvents.Delivered("IN_APP", maskPrincipal(principal), kind, "DELIVERED"));
        }
    }

    /** enterprise:91330106MA2B2C3D4W → enterprise:9133********3D4W */
    static String maskPrincipal(String principal) {
        int colon = principal.indexOf(':');
        String id = principal.substring(colon + 1);
        if (id.length() <= 8) {
            return principal;
        }
        return principal.substring(0, colon + 1) + id.substring(0, 4) + "*".repeat(id.length() - 8)
                + id.substring(id.length() - 4);
    }
}
