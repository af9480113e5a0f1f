package org.qinqing.intake.rating;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** The enterprise's rating (好差评) of one reply: five levels, solved or not, a 亲 mark and a 清 mark, a comment. */
@Entity
public class Rating extends PanacheEntityBase {

    public enum Level {
        VERY_SATISFIED, SATISFIED, BASICALLY_SATISFIED, UNSATISFIED, VERY_UNSATISFIED;

        public boolean satisfied() {
            return this == VERY_SATISFIED || this == SATISFIED || this == BASICALLY_SATISFIED;
        }
    }

    public enum Mark {
        POSITIVE, NEGATIVE
    }

    @Id
    public UUID id;
    @Column(name = "grievance_id")
    public UUID grievanceId;
    public int round;
    @Enumerated(EnumType.STRING)
    public Level level;
    public boolean solved;
    @Enumerated(EnumType.STRING)
    @Column(name = "qin_mark")
    public Mark qinMark;
    @Enumerated(EnumType.STRING)
    @Column(name = "qing_mark")
    public Mark qingMark;
    public String comment;
    /** LOGIN or LINK. */
    @Column(name = "rated_via")
    public String ratedVia;
    @Column(name = "rated_at")
    public Instant ratedAt;
    /** The tip-off a negative 清 mark raised. */
    @Column(name = "tip_off_id")
    public UUID tipOffId;
}
