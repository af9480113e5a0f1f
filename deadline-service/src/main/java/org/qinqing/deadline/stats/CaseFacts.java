package org.qinqing.deadline.stats;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.qinqing.deadline.clock.GrievanceCase;
import org.qinqing.events.ReceivedEvent;

/** Records the facts the statistics count: ratings, unrated closings, returns. */
@ApplicationScoped
public class CaseFacts {

    private final EntityManager entityManager;

    public CaseFacts(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onRated(ReceivedEvent rated) {
        GrievanceCase c = GrievanceCase.findById(rated.grievanceId());
        if (c != null) {
            c.ratingLevel = rated.text("level");
            c.solved = rated.data().path("solved").isBoolean() ? rated.data().get("solved").asBoolean() : null;
            c.ratedAt = rated.occurredAt();
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onClosed(ReceivedEvent closed) {
        GrievanceCase c = GrievanceCase.findById(closed.grievanceId());
        if (c != null && "RATING_WINDOW_EXPIRED".equals(closed.text("reason"))) {
            c.closedUnrated = true;
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onReturned(ReceivedEvent returned) {
        entityManager.createNativeQuery("""
                INSERT INTO return_fact (event_id, grievance_id, department_code, returned_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (event_id) DO NOTHING""")
                .setParameter(1, returned.id()).setParameter(2, returned.grievanceId())
                .setParameter(3, returned.text("department")).setParameter(4, returned.occurredAt()).executeUpdate();
    }
}
