package org.qinqing.intake.rating;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.qinqing.events.Actor;
import org.qinqing.events.CommittedCounters;
import org.qinqing.events.GrievanceLocks;
import org.qinqing.events.Outbox;
import org.qinqing.events.ReceivedEvent;
import org.qinqing.intake.events.IntakeEvents;
import org.qinqing.intake.grievance.Grievance;
import org.qinqing.intake.grievance.GrievanceService;
import org.qinqing.intake.grievance.GrievanceStatus;
import org.qinqing.intake.grievance.Lifecycle;
import org.qinqing.intake.grievance.TimelineEntry;
import org.qinqing.problems.ProblemException;
import org.qinqing.security.Caller;

/**
 * Rating (好差评) and what follows it (PLATFORM.md §3, §5): once per reply, by the logged-in enterprise or through
 * the reply's signed single-use link; satisfied closes, unsatisfied reopens for the same department, the third
 * unsatisfied goes to a supervisor; a negative 清 mark raises a tip-off against the rated department.
 */
@ApplicationScoped
public class RatingService {

    /** Reopenings allowed before the next unsatisfied rating goes to a supervisor. */
    static final int REOPENINGS = 2;

    public record RatingInput(Rating.Level level, boolean solved, Rating.Mark qinMark, Rating.Mark qingMark, String comment) {
    }

    private final Outbox outbox;
    private final GrievanceLocks locks;
    private final GrievanceService grievances;
    private final RatingLinks links;
    private final CommittedCounters counters;

    public RatingService(Outbox outbox, GrievanceLocks locks, GrievanceService grievances, RatingLinks links,
            CommittedCounters counters) {
        this.counters = counters;
        this.outbox = outbox;
        this.locks = locks;
        this.grievances = grievances;
        this.links = links;
    }

    /** After {@code replied} moved the case to REPLIED: the reply awaits its rating, and the link goes out when the window is known. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onReplied(Grievance g, ReceivedEvent replied) {
        g.ratingRound = replied.data().path("round").asInt(1);
        g.lastReply = replied.text("text");
        invite(g);
    }

    /** The rating window's end (deadline-set of RATING_WINDOW), which may arrive before or after {@code replied}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onRatingWindow(Grievance g, int round, Instant dueAt) {
        g.ratingDueRound = round;
        g.ratingDueAt = dueAt;
        invite(g);
    }

    /** Signs the reply's link, valid until the rating window ends, and hands it to notification in {@code rating-invited}. */
    private void invite(Grievance g) {
        if (g.status != GrievanceStatus.REPLIED || g.ratingRound == null || !Objects.equals(g.ratingRound, g.ratingDueRound)
                || RatingInvitation.count("grievanceId = ?1 and round = ?2", g.id, g.ratingRound) > 0) {
            return;
        }
        RatingInvitation invitation = new RatingInvitation();
        invitation.tokenId = UUID.randomUUID();
        invitation.grievanceId = g.id;
        invitation.round = g.ratingRound;
        invitation.expiresAt = g.ratingDueAt;
        invitation.persist();
        String link = links.link(links.token(new RatingLinks.Claims(invitation.tokenId, g.id, invitation.round,
                invitation.expiresAt)));
        TimelineEntry.record(g, Instant.now().truncatedTo(ChronoUnit.MICROS), "rating-invited", Actor.system(),
                "评价邀请已发出，" + invitation.expiresAt + " 前有效",
                outbox.append(g.id, Actor.system(), new IntakeEvents.RatingInvited(invitation.round, link, invitation.expiresAt)))
                .internal = true;
    }

    @Transactional
    public Grievance rateAsEnterprise(UUID id, RatingInput input, Caller caller) {
        locks.lock(id);
        Grievance g = grievances.visibleTo(id, caller);
        rate(g, input, "LOGIN");
        return g;
    }

    /** The case a rating link is for, while the link can still be used; anything else answers as the link's problem. */
    @Transactional
    public Grievance byLink(String token) {
        RatingLinks.Claims claims = links.verify(token).orElseThrow(() -> ProblemException.notFound("rating link", "?"));
        RatingInvitation invitation = RatingInvitation.findById(claims.tokenId());
        if (invitation == null || !invitation.grievanceId.equals(claims.grievanceId())) {
            throw ProblemException.notFound("rating link", "?");
        }
        if (invitation.usedAt != null) {
            throw new ProblemException(409, "rating-link-used", "Rating link already used",
                    "This reply was rated at " + invitation.usedAt + "; a rating link works once");
        }
        if (!Instant.now().isBefore(invitation.expiresAt) || !Instant.now().isBefore(claims.expiresAt())) {
            throw new ProblemException(410, "rating-link-expired", "Rating link expired",
                    "The rating window of this reply ended at " + invitation.expiresAt);
        }
        return Grievance.findById(invitation.grievanceId);
    }

    @Transactional
    public Grievance rateByLink(String token, RatingInput input) {
        UUID id = byLink(token).id;
        locks.lock(id);
        Grievance g = byLink(token);
        rate(g, input, "LINK");
        return g;
    }

