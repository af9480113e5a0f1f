package org.qinqing.intake.grievance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

@Entity
public class Grievance extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "tracking_number")
    public String trackingNumber;
    @Enumerated(EnumType.STRING)
    public GrievanceStatus status;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    @Enumerated(EnumType.STRING)
    public Category category;
    @Enumerated(EnumType.STRING)
    @Column(name = "subject_area")
    public SubjectArea subjectArea;
    @Enumerated(EnumType.STRING)
    public Urgency urgency;
    public String title;
    public String content;
    @Column(name = "region_code")
    public String regionCode;
    public String uscc;
    @Column(name = "enterprise_name")
    public String enterpriseName;
    @Enumerated(EnumType.STRING)
    @Column(name = "enterprise_size")
    public EnterpriseSize enterpriseSize;
    @Enumerated(EnumType.STRING)
    public Ownership ownership;
    @Column(name = "contact_name")
    public String contactName;
    @Column(name = "contact_phone")
    public String contactPhone;
    @Column(name = "contact_email")
    public String contactEmail;
    @Column(name = "respondent_department")
    public String respondentDepartment;
    @Column(name = "submitted_by_role")
    public String submittedByRole;
    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "lead_department_code")
    public String leadDepartmentCode;
    @Column(name = "lead_department_name")
    public String leadDepartmentName;
    @Column(name = "lead_department_region")
    public String leadDepartmentRegion;
    /** ",CODE1,CODE2,": the co-handling departments (协办) of the current dispatch. */
    @Column(name = "co_handling_departments")
    public String coHandlingDepartments = ",";
    @Column(name = "escalation_level")
    public int escalationLevel;
    @Column(name = "oversight_region")
    public String oversightRegion;
    @Column(name = "dispatch_round")
    public int dispatchRound;
    @Column(name = "sign_due_at")
    public Instant signDueAt;
    @Column(name = "reply_due_at")
    public Instant replyDueAt;
    @Column(name = "due_provisional")
    public boolean dueProvisional;
    @Column(name = "deadline_sequence")
    public long deadlineSequence;

    @Column(name = "open_info_request")
    public UUID openInfoRequest;
    @Column(name = "replied_once")
    public boolean repliedOnce;
    @Column(name = "screening_reason")
    public String screeningReason;
    @Column(name = "suspected_duplicate_of")
    public UUID suspectedDuplicateOf;
    @Column(name = "rejection_reason")
    public String rejectionReason;
    @Column(name = "merged_into")
    public UUID mergedInto;
    @Column(name = "rating_round")
    public Integer ratingRound;
    @Column(name = "rating_due_at")
    public Instant ratingDueAt;
    @Column(name = "rating_due_round")
    public Integer ratingDueRound;
    @Column(name = "last_reply")
    public String lastReply;
    @Column(name = "reopen_count")
    public int reopenCount;
    @Column(name = "closed_reason")
    public String closedReason;
    /** For a tip-off: HMAC of the reporter's USCC, so the enterprise finds its own tip-offs; null when anonymous. */
    @Column(name = "reporter_digest")
    public String reporterDigest;
    public boolean anonymous;
    @Column(name = "query_code_hash")
    public String queryCodeHash;
    /** An anonymous reporter's query code, in the answer to its submission only; never stored. */
    @jakarta.persistence.Transient
    public String queryCode;
    /** The Open311 client organisation that posted it, and where (address_string, lat, long). */
    @Column(name = "open311_client")
    public String open311Client;
    public String address;
    public Double latitude;
    public Double longitude;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public int version;
}
