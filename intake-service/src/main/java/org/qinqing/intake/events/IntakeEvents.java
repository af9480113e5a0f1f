package org.qinqing.intake.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.qinqing.events.EventName;
import org.qinqing.intake.grievance.Category;
import org.qinqing.intake.grievance.Grievance;

/** The events intake publishes (PLATFORM.md §4), and the mapping from a grievance to their payload. */
public final class IntakeEvents {

    private IntakeEvents() {
    }

    /**
     * What submitted / accepted / rejected / merged carry; title and content let routing match keywords. For a tip-off, nothing that names the reporter: no
     * USCC, enterprise name, contact, size or ownership; an opaque reporterRef instead (PLATFORM.md §4).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GrievanceFacts(String trackingNumber, String title, String content, String category, String subjectArea, String urgency,
            String regionCode, String channel, String respondentDepartment, String uscc, String enterpriseName,
            String enterpriseSize, String ownership, Contact contact, String reporterRef) {

        public static GrievanceFacts of(Grievance g) {
            boolean tipOff = g.category == Category.TIP_OFF;
            return new GrievanceFacts(g.trackingNumber, g.title, g.content, g.category.name(), g.subjectArea.name(), g.urgency.name(),
                    g.regionCode, g.channel.name(), g.respondentDepartment,
                    tipOff ? null : g.uscc,
                    tipOff ? null : g.enterpriseName,
                    tipOff || g.enterpriseSize == null ? null : g.enterpriseSize.name(),
                    tipOff || g.ownership == null ? null : g.ownership.name(),
                    tipOff ? null : new Contact(g.contactName, g.contactPhone, g.contactEmail),
                    tipOff ? "reporter:" + g.id : null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(String name, String phone, String email) {
    }

    @EventName("submitted")
    public record Submitted(@JsonUnwrapped GrievanceFacts grievance) {
    }

    @EventName("accepted")
    public record Accepted(@JsonUnwrapped GrievanceFacts grievance) {
    }

    /** A rejection (不予受理) always carries the reason the enterprise is told. */
    @EventName("rejected")
    public record Rejected(@JsonUnwrapped GrievanceFacts grievance, String reason) {
    }

    /** Merged (并案) into another case, which goes on being handled. */
    @EventName("merged")
    public record Merged(@JsonUnwrapped GrievanceFacts grievance, java.util.UUID mergedInto, String mergedIntoTrackingNumber) {
    }

    /** What the enterprise added, and the information request it answers (if one was open). */
    @EventName("supplemented")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Supplemented(String text, java.util.UUID infoRequestId) {
    }

    @EventName("withdrawn")
    public record Withdrawn(String reason) {
    }

    /** The reply's signed single-use rating link, for notification to send; it expires with the rating window. */
    @EventName("rating-invited")
    public record RatingInvited(int round, String link, java.time.Instant expiresAt) {
    }

    /** {@code round}: the dispatch round whose reply was rated; {@code department}: the rated lead department. */
    @EventName("rated")
    public record Rated(int round, String department, String level, boolean solved, String qinMark, String qingMark) {
    }

    /** {@code round}: the reopening's number (1 or 2); routing dispatches again to the same lead. */
    @EventName("reopened")
    public record Reopened(int round, String department) {
    }

    /** The third unsatisfied rating: a supervisor of {@code region} decides. */
    @EventName("reopen-limit-reached")
    public record ReopenLimitReached(int rounds, String department, String region) {
    }

    /** {@code reason}: RATED_SATISFIED, RATING_WINDOW_EXPIRED or SUPERVISOR_FINDING (with the finding). */
    @EventName("closed")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Closed(String reason, String finding) {
    }
}
