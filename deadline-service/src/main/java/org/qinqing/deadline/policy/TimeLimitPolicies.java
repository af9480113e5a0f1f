package org.qinqing.deadline.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.qinqing.deadline.calendar.WorkingCalendar;

/** The time limit of a step for a category and urgency: the category's own policy, else the one for ANY. */
@ApplicationScoped
public class TimeLimitPolicies {

    public enum Step {
        SIGN_FOR, REPLY, REOPENED_REPLY, RATING_WINDOW
    }

    public record Limit(int amount, String unit) {
        public WorkingCalendar.Due dueFrom(Instant start, WorkingCalendar calendar) {
            return "OFFICE_HOURS".equals(unit) ? calendar.afterOfficeTime(start, Duration.ofHours(amount))
                    : calendar.afterWorkingDays(start, amount);
        }
    }

    private final EntityManager entityManager;

    public TimeLimitPolicies(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @SuppressWarnings("unchecked")
    public Limit limit(Step step, String category, String urgency) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT amount, unit FROM time_limit_policy
                 WHERE step = ?1 AND urgency = ?2 AND category IN (?3, 'ANY')
                 ORDER BY category = 'ANY'""")
                .setParameter(1, step.name()).setParameter(2, urgency).setParameter(3, category)
                .setMaxResults(1).getResultList();
        if (rows.isEmpty()) {
            throw new IllegalStateException("no time-limit policy for " + step + " " + category + " " + urgency);
        }
        return new Limit(((Number) rows.get(0)[0]).intValue(), (String) rows.get(0)[1]);
    }
}
