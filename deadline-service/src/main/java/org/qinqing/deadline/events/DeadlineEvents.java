package org.qinqing.deadline.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.qinqing.events.EventName;

/** The events deadline-service publishes (PLATFORM.md §4). */
public final class DeadlineEvents {

    private DeadlineEvents() {
    }

    /** {@code reason}: STARTED, RESUMED, EXTENDED or SUPERVISION — why the due time is what it is now. */
    @EventName("deadline-set")
    public record DeadlineSet(String clock, int round, String department, Instant dueAt, boolean provisional, String reason) {
    }

    @EventName("warning")
    public record Warning(String clock, int round, String department, Instant dueAt) {
    }

    /** {@code target}: SUPERVISORS or OVERSIGHT of {@code targetRegion}. Level 1 is the overdue moment. */
    @EventName("escalated")
    public record Escalated(String clock, int round, String department, int level, Instant dueAt, String target,
            String targetRegion) {
    }

    @EventName("rating-window-expired")
    public record RatingWindowExpired(Instant dueAt) {
    }

    /** {@code decision}: APPROVED or REJECTED; {@code dueAt} is the new due time when approved. */
    @EventName("extension-decided")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExtensionDecided(UUID extensionRequestId, String decision, String reason, int workingDays, Instant dueAt) {
    }

    /** {@code decision}: REASSIGN to {@code department}. */
    @EventName("return-decided")
    public record ReturnDecided(String decision, String department, String reason) {
    }

    /** {@code decision}: RE_HANDLE, or CLOSE_WITH_FINDING with the {@code finding}. */
    @EventName("reopen-decided")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReopenDecided(String decision, String reason, String finding) {
    }

    /** {@code department}: the one whose reply clock the 督办 moved, so a re-dispatch meanwhile does not redirect it. */
    @EventName("supervision-issued")
    public record SupervisionIssued(UUID supervisionId, String text, LocalDate completionDate, Instant dueAt, String department) {
    }

    /** {@code department}: the one handling the case when urged (its running reply or sign-for clock). */
    @EventName("urged")
    public record Urged(UUID urgingId, String text, String department) {
    }
}
