package org.qinqing.intake.grievance;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.qinqing.events.Actor;
import org.qinqing.events.GrievanceLocks;
import org.qinqing.events.Outbox;
import org.qinqing.intake.events.IntakeEvents;
import org.qinqing.intake.events.IntakeEvents.GrievanceFacts;
import org.qinqing.security.Caller;
import org.qinqing.problems.ProblemException;

@ApplicationScoped
public class GrievanceService {

    private final TrackingNumbers trackingNumbers;
    private final Outbox outbox;
    private final GrievanceLocks locks;
    private final IdempotencyKeys idempotencyKeys;

    public GrievanceService(TrackingNumbers trackingNumbers, Outbox outbox, GrievanceLocks locks,
            IdempotencyKeys idempotencyKeys) {
        this.trackingNumbers = trackingNumbers;
        this.outbox = outbox;
        this.locks = locks;
        this.idempotencyKeys = idempotencyKeys;
    }

    /** Rolls back an attempt that lost the race for its Idempotency-Key; the resource answers with the winner. */
    public static class RetriedSubmission extends RuntimeException {
        public RetriedSubmission(String key) {
            super("Idempotency-Key " + key + " was taken by a concurrent request");
        }
    }

    /** The grievance an Idempotency-Key stands for, after a lost race. */
    @Transactional
    public Grievance byIdempotencyKey(String key, GrievanceSubmission submission, Caller caller) {
        return idempotencyKeys.earlier("enterprise:" + caller.uscc(), key, idempotencyKeys.hash(submission))
                .map(id -> Grievance.<Grievance>findById(id)).orElseThrow();
    }

    /**
     * Stores the grievance and, in the same transaction, its {@code submitted} and {@code accepted} events: an
     * online submission that passed validation is accepted automatically (PLATFORM.md §3).
     */
    @Transactional
    public Grievance submit(GrievanceSubmission submission, String idempotencyKey, Caller caller) {
        String principal = "enterprise:" + caller.uscc();
        String requestHash = idempotencyKey == null ? null : idempotencyKeys.hash(submission);
        if (idempotencyKey != null) {
            Optional<UUID> earlier = idempotencyKeys.earlier(principal, idempotencyKey, requestHash);
            if (earlier.isPresent()) {
                return Grievance.findById(earlier.get());
            }
        }
        if (!submission.uscc().equals(caller.uscc())) {
            throw ProblemException.forbidden("An enterprise user submits only for its own enterprise ("
                    + caller.uscc() + ")");
        }
        if (!submission.channel().online()) {
            throw ProblemException.unprocessable("offline-channel", "Channel not allowed",
                    "Enterprises submit through WEB, APP or WECHAT; operators register " + submission.channel());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Grievance g = new Grievance();
        g.id = UUID.randomUUID();
        g.trackingNumber = trackingNumbers.next(now);
        g.status = GrievanceStatus.SUBMITTED;
        g.channel = submission.channel();
        g.category = submission.category();
        g.subjectArea = submission.subjectArea();
        g.urgency = submission.urgency();
        g.title = submission.title().strip();
        g.content = submission.content().strip();
        g.regionCode = submission.regionCode();
        g.uscc = submission.uscc();
        g.enterpriseName = submission.enterpriseName().strip();
        g.enterpriseSize = submission.enterpriseSize();
        g.ownership = submission.ownership();
        g.contactName = submission.contactName();
        g.contactPhone = submission.contactPhone();
        g.contactEmail = submission.contactEmail();
        g.respondentDepartment = submission.respondentDepartment();
        g.submittedByRole = "enterprise";
        g.submittedAt = now;
        g.updatedAt = now;
        g.persist();
        Actor submitter = Actor.ofRegion("enterprise", g.regionCode);
        TimelineEntry.record(g, now, "submitted", submitter, "通过" + g.channel + "提交，受理编号 " + g.trackingNumber,
                outbox.append(g.id, submitter, new IntakeEvents.Submitted(GrievanceFacts.of(g))));

        g.status = Lifecycle.next(g.status, Lifecycle.Trigger.ACCEPT).orElseThrow();
        TimelineEntry.record(g, now, "accepted", Actor.system(), "自动受理",
                outbox.append(g.id, Actor.system(), new IntakeEvents.Accepted(GrievanceFacts.of(g))));
        if (idempotencyKey != null && !idempotencyKeys.claim(principal, idempotencyKey, requestHash, g.id)) {
            // a concurrent retry with the same key committed first: this attempt stores nothing
            throw new RetriedSubmission(idempotencyKey);
        }
        return g;
    }

    /**
     * The enterprise adds information (补充材料); from AWAITING_ENTERPRISE it answers the open information request and
     * the case goes back to the department (the paused reply clock resumes on {@code supplemented}).
     */
    @Transactional
    public Grievance supplement(UUID id, String text, Caller caller) {
        locks.lock(id);
        Grievance g = visibleTo(id, caller);
        if (g.status.isFinal()) {
            throw ProblemException.conflict("A " + g.status + " grievance cannot be supplemented", g.status.name());
        }
        UUID answers = null;
        if (g.status == GrievanceStatus.AWAITING_ENTERPRISE) {
            g.status = Lifecycle.next(g.status, Lifecycle.Trigger.SUPPLEMENT).orElseThrow();
            answers = g.openInfoRequest;
            g.openInfoRequest = null;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        g.updatedAt = now;
        Actor enterprise = Actor.ofRegion("enterprise", g.regionCode);
        TimelineEntry.record(g, now, "supplemented", enterprise, text,
                outbox.append(g.id, enterprise, new IntakeEvents.Supplemented(text, answers)));
        return g;
    }

    /** The enterprise withdraws (撤回) any time before the first reply. */
    @Transactional
    public Grievance withdraw(UUID id, String reason, Caller caller) {
        locks.lock(id);
        Grievance g = visibleTo(id, caller);
        if (g.repliedOnce) {
            throw ProblemException.conflict("A grievance that has been replied to cannot be withdrawn", g.status.name());
        }
        g.status = Lifecycle.next(g.status, Lifecycle.Trigger.WITHDRAW).orElseThrow(() -> ProblemException.conflict(
                "A " + g.status + " grievance cannot be withdrawn", g.status.name()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        g.updatedAt = now;
        Actor enterprise = Actor.ofRegion("enterprise", g.regionCode);
        TimelineEntry.record(g, now, "withdrawn", enterprise, reason,
                outbox.append(g.id, enterprise, new IntakeEvents.Withdrawn(reason)));
        return g;
    }

    /** The timeline as its enterprise sees it: every step but the internal ones, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TimelineEntry> timeline(UUID id, Caller caller) {
        Grievance g = visibleTo(id, caller);
        return TimelineEntry.list("grievanceId = ?1 and internal = false order by occurredAt, id", g.id);
    }

    /** One grievance within the caller's scope; anything else is 404, so existence does not leak. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Grievance visibleTo(UUID id, Caller caller) {
        return Grievance.<Grievance>find("id = ?1 and uscc = ?2", id, caller.uscc()).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("grievance", id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Grievance> ownList(Caller caller, int page, int size) {
        return Grievance.<Grievance>find("uscc", Sort.descending("submittedAt"), caller.uscc())
                .page(Page.of(page, size)).list();
    }
}
