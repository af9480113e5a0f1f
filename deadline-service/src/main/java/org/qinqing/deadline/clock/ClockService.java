package org.qinqing.deadline.clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.qinqing.deadline.calendar.WorkingCalendar;
import org.qinqing.deadline.escalation.Ladder;
import org.qinqing.deadline.events.DeadlineEvents;
import org.qinqing.deadline.policy.TimeLimitPolicies;
import org.qinqing.deadline.policy.TimeLimitPolicies.Step;
import org.qinqing.events.Actor;
import org.qinqing.events.Outbox;
import org.qinqing.events.ReceivedEvent;

/**
 * The clocks of PLATFORM.md §5 and the events that drive them. Events arrive in any order across topics: a
 * dispatch seen before the case's category and urgency leaves PENDING clocks, started when {@code accepted}
 * arrives, counted from the dispatch moment all the same.
 */
@ApplicationScoped
public class ClockService {

    private final WorkingCalendar calendar;
    private final TimeLimitPolicies policies;
    private final Outbox outbox;

    public ClockService(WorkingCalendar calendar, TimeLimitPolicies policies, Outbox outbox) {
        this.calendar = calendar;
        this.policies = policies;
        this.outbox = outbox;
    }

    static GrievanceCase caseOf(UUID id) {
        GrievanceCase c = GrievanceCase.findById(id);
        if (c == null) {
            c = new GrievanceCase();
            c.grievanceId = id;
            c.persist();
        }
        return c;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onAccepted(ReceivedEvent accepted) {
        GrievanceCase c = caseOf(accepted.grievanceId());
        c.category = accepted.text("category");
        c.urgency = accepted.text("urgency");
        c.regionCode = accepted.text("regionCode");
        c.acceptedAt = accepted.occurredAt();
        for (Clock pending : Clock.<Clock>list("grievanceId = ?1 and status = ?2", c.grievanceId, Clock.Status.PENDING)) {
            run(pending, c);
        }
    }

    /** Each dispatch of a lead department starts its sign-for and reply clocks (the handling time includes signing). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onDispatched(ReceivedEvent dispatched) {
        UUID id = dispatched.grievanceId();
        int round = dispatched.data().path("round").asInt(1);
        var lead = dispatched.data().path("lead");
        List<String> chain = new ArrayList<>();
        lead.path("regionChain").forEach(region -> chain.add(region.asText()));
        GrievanceCase c = caseOf(id);
        c.leadDepartment = lead.path("code").asText();
        c.leadRegion = lead.path("region").asText(null);
        // a new dispatch ends whatever the previous round left running
        stop(id, List.of(Clock.Kind.SIGN_FOR, Clock.Kind.REPLY), "REDISPATCHED", dispatched.occurredAt());
        for (Clock.Kind kind : List.of(Clock.Kind.SIGN_FOR, Clock.Kind.REPLY)) {
            if (Clock.count("grievanceId = ?1 and kind = ?2 and round = ?3", id, kind, round) > 0) {
                continue;
            }
            Clock clock = newClock(id, kind, round, dispatched.occurredAt());
            clock.departmentCode = c.leadDepartment;
            clock.departmentKind = lead.path("kind").asText(null);
            clock.departmentLevel = lead.path("level").asText(null);
            clock.regionChain = chain.toArray(String[]::new);
            clock.dispatchCause = dispatched.data().path("cause").asText("ACCEPTED");
            clock.persist();
            if (c.category != null) {
                run(clock, c);
            }
        }
    }

    private static Clock newClock(UUID grievanceId, Clock.Kind kind, int round, Instant start) {
        Clock clock = new Clock();
        clock.id = UUID.randomUUID();
        clock.grievanceId = grievanceId;
        clock.kind = kind;
        clock.round = round;
        clock.startedAt = start;
        clock.status = Clock.Status.PENDING;
        clock.updatedAt = Instant.now();
        return clock;
    }

    /** {@code replied} stops the reply clock and opens the rating window. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onReplied(ReceivedEvent replied) {
        stop(replied.grievanceId(), List.of(Clock.Kind.REPLY), "REPLIED", replied.occurredAt());
        GrievanceCase c = caseOf(replied.grievanceId());
        c.repliedAt = replied.occurredAt();
        int round = replied.data().path("round").asInt(1);
        if (Clock.count("grievanceId = ?1 and kind = ?2 and round = ?3", c.grievanceId, Clock.Kind.RATING_WINDOW, round) > 0) {
            return;
        }
        Clock window = newClock(c.grievanceId, Clock.Kind.RATING_WINDOW, round, replied.occurredAt());
        window.departmentCode = replied.text("department");
        window.regionChain = new String[0];
        window.persist();
        if (c.category != null) {
            run(window, c);
        }
    }

    /** Stops the clocks an event ends: signed → sign-for; returned → both of that round; withdrawn → all. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onStopping(ReceivedEvent event) {
        List<Clock.Kind> kinds = switch (event.name()) {
            case "signed" -> List.of(Clock.Kind.SIGN_FOR);
            case "returned" -> List.of(Clock.Kind.SIGN_FOR, Clock.Kind.REPLY);
            case "rated" -> List.of(Clock.Kind.RATING_WINDOW);
            default -> List.of(Clock.Kind.values());
        };
        stop(event.grievanceId(), kinds, event.name().toUpperCase(), event.occurredAt());
    }

    void stop(UUID grievanceId, List<Clock.Kind> kinds, String reason, Instant at) {
        for (Clock clock : Clock.<Clock>list("grievanceId = ?1 and kind in ?2 and status in ?3", grievanceId, kinds,
                List.of(Clock.Status.RUNNING, Clock.Status.PAUSED, Clock.Status.PENDING))) {
            clock.status = Clock.Status.STOPPED;
            clock.stopReason = reason;
            clock.stoppedAt = at;
            clock.nextCheckAt = null;
            clock.updatedAt = Instant.now();
        }
    }

    /**
     * {@code info-requested} pauses the reply clock while the case awaits the enterprise. Events come from different
     * topics: the clock may not have started yet (its pause then applies when it starts), and the supplement that
     * answers the request may already be known (the due time then moves at once by the office time in between).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onInfoRequested(ReceivedEvent event) {
        GrievanceCase c = caseOf(event.grievanceId());
        Clock.<Clock>find("grievanceId = ?1 and kind = ?2 and status <> ?3 order by round desc", event.grievanceId(),
                Clock.Kind.REPLY, Clock.Status.STOPPED).firstResultOptional().ifPresent(clock -> {
                    if (clock.pausedAt != null) {
                        return;
                    }
                    clock.pausedAt = event.occurredAt();
                    if (clock.status == Clock.Status.RUNNING) {
                        clock.status = Clock.Status.PAUSED;
                        clock.nextCheckAt = null;
                        resumeIfSupplemented(clock, c);
                    }
                    clock.updatedAt = Instant.now();
                });
    }

    /** {@code supplemented} resumes it; the due time moves by the office time spent paused. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onSupplemented(ReceivedEvent event) {
        GrievanceCase c = caseOf(event.grievanceId());
        if (c.lastSupplementedAt == null || event.occurredAt().isAfter(c.lastSupplementedAt)) {
            c.lastSupplementedAt = event.occurredAt();
        }
        Clock.<Clock>find("grievanceId = ?1 and kind = ?2 and status = ?3 order by round desc", event.grievanceId(),
                Clock.Kind.REPLY, Clock.Status.PAUSED).firstResultOptional().ifPresent(clock -> resumeIfSupplemented(clock, c));
    }

    private void resumeIfSupplemented(Clock clock, GrievanceCase c) {
        if (c.lastSupplementedAt == null || !c.lastSupplementedAt.isAfter(clock.pausedAt)) {
            return;
        }
        Duration paused = calendar.officeTimeBetween(clock.pausedAt, c.lastSupplementedAt);
        clock.status = Clock.Status.RUNNING;
        clock.pausedAt = null;
        moveDue(clock, calendar.afterOfficeTime(clock.dueAt, paused).at(), "RESUMED", Actor.system());
    }

    public Optional<Clock> runningReply(UUID grievanceId) {
        return Clock.<Clock>find("grievanceId = ?1 and kind = ?2 and status in ?3 order by round desc", grievanceId,
                Clock.Kind.REPLY, List.of(Clock.Status.RUNNING, Clock.Status.PAUSED)).firstResultOptional();
    }

    /** The clock of the department handling the case: its running (or paused) reply clock, else a running sign-for. */
    public Optional<Clock> handling(UUID grievanceId) {
        return runningReply(grievanceId).or(() -> Clock.<Clock>find(
                "grievanceId = ?1 and kind = ?2 and status = ?3 order by round desc", grievanceId, Clock.Kind.SIGN_FOR,
                Clock.Status.RUNNING).firstResultOptional());
    }

    /**
     * A new due time (resumed, extension approved, 督办 date): a warning that has not fired is recomputed; levels
     * already reached stay, and the next level is re-armed relative to the new due time.
     */
    public void moveDue(Clock clock, Instant due, String reason, Actor actor) {
        clock.dueAt = due;
        if (clock.warnedAt == null) {
            clock.warningAt = Ladder.warningAt(calendar, clock.startedAt, due);
        }
        clock.nextCheckAt = clock.status == Clock.Status.RUNNING ? Ladder.nextCheck(calendar, clock) : null;
        clock.updatedAt = Instant.now();
        outbox.append(clock.grievanceId, actor, new DeadlineEvents.DeadlineSet(clock.kind.name(), clock.round,
                clock.departmentCode, clock.dueAt, clock.provisional, reason));
    }

    private void run(Clock clock, GrievanceCase grievanceCase) {
        Step step = switch (clock.kind) {
            case SIGN_FOR -> Step.SIGN_FOR;
            case REPLY -> "REOPENED".equals(clock.dispatchCause) ? Step.REOPENED_REPLY : Step.REPLY;
            case RATING_WINDOW -> Step.RATING_WINDOW;
        };
        TimeLimitPolicies.Limit limit = policies.limit(step, grievanceCase.category, grievanceCase.urgency);
        WorkingCalendar.Due due = limit.dueFrom(clock.startedAt, calendar);
        clock.limitAmount = limit.amount();
        clock.limitUnit = limit.unit();
        clock.dueAt = due.at();
        clock.provisional = due.provisional();
        clock.status = Clock.Status.RUNNING;
        clock.warningAt = clock.kind == Clock.Kind.RATING_WINDOW ? null : Ladder.warningAt(calendar, clock.startedAt, clock.dueAt);
        clock.nextCheckAt = Ladder.nextCheck(calendar, clock);
        clock.updatedAt = Instant.now();
        outbox.append(clock.grievanceId, Actor.system(), new DeadlineEvents.DeadlineSet(clock.kind.name(), clock.round,
                clock.departmentCode, clock.dueAt, clock.provisional, "STARTED"));
        if (clock.pausedAt != null) {
            // an information request applied before the clock could start
            clock.status = Clock.Status.PAUSED;
            clock.nextCheckAt = null;
            resumeIfSupplemented(clock, grievanceCase);
        }
    }
}
