package org.qinqing.routing.work;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The records a department's work leaves behind, one table each. */
public final class WorkRecords {

    private WorkRecords() {
    }

    @Entity
    @Table(name = "handling_note")
    public static class HandlingNote extends PanacheEntityBase {
        @Id
        public UUID id;
        @Column(name = "grievance_id")
        public UUID grievanceId;
        @Column(name = "department_code")
        public String departmentCode;
        public String text;
        @Column(name = "visible_to_enterprise")
        public boolean visibleToEnterprise;
        @Column(name = "created_at")
        public Instant createdAt;
    }

    @Entity
    @Table(name = "info_request")
    public static class InfoRequest extends PanacheEntityBase {
        @Id
        public UUID id;
        @Column(name = "grievance_id")
        public UUID grievanceId;
        @Column(name = "department_code")
        public String departmentCode;
        public String question;
        @Column(name = "asked_at")
        public Instant askedAt;
        @Column(name = "answered_at")
        public Instant answeredAt;
    }

    @Entity
    @Table(name = "extension_request")
    public static class ExtensionRequest extends PanacheEntityBase {
        @Id
        public UUID id;
        @Column(name = "grievance_id")
        public UUID grievanceId;
        @Column(name = "department_code")
        public String departmentCode;
        @Column(name = "working_days")
        public int workingDays;
        public String reason;
        @Column(name = "requested_at")
        public Instant requestedAt;
        public String decision;
    }

    @Entity
    @Table(name = "co_handling_input")
    public static class CoHandlingInput extends PanacheEntityBase {
        @Id
        public UUID id;
        @Column(name = "grievance_id")
        public UUID grievanceId;
        @Column(name = "department_code")
        public String departmentCode;
        public String question;
        public String answer;
        @Column(name = "requested_at")
        public Instant requestedAt;
        @Column(name = "answered_at")
        public Instant answeredAt;
    }

    @Entity
    @Table(name = "return_record")
    public static class ReturnRecord extends PanacheEntityBase {
        @Id
        public UUID id;
        @Column(name = "grievance_id")
        public UUID grievanceId;
        @Column(name = "department_code")
        public String departmentCode;
        public String reason;
        public String basis;
        public int round;
        @Column(name = "returned_at")
        public Instant returnedAt;
    }

    @Entity
    @Table(name = "reply")
    public static class Reply extends PanacheEntityBase {
        @Id
        public UUID id;
        @Column(name = "grievance_id")
        public UUID grievanceId;
        @Column(name = "department_code")
        public String departmentCode;
        public int round;
        public String text;
        public String attachments;
        @Column(name = "replied_at")
        public Instant repliedAt;
    }
}
