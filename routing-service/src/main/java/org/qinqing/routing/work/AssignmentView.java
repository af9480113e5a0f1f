package org.qinqing.routing.work;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.qinqing.routing.dispatch.Assignment;

/** A case in a department's queue. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssignmentView(UUID grievanceId, String trackingNumber, String category, String subjectArea, String urgency,
        String regionCode, String title, String content, String status, int round, String dispatchCause,
        String leadDepartment, List<String> coHandling, List<String> returnedBy, String ruleId, String reason,
        Instant dispatchedAt, Instant signedAt, Instant signDueAt, Instant replyDueAt, boolean overdue, boolean warned,
        int escalationLevel, boolean underSupervision, boolean urged, String ratingLevel, Boolean ratingSolved) {

    public static AssignmentView of(Assignment a) {
        Instant now = Instant.now();
        boolean overdue = a.escalationLevel > 0
                || a.status == Assignment.Status.DISPATCHED && a.signDueAt != null && now.isAfter(a.signDueAt)
                || a.status.handling() && a.replyDueAt != null && now.isAfter(a.replyDueAt);
        return new AssignmentView(a.grievanceId, a.trackingNumber, a.category, a.subjectArea, a.urgency, a.regionCode,
                a.title, a.content, a.status.name(), a.round, a.dispatchCause == null ? null : a.dispatchCause.name(),
                a.leadDepartmentCode, List.of(a.coHandling), List.of(a.returnedBy), a.ruleId, a.reason, a.dispatchedAt,
                a.signedAt, a.signDueAt, a.replyDueAt, overdue, a.warned, a.escalationLevel, a.underSupervision, a.urged,
                a.ratingLevel, a.ratingSolved);
    }
}
