package org.qinqing.deadline.clock;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The clock of one open step of a case (sign-for, reply, rating window) for one dispatch round. */
@Entity
public class Clock extends PanacheEntityBase {

    public enum Kind {
        SIGN_FOR, REPLY, RATING_WINDOW
    }

    public enum Status {
        PENDING, RUNNING, PAUSED, STOPPED
    }

    @Id
    public UUID id;
    @Column(name = "grievance_id")
    public UUID grievanceId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    public int round;
    @Column(name = "department_code")
    public String departmentCode;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "region_chain")
    public String[] regionChain;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "due_at")
    public Instant dueAt;
    public boolean provisional;
    @Column(name = "limit_amount")
    public Integer limitAmount;
    @Column(name = "limit_unit")
    public String limitUnit;
    @Column(name = "warning_at")
    public Instant warningAt;
    @Column(name = "warned_at")
    public Instant warnedAt;
    @Column(name = "escalation_level")
    public int escalationLevel;
    @Column(name = "next_check_at")
    public Instant nextCheckAt;
    @Column(name = "paused_at")
    public Instant pausedAt;
    @Column(name = "stop_reason")
    public String stopReason;
    public boolean extended;
    @Column(name = "under_supervision")
    public boolean underSupervision;
    @Column(name = "department_kind")
    public String departmentKind;
    @Column(name = "department_level")
    public String departmentLevel;
    @Column(name = "dispatch_cause")
    public String dispatchCause = "ACCEPTED";
    @Column(name = "stopped_at")
    public Instant stoppedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
