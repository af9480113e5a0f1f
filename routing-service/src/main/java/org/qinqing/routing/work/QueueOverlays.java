package org.qinqing.routing.work;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.qinqing.events.ReceivedEvent;
import org.qinqing.routing.dispatch.Assignment;
import org.qinqing.routing.work.WorkRecords.ExtensionRequest;
import org.qinqing.routing.work.WorkRecords.InfoRequest;

/**
 * What other services tell routing about a case it handles: due times, warnings, escalations, 督办 and 催办 order
 * and mark the work queues; a supplement answers an information request; an extension decision closes a request.
 */
@ApplicationScoped
public class QueueOverlays {

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(ReceivedEvent event) {
        Assignment a = Assignment.findById(event.grievanceId());
        if (a == null) {
            return;
        }
        int round = event.data().path("round").asInt(a.round);
        switch (event.name()) {
            case "deadline-set" -> {
                if (round == a.round) {
                    Instant due = Instant.parse(event.text("dueAt"));
                    if ("SIGN_FOR".equals(event.text("clock"))) {
                        a.signDueAt = due;
                    } else if ("REPLY".equals(event.text("clock"))) {
                        a.replyDueAt = due;
                    }
                }
            }
            case "warning" -> a.warned = true;
            case "escalated" -> a.escalationLevel = Math.max(a.escalationLevel, event.data().path("level").asInt(1));
            case "supervision-issued", "urged" -> {
                // one named for the department that led before a re-dispatch is not the new lead's
                String department = event.text("department");
                if (department != null && !department.equals(a.leadDepartmentCode)) {
                    return;
                }
                if (event.name().equals("urged")) {
                    a.urged = true;
                } else {
                    a.underSupervision = true;
                }
            }
            case "extension-decided" -> {
                ExtensionRequest request = event.text("extensionRequestId") == null ? null
                        : ExtensionRequest.findById(java.util.UUID.fromString(event.text("extensionRequestId")));
                if (request != null) {
                    request.decision = event.text("decision");
                }
                if ("APPROVED".equals(event.text("decision")) && event.text("dueAt") != null) {
                    a.replyDueAt = Instant.parse(event.text("dueAt"));
                }
            }
            case "rated" -> {
                a.ratingLevel = event.text("level");
                a.ratingSolved = event.data().path("solved").isBoolean() ? event.data().get("solved").asBoolean() : null;
            }
            case "supplemented" -> {
                if (a.status == Assignment.Status.AWAITING_ENTERPRISE) {
                    a.status = Assignment.Status.IN_PROGRESS;
                }
                if (a.openInfoRequest != null) {
                    InfoRequest request = InfoRequest.findById(a.openInfoRequest);
                    if (request != null && request.answeredAt == null) {
                        request.answeredAt = event.occurredAt();
                    }
                    a.openInfoRequest = null;
                }
            }
            default -> {
                return;
            }
        }
        a.updatedAt = Instant.now();
    }
}
