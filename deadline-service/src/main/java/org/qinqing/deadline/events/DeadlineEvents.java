package org.qinqing.deadline.events;

import java.time.Instant;
import org.qinqing.events.EventName;

/** The events deadline-service publishes (PLATFORM.md §4). */
public final class DeadlineEvents {

    private DeadlineEvents() {
    }

    @EventName("deadline-set")
    public record DeadlineSet(String clock, int round, String department, Instant dueAt, boolean provisional) {
    }
}
