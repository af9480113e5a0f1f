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

    /** The lead department hears of its new assignment (新件), once per dispatch round. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void tellDepartmentOfAssignment(ReceivedEvent dispatched) {
        String department = dispatched.data().path("lead").path("code").asText(null);
        if (department == null) {
            return;
        }
        CaseRecipient c = CaseRecipient.of(dispatched.grievanceId());
        tell("department:" + department, c, dispatched.id(), "assignment", "新分派的诉求 / New assignment",
                "新诉求" + (c.trackingNumber == null ? "" : "（" + c.trackingNumber + "）") + "分派给本单位办理："
                        + dispatched.data().path("reason").asText("") + "。A grievance was dispatched to your department.");
    }

    /** A warning (预警) goes to the department whose clock it is. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onWarning(ReceivedEvent warning) {
        CaseRecipient c = CaseRecipient.of(warning.grievanceId());
        tell("department:" + warning.text("department"), c, warning.id(), "warning", "办理时限预警 / Deadline warning",
                clockName(warning.text("clock")) + "将于 " + CHINA_TIME.format(Instant.parse(warning.text("dueAt")))
                        + " 到期，请及时办理。The " + warning.text("clock") + " deadline is near.");
    }

    /**
     * An escalation goes to the supervisors (level 1 and 2) or the oversight body (level 3, and a province
     * department's level 2) of the target region, and the department is told it is overdue.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onEscalated(ReceivedEvent escalated) {
        CaseRecipient c = CaseRecipient.of(escalated.grievanceId());
        int level = escalated.data().path("level").asInt(1);
        String audience = "OVERSIGHT".equals(escalated.text("target")) ? "oversight:" : "supervisors:";
        String due = CHINA_TIME.format(Instant.parse(escalated.text("dueAt")));
        tell(audience + escalated.text("targetRegion"), c, escalated.id(), "escalated",
                level + "级超期督办提醒 / Escalation level " + level,
                escalated.text("department") + " 的" + clockName(escalated.text("clock")) + "已于 " + due + " 到期未办结（"
                        + level + "级）。" + escalated.text("department") + " is overdue (level " + level + ").");
        tell("department:" + escalated.text("department"), c, escalated.id(), "overdue", "已超期 / Overdue",
                clockName(escalated.text("clock")) + "已于 " + due + " 超期，已升级至" + level + "级督办。Overdue since " + due + ".");
    }

    private static String clockName(String clock) {
        return switch (clock == null ? "" : clock) {
            case "SIGN_FOR" -> "签收期限";
            case "REPLY" -> "答复期限";
            default -> "办理期限";
        };
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
