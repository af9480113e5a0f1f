package org.qinqing.deadline.escalation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.qinqing.deadline.calendar.WorkingCalendar;
import org.qinqing.deadline.clock.Clock;
import org.qinqing.deadline.events.DeadlineEvents;
import org.qinqing.events.Actor;
import org.qinqing.events.CommittedCounters;
import org.qinqing.events.Outbox;

/**
 * Finds the clocks whose next moment has come (a warning, an escalation level, the end of a rating window) and
 * publishes what is due, in due-time order, so clocks that fell due while the service was down are caught up.
 *
 * <p>Several replicas scan at once safely: each batch is claimed with {@code FOR UPDATE SKIP LOCKED}, and a clock
 * whose grievance an event handler holds at that moment is left for the next scan (the handler may move it).
 */
@ApplicationScoped
public class DueClockScanner {

    private static final Logger LOG = Logger.getLogger(DueClockScanner.class);
    static final int BATCH = 500;

    private final EntityManager entityManager;
    private final WorkingCalendar calendar;
    private final Outbox outbox;
    private final CommittedCounters counters;

    public DueClockScanner(EntityManager entityManager, WorkingCalendar calendar, Outbox outbox,
            CommittedCounters counters) {
        this.entityManager = entityManager;
        this.calendar = calendar;
        this.outbox = outbox;
        this.counters = counters;
    }

    @Scheduled(every = "${deadline.scan-interval:200ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledScan() {
        try {
            while (scan(Instant.now()) == BATCH) {
                // a full batch: more are due
            }
        } catch (RuntimeException e) {
            LOG.warn("due-clock scan failed; next scan retries", e);
        }
    }

    /** One batch; returns how many clocks it claimed. */
    public int scan(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<UUID> due = entityManager.createNativeQuery("""
                    SELECT id FROM clock
                     WHERE status = 'RUNNING' AND next_check_at <= ?1
                       AND pg_try_advisory_xact_lock(hashtextextended(grievance_id::text, 0))
                     ORDER BY next_check_at
                     LIMIT ?2
                     FOR UPDATE SKIP LOCKED""", UUID.class)
                    .setParameter(1, now).setParameter(2, BATCH).getResultList();
            if (!due.isEmpty()) {
                for (Clock clock : Clock.<Clock>list("id in ?1 order by nextCheckAt", due)) {
                    process(clock, now);
                }
            }
            return due.size();
        });
    }

    private void process(Clock clock, Instant now) {
        if (clock.kind == Clock.Kind.RATING_WINDOW) {
            if (!now.isBefore(clock.dueAt)) {
                clock.status = Clock.Status.STOPPED;
                clock.stopReason = "EXPIRED";
                clock.stoppedAt = clock.dueAt;
                clock.nextCheckAt = null;
                outbox.append(clock.grievanceId, Actor.system(), new DeadlineEvents.RatingWindowExpired(clock.dueAt));
            }
            return;
        }
        if (clock.warnedAt == null && clock.escalationLevel == 0 && clock.warningAt != null
                && !now.isBefore(clock.warningAt) && now.isBefore(clock.dueAt)) {
            clock.warnedAt = now;
            outbox.append(clock.grievanceId, Actor.system(),
                    new DeadlineEvents.Warning(clock.kind.name(), clock.round, clock.departmentCode, clock.dueAt));
            counters.increment("qinqing.deadline.warnings", "clock", clock.kind.name());
        }
        while (clock.escalationLevel < Ladder.TOP_LEVEL
                && !now.isBefore(Ladder.levelAt(calendar, clock.dueAt, clock.escalationLevel + 1))) {
            clock.escalationLevel++;
            Ladder.Target target = Ladder.target(clock, clock.escalationLevel);
            outbox.append(clock.grievanceId, Actor.system(), new DeadlineEvents.Escalated(clock.kind.name(), clock.round,
                    clock.departmentCode, clock.escalationLevel, clock.dueAt, target.audience(), target.region()));
            counters.increment("qinqing.deadline.escalations", "level", Integer.toString(clock.escalationLevel));
            if (clock.escalationLevel == 1) {
                // level 1 falls due at the time limit itself: the grievance is overdue (超期)
                counters.increment("qinqing.grievances.overdue", "clock", clock.kind.name());
            }
        }
        clock.nextCheckAt = Ladder.nextCheck(calendar, clock);
        clock.updatedAt = Instant.now();
    }
}
