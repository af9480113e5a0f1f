package org.qinqing.notification.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.qinqing.notification.channel.ChannelKind;
import org.qinqing.notification.channel.OutgoingMessage;

/** One notice to one recipient through one channel; unique per (event, recipient, channel). */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    public enum Status {
        /** waiting for its next attempt (or for the end of quiet hours) */
        PENDING,
        SENT,
        /** failed for good; a dead letter records why */
        FAILED,
        /** nothing to send to: a tip-off reporter who left no phone or e-mail */
        SKIPPED
    }

    @Id
    public UUID id;
    @Column(name = "event_id")
    public UUID eventId;
    @Column(name = "grievance_id")
    public UUID grievanceId;
    public String kind;
    public String recipient;
    @Enumerated(EnumType.STRING)
    public ChannelKind channel;
    /** null for a tip-off reporter: the contact is fetched from intake when sending, and never stored. */
    public String address;
    public String language;
    public boolean urgent;
    public String subject;
    public String body;
    public String link;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int attempts;
    @Column(name = "parts_sent")
    public int partsSent;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "deferred_until")
    public Instant deferredUntil;
    @Column(name = "lease_until")
    public Instant leaseUntil;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "sent_at")
    public Instant sentAt;

    public OutgoingMessage toMessage() {
        return new OutgoingMessage(id, grievanceId, kind, recipient, address, language, subject, body, link, partsSent);
    }
}
