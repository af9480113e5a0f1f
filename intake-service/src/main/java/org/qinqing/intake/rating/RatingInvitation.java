package org.qinqing.intake.rating;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A reply's rating link: the signed token names this row, which makes the link single-use. */
@Entity
@Table(name = "rating_invitation")
public class RatingInvitation extends PanacheEntityBase {

    @Id
    @Column(name = "token_id")
    public UUID tokenId;
    @Column(name = "grievance_id")
    public UUID grievanceId;
    public int round;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "used_at")
    public Instant usedAt;
}
