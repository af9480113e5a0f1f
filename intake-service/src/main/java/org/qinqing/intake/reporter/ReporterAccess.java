package org.qinqing.intake.reporter;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One look at a tip-off reporter's identity or contact (access audit). */
@Entity
@Table(name = "reporter_access")
public class ReporterAccess extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "grievance_id")
    public UUID grievanceId;
    /** The token's subject: a person, or a service's account. */
    public String accessor;
    public String role;
    public String department;
    public String purpose;
    /** IDENTITY or CONTACT. */
    public String what;
    @Column(name = "accessed_at")
    public Instant accessedAt;
}
