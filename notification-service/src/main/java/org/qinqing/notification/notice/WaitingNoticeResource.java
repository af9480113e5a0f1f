package org.qinqing.notification.notice;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.qinqing.problems.ProblemException;

/**
 * For admins: the events that wait for a fact another topic has not brought (a consumer lagging, or an event
 * that will never come), oldest first. What the events say is not shown: it may name a person.
 */
@Path("/api/v1/admin/waiting-notices")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class WaitingNoticeResource {

    public record WaitingNoticeView(UUID eventId, UUID grievanceId, String eventType, WaitingNotice.Fact waitsFor,
            Instant since, long waitingSeconds) {
    }

    private final Clock clock;

    public WaitingNoticeResource(Clock clock) {
        this.clock = clock;
    }

    /** {@code olderThan}: an ISO-8601 duration such as {@code PT10M}; {@code limit}: 1 to 1000. */
    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<WaitingNoticeView> list(@QueryParam("olderThan") @DefaultValue("PT0S") String olderThan,
            @QueryParam("limit") @DefaultValue("200") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.invalidParameter("limit", String.valueOf(limit), "is not between 1 and 1000");
        }
        Instant now = clock.instant();
        Instant cutoff;
        try {
            Duration age = Duration.parse(olderThan);
            if (age.isNegative()) {
                throw ProblemException.invalidParameter("olderThan", olderThan, "is negative");
            }
            cutoff = now.minus(age);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw ProblemException.invalidParameter("olderThan", olderThan, "is not an ISO-8601 duration such as PT10M");
        }
        return WaitingNotice.<WaitingNotice>find("since <= ?1 order by since, eventId", cutoff).page(0, limit)
                .list().stream()
                .map(w -> new WaitingNoticeView(w.eventId, w.grievanceId, w.eventType, w.waitsFor, w.since,
                        Math.max(0, Duration.between(w.since, now).toSeconds())))
                .toList();
    }
}
