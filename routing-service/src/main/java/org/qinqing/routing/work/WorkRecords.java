package org.qinqing.routing.work;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The records a department's work leaves behind, one table each. */
public final class WorkRecords {

    private WorkRecords() {
    }

    /** What every record of a department's work on a case has: its id, the grievance and the department. */
    @MappedSuperclass
    public abstract static class CaseRecord extends PanacheEntityBase {
        @Id
        public UUID id;
        @Column(name = "grievance_id")
        public UUID grievanceId;
        @Column(name = "department_code")
        public String departmentCode;
    }

    @Entity
    @Table(name = "handling_note")
    public static class HandlingNote extends CaseRecord {
        public String text;
        @Column(name = "visible_to_enterprise")
        public boolean visibleToEnterprise;
        @Column(name = "created_at")
        public Instant createdAt;
    }

    @Entity
    @Table(name = "info_request")
    public static class InfoRequest extends CaseRecord {
        public String question;
        @Column(name = "asked_at")
        public Instant askedAt;
        @Column(name = "answered_at")
        public Instant answeredAt;
    }

    @Entity
    @Table(name = "extension_request")
    public static class ExtensionRequest extends CaseRecord {
        @Column(name = "working_days")
        public int workingDays;
        public String reason;
        @Column(name = "requested_at")
        public Instant requestedAt;
        public String decision;
    }

    @Entity
    @Table(name = "co_handling_input")
    public static class CoHandlingInput extends CaseRecord {
        public String question;
        public String answer;
        @Column(name = "requested_at")
        public Instant requestedAt;
        @Column(name = "answered_at")
        public Instant answeredAt;
    }

    @Entity
    @Table(name = "return_record")
    public static class ReturnRecord extends CaseRecord {
        public String reason;
        public String basis;
        public int round;
        @Column(name = "returned_at")
        public Instant returnedAt;
    }

    @Entity
    @Table(name = "reply")
    public static class Reply extends CaseRecord {
        public int round;
        public String text;
        public String attachments;
        @Column(name = "replied_at")
        public Instant repliedAt;
    }
}
