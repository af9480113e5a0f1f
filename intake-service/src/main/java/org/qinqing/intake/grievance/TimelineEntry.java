package org.qinqing.intake.grievance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.qinqing.events.Actor;

/** One step of the full-process record (全过程记录): what happened, who did it (role and unit), when and why. */
@Entity
@Table(name = "timeline_entry")
public class TimelineEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "grievance_id")
    public UUID grievanceId;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    public String step;
    @Enumerated(EnumType.STRING)
    @Column(name = "status_after")
    public GrievanceStatus statusAfter;
    @Column(name = "actor_role")
    public String actorRole;
    @Column(name = "actor_department")
    public String actorDepartment;
    @Column(name = "actor_region")
    public String actorRegion;
    public String detail;
    public boolean internal;
    @Column(name = "event_id")
    public UUID eventId;

    public static TimelineEntry record(Grievance grievance, Instant at, String step, Actor actor, String detail,
            UUID eventId) {
        TimelineEntry entry = new TimelineEntry();
        entry.grievanceId = grievance.id;
        entry.occurredAt = at;
        entry.step = step;
        entry.statusAfter = grievance.status;
        entry.actorRole = actor.role();
        entry.actorDepartment = actor.department();
        entry.actorRegion = actor.region();
        entry.detail = detail;
        entry.eventId = eventId;
        entry.persist();
        return entry;
    }
}
