package org.qinqing.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.qinqing.intake.grievance.GrievanceStatus;
import org.qinqing.intake.grievance.Lifecycle;
import org.qinqing.intake.grievance.Lifecycle.Trigger;

/**
 * Every status × every trigger against PLATFORM.md §3's table, transcribed here independently of
 * {@link Lifecycle}: an allowed transition leads where the table says, everything else is refused.
 */
class LifecycleTest {

    static final Map<String, GrievanceStatus> PLATFORM_TABLE = new HashMap<>();

    static void allow(Trigger trigger, GrievanceStatus to, GrievanceStatus... from) {
        for (GrievanceStatus status : from) {
            PLATFORM_TABLE.put(status + "/" + trigger, to);
        }
    }

    static {
        allow(Trigger.ACCEPT, GrievanceStatus.ACCEPTED, GrievanceStatus.SUBMITTED);
        allow(Trigger.REJECT, GrievanceStatus.REJECTED, GrievanceStatus.SUBMITTED);
        allow(Trigger.MERGE, GrievanceStatus.MERGED, GrievanceStatus.SUBMITTED);
        allow(Trigger.MANUAL_DISPATCH_REQUIRED, GrievanceStatus.AWAITING_MANUAL_DISPATCH, GrievanceStatus.ACCEPTED,
                GrievanceStatus.RETURNED);
        allow(Trigger.DISPATCHED, GrievanceStatus.DISPATCHED, GrievanceStatus.ACCEPTED, GrievanceStatus.AWAITING_MANUAL_DISPATCH,
                GrievanceStatus.RETURNED, GrievanceStatus.REOPENED, GrievanceStatus.AWAITING_SUPERVISOR);
        allow(Trigger.SIGNED, GrievanceStatus.IN_PROGRESS, GrievanceStatus.DISPATCHED);
        allow(Trigger.RETURNED, GrievanceStatus.RETURNED, GrievanceStatus.DISPATCHED, GrievanceStatus.IN_PROGRESS);
        allow(Trigger.RETURN_ESCALATED, GrievanceStatus.AWAITING_SUPERVISOR, GrievanceStatus.RETURNED);
        allow(Trigger.INFO_REQUESTED, GrievanceStatus.AWAITING_ENTERPRISE, GrievanceStatus.IN_PROGRESS);
        allow(Trigger.SUPPLEMENT, GrievanceStatus.IN_PROGRESS, GrievanceStatus.AWAITING_ENTERPRISE);
        allow(Trigger.REPLIED, GrievanceStatus.REPLIED, GrievanceStatus.IN_PROGRESS);
        allow(Trigger.RATE_SATISFIED, GrievanceStatus.CLOSED, GrievanceStatus.REPLIED);
        allow(Trigger.RATE_UNSATISFIED, GrievanceStatus.REOPENED, GrievanceStatus.REPLIED);
        allow(Trigger.RATE_UNSATISFIED_AT_LIMIT, GrievanceStatus.AWAITING_SUPERVISOR, GrievanceStatus.REPLIED);
        allow(Trigger.RATING_WINDOW_EXPIRED, GrievanceStatus.CLOSED, GrievanceStatus.REPLIED);
        allow(Trigger.REOPEN_DECIDED_WITH_FINDING, GrievanceStatus.CLOSED, GrievanceStatus.AWAITING_SUPERVISOR);
        // withdrawal: any time before the first reply (the service refuses it once the case was replied to)
        allow(Trigger.WITHDRAW, GrievanceStatus.WITHDRAWN, GrievanceStatus.SUBMITTED, GrievanceStatus.ACCEPTED,
                GrievanceStatus.AWAITING_MANUAL_DISPATCH, GrievanceStatus.DISPATCHED, GrievanceStatus.RETURNED,
                GrievanceStatus.AWAITING_SUPERVISOR,
                GrievanceStatus.IN_PROGRESS, GrievanceStatus.AWAITING_ENTERPRISE);
    }

    @Test
    void everyStatusAndTrigger_followsThePlatformTable() {
        int allowed = 0;
        int refused = 0;
        for (GrievanceStatus from : GrievanceStatus.values()) {
            for (Trigger trigger : Trigger.values()) {
                Optional<GrievanceStatus> expected = Optional.ofNullable(PLATFORM_TABLE.get(from + "/" + trigger));
                assertEquals(expected, Lifecycle.next(from, trigger), from + " on " + trigger);
                if (expected.isPresent()) {
                    allowed++;
                } else {
                    refused++;
                }
            }
        }
        assertEquals(PLATFORM_TABLE.size(), allowed);
        System.out.printf("lifecycle: %d allowed and %d refused status × trigger pairs checked%n", allowed, refused);
    }

    @Test
    void finalStatuses_leadNowhere() {
        for (GrievanceStatus status : GrievanceStatus.values()) {
            if (status.isFinal()) {
                for (Trigger trigger : Trigger.values()) {
                    assertEquals(Optional.empty(), Lifecycle.next(status, trigger), status + " on " + trigger);
                }
            }
        }
    }
}
