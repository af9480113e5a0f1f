package org.qinqing.intake.grievance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** A grievance as its enterprise and the staff see it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GrievanceView(UUID id, String trackingNumber, GrievanceStatus status, Channel channel, Category category,
        SubjectArea subjectArea, Urgency urgency, String title, String content, String regionCode, String uscc,
        String enterpriseName, Instant submittedAt, Department leadDepartment, DueTimes due, Integer escalationLevel,
        String screeningReason, UUID suspectedDuplicateOf, String rejectionReason, UUID mergedInto, Boolean anonymous,
        String queryCode) {

    public record Department(String code, String name) {
    }

    /** Due times set by deadline-service; provisional when they rely on a calendar year not loaded yet. */
    public record DueTimes(Instant signFor, Instant reply, boolean provisional) {
    }

    static GrievanceView of(Grievance g) {
        Department lead = g.leadDepartmentCode == null ? null : new Department(g.leadDepartmentCode, g.leadDepartmentName);
        DueTimes due = g.signDueAt == null && g.replyDueAt == null ? null
                : new DueTimes(g.signDueAt, g.replyDueAt, g.dueProvisional);
        return new GrievanceView(g.id, g.trackingNumber, g.status, g.channel, g.category, g.subjectArea, g.urgency,
                g.title, g.content, g.regionCode, g.uscc, g.enterpriseName, g.submittedAt, lead, due,
                g.escalationLevel == 0 ? null : g.escalationLevel, g.screeningReason, g.suspectedDuplicateOf,
                g.rejectionReason, g.mergedInto, g.anonymous ? true : null, g.queryCode);
    }
}
