package org.qinqing.notification.inbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An in-app notification addressed to a principal such as {@code enterprise:<uscc>} (PLATFORM.md §5). */
@Entity
@Table(name = "inbox_message")
public class InboxMessage extends PanacheEntityBase {

    @Id
    public UUID id;
    public String principal;
    @Column(name = "grievance_id")
    public UUID grievanceId;
    @Column(name = "event_id")
    public UUID eventId;
    public String kind;
    public String title;
    public String body;
    @Column(name = "created_at")
    public Instant createdAt;
}
