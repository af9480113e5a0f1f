package org.qinqing.notification.inbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** What notification-service has learned of a grievance so far, from whichever event came first. */
@Entity
@Table(name = "case_recipient")
public class CaseRecipient extends PanacheEntityBase {

    @Id
    @Column(name = "grievance_id")
    public UUID grievanceId;
    public String uscc;
    @Column(name = "tracking_number")
    public String trackingNumber;
    @Column(name = "dispatch_event_id")
    public UUID dispatchEventId;
    @Column(name = "dispatch_round")
    public int dispatchRound;
    @Column(name = "lead_department_code")
    public String leadDepartmentCode;
    @Column(name = "lead_department_name")
    public String leadDepartmentName;
    @Column(name = "reply_due_at")
    public Instant replyDueAt;
    @Column(name = "reply_due_round")
    public int replyDueRound;
    @Column(name = "updated_at")
    public Instant updatedAt;

    static CaseRecipient of(UUID grievanceId) {
        CaseRecipient known = findById(grievanceId);
        if (known != null) {
            return known;
        }
        CaseRecipient fresh = new CaseRecipient();
        fresh.grievanceId = grievanceId;
        fresh.updatedAt = Instant.now();
        fresh.persist();
        return fresh;
    }
}
