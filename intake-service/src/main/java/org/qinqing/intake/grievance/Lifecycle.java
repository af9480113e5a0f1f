package org.qinqing.intake.grievance;

import static org.qinqing.intake.grievance.GrievanceStatus.*;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The state machine of PLATFORM.md §3, written once as data: each transition names what makes it, either a
 * person's command (with the role that may give it) or an event another service published.
 */
public final class Lifecycle {

    /** What moves a grievance: a command over HTTP or an event applied from a topic. */
    public enum Trigger {
        ACCEPT("operator"), REJECT("operator"), MERGE("operator"), SUPPLEMENT("enterprise"), WITHDRAW("enterprise"),
        RATE_SATISFIED("enterprise"), RATE_UNSATISFIED("enterprise"), RATE_UNSATISFIED_AT_LIMIT("enterprise"),
        MANUAL_DISPATCH_REQUIRED(null), DISPATCHED(null), SIGNED(null), RETURNED(null), RETURN_ESCALATED(null),
        INFO_REQUESTED(null), REPLIED(null), RATING_WINDOW_EXPIRED(null), REOPEN_DECIDED_WITH_FINDING(null);

        private final String role;

        Trigger(String role) {
            this.role = role;
        }

        /** The role whose command this is, or null when an event makes the transition. */
        public String role() {
            return role;
        }
    }

    public record Transition(Set<GrievanceStatus> from, Trigger trigger, GrievanceStatus to) {
    }

    /**
     * Withdrawal: any status before the first reply. AWAITING_SUPERVISOR after a second return is one; after the
     * reopen limit it is not, which the service knows from the case having been replied to.
     */
    private static final Set<GrievanceStatus> BEFORE_REPLY = EnumSet.of(SUBMITTED, ACCEPTED, AWAITING_MANUAL_DISPATCH,
            DISPATCHED, RETURNED, AWAITING_SUPERVISOR, IN_PROGRESS, AWAITING_ENTERPRISE);

    public static final List<Transition> TRANSITIONS = List.of(
            new Transition(EnumSet.of(SUBMITTED), Trigger.ACCEPT, ACCEPTED),
            new Transition(EnumSet.of(SUBMITTED), Trigger.REJECT, REJECTED),
            new Transition(EnumSet.of(SUBMITTED), Trigger.MERGE, MERGED),
            new Transition(EnumSet.of(ACCEPTED, RETURNED), Trigger.MANUAL_DISPATCH_REQUIRED, AWAITING_MANUAL_DISPATCH),
            new Transition(EnumSet.of(ACCEPTED, AWAITING_MANUAL_DISPATCH, RETURNED, REOPENED, AWAITING_SUPERVISOR),
                    Trigger.DISPATCHED, DISPATCHED),
            new Transition(EnumSet.of(DISPATCHED), Trigger.SIGNED, IN_PROGRESS),
            new Transition(EnumSet.of(DISPATCHED, IN_PROGRESS), Trigger.RETURNED, RETURNED),
            new Transition(EnumSet.of(RETURNED), Trigger.RETURN_ESCALATED, AWAITING_SUPERVISOR),
            new Transition(EnumSet.of(IN_PROGRESS), Trigger.INFO_REQUESTED, AWAITING_ENTERPRISE),
            new Transition(EnumSet.of(AWAITING_ENTERPRISE), Trigger.SUPPLEMENT, IN_PROGRESS),
            new Transition(EnumSet.of(IN_PROGRESS), Trigger.REPLIED, REPLIED),
            new Transition(EnumSet.of(REPLIED), Trigger.RATE_SATISFIED, CLOSED),
            new Transition(EnumSet.of(REPLIED), Trigger.RATE_UNSATISFIED, REOPENED),
            new Transition(EnumSet.of(REPLIED), Trigger.RATE_UNSATISFIED_AT_LIMIT, AWAITING_SUPERVISOR),
            new Transition(EnumSet.of(REPLIED), Trigger.RATING_WINDOW_EXPIRED, CLOSED),
            new Transition(EnumSet.of(AWAITING_SUPERVISOR), Trigger.REOPEN_DECIDED_WITH_FINDING, CLOSED),
            new Transition(BEFORE_REPLY, Trigger.WITHDRAW, WITHDRAWN));

    private Lifecycle() {
    }

    /** Where the trigger leads from this status, or empty when it does not fit the status. */
    public static Optional<GrievanceStatus> next(GrievanceStatus from, Trigger trigger) {
        return TRANSITIONS.stream()
                .filter(t -> t.trigger() == trigger && t.from().contains(from))
                .map(Transition::to)
                .findFirst();
    }
}
