package org.qinqing.deadline.stats;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qinqing.deadline.calendar.Times;
import org.qinqing.deadline.calendar.WorkingCalendar;

/**
 * The figures per department for a period (PLATFORM.md §5 "Statistics"). A case belongs to the period when its
 * clock started in it. Rates are null when their denominator is zero.
 * <ul>
 * <li>response rate: sign-for clocks signed by their due time / sign-for clocks signed or overdue;</li>
 * <li>on-time completion rate: reply clocks replied by their due time / reply clocks replied or overdue;</li>
 * <li>resolution rate: rated cases the enterprise says are solved / rated cases;</li>
 * <li>satisfaction rate: very satisfied + satisfied + basically satisfied / rated cases;</li>
 * <li>unrated share: cases closed when the rating window lapsed / (rated + those);</li>
 * <li>returns: returns made by the department; overdue: cases with a clock that reached escalation level 1;</li>
 * <li>average handling time: working days from dispatch to reply.</li>
 * </ul>
 */
@ApplicationScoped
public class Statistics {

    public record DepartmentFigures(String department, String region, long cases, Double responseRate,
            Double onTimeCompletionRate, Double resolutionRate, Double satisfactionRate, Double unratedShare, long rated,
            long returns, long overdue, Double averageHandlingWorkingDays) {
    }

    private final EntityManager entityManager;
    private final WorkingCalendar calendar;

    public Statistics(EntityManager entityManager, WorkingCalendar calendar) {
        this.entityManager = entityManager;
        this.calendar = calendar;
    }

    /** Departments whose region starts with {@code regionPrefix} ("" for all), optionally one department. */
    @SuppressWarnings("unchecked")
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DepartmentFigures> figures(LocalDate from, LocalDate to, String regionPrefix, String department) {
        Instant start = from.atStartOfDay(WorkingCalendar.CHINA).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(WorkingCalendar.CHINA).toInstant();
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT c.department_code, min(c.region_chain[1]),
                  count(DISTINCT c.grievance_id),
                  count(*) FILTER (WHERE c.kind = 'SIGN_FOR' AND c.stop_reason = 'SIGNED' AND c.stopped_at <= c.due_at),
                  count(*) FILTER (WHERE c.kind = 'SIGN_FOR' AND (c.stop_reason = 'SIGNED' OR c.escalation_level > 0)),
                  count(*) FILTER (WHERE c.kind = 'REPLY' AND c.stop_reason = 'REPLIED' AND c.stopped_at <= c.due_at),
                  count(*) FILTER (WHERE c.kind = 'REPLY' AND (c.stop_reason = 'REPLIED' OR c.escalation_level > 0)),
                  count(DISTINCT c.grievance_id) FILTER (WHERE c.escalation_level > 0)
                  FROM clock c
                 WHERE c.kind IN ('SIGN_FOR', 'REPLY') AND c.started_at >= ?1 AND c.started_at < ?2
                   AND coalesce(c.region_chain[1], '') LIKE ?3 AND (?4 = '' OR c.department_code = ?4)
                 GROUP BY c.department_code""")
                .setParameter(1, start).setParameter(2, end).setParameter(3, regionPrefix + "%")
                .setParameter(4, department == null ? "" : department).getResultList();
        Map<String, Object[]> ratings = new HashMap<>();
        for (Object[] r : (List<Object[]>) entityManager.createNativeQuery("""
                SELECT g.lead_department,
                  count(*) FILTER (WHERE g.rating_level IS NOT NULL),
                  count(*) FILTER (WHERE g.solved),
                  count(*) FILTER (WHERE g.rating_level IN ('VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED')),
                  count(*) FILTER (WHERE g.closed_unrated)
                  FROM grievance_case g
                 WHERE g.replied_at >= ?1 AND g.replied_at < ?2 AND g.lead_department IS NOT NULL
                 GROUP BY g.lead_department""").setParameter(1, start).setParameter(2, end).getResultList()) {
            ratings.put((String) r[0], r);
        }
        Map<String, Long> returns = new HashMap<>();
        for (Object[] r : (List<Object[]>) entityManager.createNativeQuery("""
                SELECT department_code, count(*) FROM return_fact WHERE returned_at >= ?1 AND returned_at < ?2
                 GROUP BY department_code""").setParameter(1, start).setParameter(2, end).getResultList()) {
            returns.put((String) r[0], ((Number) r[1]).longValue());
        }
        Map<String, double[]> handling = new HashMap<>();
        for (Object[] r : (List<Object[]>) entityManager.createNativeQuery("""
                SELECT department_code, started_at, stopped_at FROM clock
                 WHERE kind = 'REPLY' AND stop_reason = 'REPLIED' AND started_at >= ?1 AND started_at < ?2""")
                .setParameter(1, start).setParameter(2, end).getResultList()) {
            double days = workingDaysBetween(Times.instant(r[1]),
                    Times.instant(r[2]));
            handling.computeIfAbsent((String) r[0], k -> new double[2]);
            handling.get(r[0])[0] += days;
            handling.get(r[0])[1] += 1;
        }
        List<DepartmentFigures> figures = new ArrayList<>();
        for (Object[] r : rows) {
            String code = (String) r[0];
            Object[] rating = ratings.get(code);
            long rated = rating == null ? 0 : n(rating[1]);
            long unrated = rating == null ? 0 : n(rating[4]);
            double[] h = handling.get(code);
            figures.add(new DepartmentFigures(code, (String) r[1], n(r[2]), rate(n(r[3]), n(r[4])), rate(n(r[5]), n(r[6])),
                    rating == null ? null : rate(n(rating[2]), rated), rating == null ? null : rate(n(rating[3]), rated),
                    rate(unrated, rated + unrated), rated, returns.getOrDefault(code, 0L), n(r[7]),
                    h == null ? null : Math.round(h[0] / h[1] * 10) / 10.0));
        }
        figures.sort(Comparator.comparing(DepartmentFigures::department));
        return figures;
    }

    /** Ranking: on-time completion first, then satisfaction, then fewer returns. */
    public List<DepartmentFigures> ranking(List<DepartmentFigures> figures) {
        return figures.stream().sorted(Comparator
                .comparing((DepartmentFigures f) -> f.onTimeCompletionRate() == null ? -1 : f.onTimeCompletionRate()).reversed()
                .thenComparing(f -> f.satisfactionRate() == null ? -1 : f.satisfactionRate(), Comparator.reverseOrder())
                .thenComparingLong(DepartmentFigures::returns)).toList();
    }

    /** The summons list (约谈): satisfaction or on-time completion below the threshold. */
    public List<DepartmentFigures> belowThreshold(List<DepartmentFigures> figures, double threshold) {
        return figures.stream().filter(f -> f.satisfactionRate() != null && f.satisfactionRate() < threshold
                || f.onTimeCompletionRate() != null && f.onTimeCompletionRate() < threshold).toList();
    }

    /** Working days between two moments, counting a part day as the share of its office hours. */
    double workingDaysBetween(Instant from, Instant to) {
        return calendar.officeTimeBetween(from, to).toMinutes() / (double) calendar.officeDay().toMinutes();
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Double rate(long numerator, long denominator) {
        return denominator == 0 ? null : Math.round(numerator * 10000.0 / denominator) / 10000.0;
    }
}
