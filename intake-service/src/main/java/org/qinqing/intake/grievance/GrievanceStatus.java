package org.qinqing.intake.grievance;

/** The statuses of PLATFORM.md §3; {@link Lifecycle} says how a grievance moves between them. */
public enum GrievanceStatus {
    SUBMITTED, ACCEPTED, REJECTED, MERGED, AWAITING_MANUAL_DISPATCH, DISPATCHED, RETURNED, AWAITING_SUPERVISOR,
    IN_PROGRESS, AWAITING_ENTERPRISE, REPLIED, REOPENED, CLOSED, WITHDRAWN;

    public boolean isFinal() {
        return this == REJECTED || this == MERGED || this == CLOSED || this == WITHDRAWN;
    }
}
