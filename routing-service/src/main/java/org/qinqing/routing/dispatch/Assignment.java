package org.qinqing.routing.dispatch;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A grievance as routing knows it, who handles it now, and where the department's work stands. */
@Entity
public class Assignment extends PanacheEntityBase {

    public enum Status {
        AWAITING_MANUAL_DISPATCH, DISPATCHED, IN_PROGRESS, AWAITING_ENTERPRISE, REPLIED, AWAITING_SUPERVISOR, WITHDRAWN,
        CLOSED;

        /** The statuses in which the lead department is working on the case. */
        public boolean handling() {
            return this == DISPATCHED || this == IN_PROGRESS || this == AWAITING_ENTERPRISE;
        }
    }

    /** Why a department was (re)dispatched; deadline-service picks the reply policy by it. */
    public enum Cause {
        ACCEPTED, RETURN, REOPENED, MANUAL, SUPERVISOR_DECISION
    }

    @Id
    @Column(name = "grievance_id")
    public UUID grievanceId;
    @Column(name = "tracking_number")
    public String trackingNumber;
    public String category;
    @Column(name = "subject_area")
    public String subjectArea;
    public String urgency;
    @Column(name = "region_code")
    public String regionCode;
    public String title;
    public String content;
    public String uscc;
    @Column(name = "respondent_department")
    public String respondentDepartment;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int round;
    @Enumerated(EnumType.STRING)
    @Column(name = "dispatch_cause")
    public Cause dispatchCause;
    @Column(name = "lead_department_code")
    public String leadDepartmentCode;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "co_handling")
    public String[] coHandling = new String[0];
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "returned_by")
    public String[] returnedBy = new String[0];
    @Column(name = "rule_id")
    public String ruleId;
    public String reason;
    @Column(name = "dispatched_at")
    public Instant dispatchedAt;
    @Column(name = "signed_at")
    public Instant signedAt;
    @Column(name = "replied_at")
    public Instant repliedAt;
    @Column(name = "sign_due_at")
    public Instant signDueAt;
    @Column(name = "reply_due_at")
    public Instant replyDueAt;
    public boolean warned;
    @Column(name = "escalation_level")
    public int escalationLevel;
    @Column(name = "under_supervision")
    public boolean underSupervision;
    public boolean urged;
    @Column(name = "rating_level")
    public String ratingLevel;
    @Column(name = "rating_solved")
    public Boolean ratingSolved;
    @Column(name = "open_info_request")
    public UUID openInfoRequest;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean coHandledBy(String department) {
        return Arrays.asList(coHandling).contains(department);
    }
}
