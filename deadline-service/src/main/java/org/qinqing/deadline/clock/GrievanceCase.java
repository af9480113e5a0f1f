package org.qinqing.deadline.clock;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** What deadline-service needs to know of a grievance to pick its policies, from intake's {@code accepted}. */
@Entity
@Table(name = "grievance_case")
public class GrievanceCase extends PanacheEntityBase {

    @Id
    @Column(name = "grievance_id")
    public UUID grievanceId;
    public String category;
    public String urgency;
    @Column(name = "region_code")
    public String regionCode;
    @Column(name = "lead_department")
    public String leadDepartment;
    @Column(name = "lead_region")
    public String leadRegion;
    @Column(name = "accepted_at")
    public java.time.Instant acceptedAt;
    @Column(name = "replied_at")
    public java.time.Instant repliedAt;
    @Column(name = "rating_level")
    public String ratingLevel;
    public Boolean solved;
    @Column(name = "rated_at")
    public java.time.Instant ratedAt;
    @Column(name = "closed_unrated")
    public boolean closedUnrated;
    @Column(name = "last_supplemented_at")
    public java.time.Instant lastSupplementedAt;
}
