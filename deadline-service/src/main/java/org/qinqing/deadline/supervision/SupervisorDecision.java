package org.qinqing.deadline.supervision;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A decision waiting for a supervisor of the region: an extension request, a second return, the reopen limit. */
@Entity
@Table(name = "supervisor_decision")
public class SupervisorDecision extends PanacheEntityBase {

    public enum Kind {
        EXTENSION, RETURN, REOPEN_LIMIT
    }

    @Id
    public UUID id;
    @Column(name = "grievance_id")
    public UUID grievanceId;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Kind kind;
    @Column(name = "region_code")
    public String regionCode;
    @Column(name = "department_code")
    public String departmentCode;
    @Column(name = "request_ref")
    public UUID requestRef;
    public String detail;
    @Column(name = "working_days")
    public Integer workingDays;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "decided_at")
    public Instant decidedAt;
    public String decision;
    public String reason;
    @Column(name = "decided_by")
    public String decidedBy;
}
