package org.qinqing.notification.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A delivery that failed for good, and why; an admin may replay it. */
@Entity
@Table(name = "dead_letter")
public class DeadLetter extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "delivery_id")
    public UUID deliveryId;
    public String reason;
    @Column(name = "dead_at")
    public Instant deadAt;
    @Column(name = "replayed_at")
    public Instant replayedAt;
    @Column(name = "replayed_by")
    public String replayedBy;
}
