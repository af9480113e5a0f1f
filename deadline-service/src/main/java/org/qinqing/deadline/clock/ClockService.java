package org.qinqing.deadline.clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.qinqing.deadline.calendar.WorkingCalendar;
import org.qinqing.deadline.events.DeadlineEvents;
import org.qinqing.deadline.policy.TimeLimitPolicies;
import org.qinqing.deadline.policy.TimeLimitPolicies.Step;
import org.qinqing.events.Actor;
import org.qinqing.events.Outbox;
import org.qinqing.events.ReceivedEvent;

/**
 * Starts the clocks the events of PLATFORM.md §5 open. Events arrive in any order across topics: a dispatch
 * seen before the case's category and urgency leaves PENDING clocks, started when {@code accepted} arrives,
 * counted from the dispatch moment all the same.
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

    @Transactional(Transactional.TxType.MANDATORY)
    public void onAccepted(ReceivedEvent accepted) {
        UUID id = accepted.grievanceId();
        if (GrievanceCase.findById(id) == null) {
            GrievanceCase c = new GrievanceCase();
            c.grievanceId = id;
            c.category = accepted.text("category");
            c.urgency = accepted.text("urgency");
            c.regionCode = accepted.text("regionCode");
            c.persist();
        }
        for (Clock pending : Clock.<Clock>list("grievanceId = ?1 and status = ?2", id, Clock.Status.PENDING)) {
            run(pending, GrievanceCase.findById(id));
        }
    }

    /** Each dispatch of a lead department starts its sign-for and reply clocks (the handling time includes signing). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onDispatched(ReceivedEvent dispatched) {
        UUID id = dispatched.grievanceId();
        int round = dispatched.data().path("round").asInt(1);
        String department = dispatched.data().path("lead").path("code").asText();
        List<String> chain = new ArrayList<>();
        dispatched.data().path("lead").path("regionChain").forEach(region -> chain.add(region.asText()));
        GrievanceCase grievanceCase = GrievanceCase.findById(id);
        for (Clock.Kind kind : List.of(Clock.Kind.SIGN_FOR, Clock.Kind.REPLY)) {
            if (Clock.count("grievanceId = ?1 and kind = ?2 and round = ?3", id, kind, round) > 0) {
                continue;
            }
            Clock clock = new Clock();
            clock.id = UUID.randomUUID();
            clock.grievanceId = id;
            clock.kind = kind;
            clock.round = round;
            clock.departmentCode = department;
            clock.regionChain = chain.toArray(String[]::new);
            clock.startedAt = dispatched.occurredAt();
            clock.dispatchCause = dispatched.data().path("cause").asText("ACCEPTED");
            clock.status = Clock.Status.PENDING;
            clock.updatedAt = Instant.now();
            clock.persist();
            if (grievanceCase != null) {
                run(clock, grievanceCase);
            }
        }
    }

    /**
     * Stops the clocks an event ends (PLATFORM.md §5): {@code signed} the sign-for clock, {@code replied} the reply
     * clock, {@code returned} both of that department, {@code withdrawn} every clock of the case.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onStopping(ReceivedEvent event) {
        List<Clock.Kind> kinds = switch (event.name()) {
            case "signed" -> List.of(Clock.Kind.SIGN_FOR);
            case "replied" -> List.of(Clock.Kind.REPLY);
            case "returned" -> List.of(Clock.Kind.SIGN_FOR, Clock.Kind.REPLY);
            default -> List.of(Clock.Kind.values());
        };
        for (Clock clock : Clock.<Clock>list("grievanceId = ?1 and kind in ?2 and status <> ?3", event.grievanceId(), kinds,
                Clock.Status.STOPPED)) {
            clock.status = Clock.Status.STOPPED;
            clock.stoppedAt = event.occurredAt();
            clock.updatedAt = Instant.now();
        }
    }

    private void run(Clock clock, GrievanceCase grievanceCase) {
        Step step = switch (clock.kind) {
            case SIGN_FOR -> Step.SIGN_FOR;
            case REPLY -> "REOPENED".equals(clock.dispatchCause) ? Step.REOPENED_REPLY : Step.REPLY;
            case RATING_WINDOW -> Step.RATING_WINDOW;
        };
        WorkingCalendar.Due due = policies.limit(step, grievanceCase.category, grievanceCase.urgency)
                .dueFrom(clock.startedAt, calendar);
        clock.dueAt = due.at();
        clock.provisional = due.provisional();
        clock.status = Clock.Status.RUNNING;
        clock.updatedAt = Instant.now();
        outbox.append(clock.grievanceId, Actor.system(), new DeadlineEvents.DeadlineSet(clock.kind.name(), clock.round,
                clock.departmentCode, clock.dueAt, clock.provisional));
    }
}