    /** The ratings of a case in the caller's scope, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Rating> ratings(UUID id, Caller caller) {
        return Rating.list("grievanceId = ?1 order by round", grievances.visibleTo(id, caller).id);
    }

    private void rate(Grievance g, RatingInput input, String via) {
        if (g.status != GrievanceStatus.REPLIED) {
            throw ProblemException.conflict("Only a replied grievance can be rated; this one is " + g.status, g.status.name());
        }
        if (Rating.count("grievanceId = ?1 and round = ?2", g.id, g.ratingRound) > 0) {
            throw ProblemException.conflict("This reply has been rated already", g.status.name());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Rating rating = new Rating();
        rating.id = UUID.randomUUID();
        rating.grievanceId = g.id;
        rating.round = g.ratingRound;
        rating.level = input.level();
        rating.solved = input.solved();
        rating.qinMark = input.qinMark();
        rating.qingMark = input.qingMark();
        rating.comment = input.comment() == null || input.comment().isBlank() ? null : input.comment().strip();
        rating.ratedVia = via;
        rating.ratedAt = now;
        RatingInvitation.update("usedAt = ?1 where grievanceId = ?2 and round = ?3 and usedAt is null", now, g.id, rating.round);

        Actor enterprise = Actor.ofRegion("enterprise", g.regionCode);
        String department = g.leadDepartmentCode;
        TimelineEntry.record(g, now, "rated", enterprise, describe(rating),
                outbox.append(g.id, enterprise, new IntakeEvents.Rated(rating.round, department, rating.level.name(),
                        rating.solved, rating.qinMark.name(), rating.qingMark.name())));
        counters.increment("qinqing.grievances.rated", "level", rating.level.name(), "via", via);
        if (rating.qingMark == Rating.Mark.NEGATIVE) {
            rating.tipOffId = grievances.tipOffFromRating(g, rating.comment, now).id;
        }
        rating.persist();

        if (rating.level.satisfied()) {
            g.status = Lifecycle.next(g.status, Lifecycle.Trigger.RATE_SATISFIED).orElseThrow();
            close(g, now, enterprise, "RATED_SATISFIED", null, "企业评价满意，办结");
        } else if (g.reopenCount < REOPENINGS) {
            g.status = Lifecycle.next(g.status, Lifecycle.Trigger.RATE_UNSATISFIED).orElseThrow();
            g.reopenCount++;
            counters.increment("qinqing.grievances.reopened");
            TimelineEntry.record(g, now, "reopened", enterprise, "企业不满意，第" + g.reopenCount + "次重新办理，仍由 "
                    + g.leadDepartmentName + " 办理",
                    outbox.append(g.id, enterprise, new IntakeEvents.Reopened(g.reopenCount, department)));
        } else {
            g.status = Lifecycle.next(g.status, Lifecycle.Trigger.RATE_UNSATISFIED_AT_LIMIT).orElseThrow();
            TimelineEntry.record(g, now, "reopen-limit-reached", enterprise, "企业第" + (g.reopenCount + 1)
                    + "次不满意，提交督办部门裁定",
                    outbox.append(g.id, enterprise, new IntakeEvents.ReopenLimitReached(g.reopenCount + 1, department,
                            g.leadDepartmentRegion != null ? g.leadDepartmentRegion : g.regionCode)));
        }
        g.updatedAt = now;
    }

    private static String describe(Rating rating) {
        return "评价：" + rating.level + "，问题" + (rating.solved ? "已" : "未") + "解决，亲：" + rating.qinMark + "，清："
                + rating.qingMark + (rating.comment == null ? "" : "。" + rating.comment);
    }

    /** {@code rating-window-expired}: a reply nobody rated closes unrated (it counts in no satisfaction figure). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean onWindowExpired(Grievance g, ReceivedEvent expired) {
        if (Lifecycle.next(g.status, Lifecycle.Trigger.RATING_WINDOW_EXPIRED).isEmpty()) {
            return false;
        }
        g.status = GrievanceStatus.CLOSED;
        close(g, expired.occurredAt(), Actor.system(), "RATING_WINDOW_EXPIRED", null, "评价期满未评价，办结");
        return true;
    }

    /** {@code reopen-decided}: a supervisor's finding closes the case; re-handling is routing's to dispatch. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean onReopenDecided(Grievance g, ReceivedEvent decided) {
        if (!"CLOSE_WITH_FINDING".equals(decided.text("decision"))
                || Lifecycle.next(g.status, Lifecycle.Trigger.REOPEN_DECIDED_WITH_FINDING).isEmpty()) {
            return false;
        }
        g.status = GrievanceStatus.CLOSED;
        close(g, decided.occurredAt(), Actor.system(), "SUPERVISOR_FINDING", decided.text("finding"),
                "督办部门作出认定并办结：" + decided.text("finding"));
        return true;
    }

    private void close(Grievance g, Instant at, Actor actor, String reason, String finding, String detail) {
        g.closedReason = reason;
        counters.increment("qinqing.grievances.closed", "reason", reason);
        g.updatedAt = Instant.now();
        TimelineEntry.record(g, at, "closed", actor, detail, outbox.append(g.id, actor, new IntakeEvents.Closed(reason, finding)));
    }
}
