package org.qinqing.routing.dispatch;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** A grievance as routing knows it, and who handles it now. */
@Entity
public class Assignment extends PanacheEntityBase {

    public enum Status {
        AWAITING_MANUAL_DISPATCH, DISPATCHED
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
    @Column(name = "respondent_department")
    public String respondentDepartment;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;
    public int round;
    @Column(name = "lead_department_code")
    public String leadDepartmentCode;
    @Column(name = "rule_id")
    public String ruleId;
    public String reason;
    @Column(name = "dispatched_at")
    public Instant dispatchedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
