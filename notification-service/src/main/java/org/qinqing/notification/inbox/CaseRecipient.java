package org.qinqing.notification.inbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * What notification-service has learned of a grievance so far, from whichever event came first: who to tell
 * (the enterprise's contact, the lead and co-handling departments) and who may read its delivery log.
 */
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
    public String category;
    @Column(name = "tip_off")
    public boolean tipOff;
    @Column(name = "region_code")
    public String regionCode;
    @Column(name = "respondent_department")
    public String respondentDepartment;
    public String urgency;
    @Column(name = "contact_name")
    public String contactName;
    @Column(name = "contact_phone")
    public String contactPhone;
    @Column(name = "contact_email")
    public String contactEmail;
    @Column(name = "lead_department_region")
    public String leadDepartmentRegion;
    /** Co-handling department codes, comma-separated. */
    @Column(name = "co_handling")
    public String coHandling = "";
    @Column(name = "reply_text")
    public String replyText;
    @Column(name = "reply_department")
    public String replyDepartment;
    @Column(name = "rating_event_id")
    public UUID ratingEventId;
    @Column(name = "rating_link")
    public String ratingLink;
    @Column(name = "rating_expires_at")
    public Instant ratingExpiresAt;
    /** Intake's accepted or rejected has been applied: the enterprise (uscc) or the tip-off flag is known. */
    @Column(name = "submitter_known")
    public boolean submitterKnown;

    public static CaseRecipient of(UUID grievanceId) {
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
