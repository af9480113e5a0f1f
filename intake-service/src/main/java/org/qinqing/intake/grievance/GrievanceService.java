package org.qinqing.intake.grievance;

import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.qinqing.events.Actor;
import org.qinqing.events.CommittedCounters;
import org.qinqing.events.GrievanceLocks;
import org.qinqing.events.Outbox;
import org.qinqing.intake.events.IntakeEvents;
import org.qinqing.intake.events.IntakeEvents.GrievanceFacts;
import org.qinqing.intake.reporter.ReporterIdentity;
import org.qinqing.intake.reporter.ReporterVault;
import org.qinqing.security.Caller;
import org.qinqing.problems.ProblemException;

@ApplicationScoped
public class GrievanceService {

    private final TrackingNumbers trackingNumbers;
    private final Outbox outbox;
    private final GrievanceLocks locks;
    private final IdempotencyKeys idempotencyKeys;
    private final Screening screening;
    private final ReporterVault reporters;
    private final CommittedCounters counters;

    public GrievanceService(TrackingNumbers trackingNumbers, Outbox outbox, GrievanceLocks locks,
            IdempotencyKeys idempotencyKeys, Screening screening, ReporterVault reporters, CommittedCounters counters) {
        this.screening = screening;
        this.reporters = reporters;
        this.counters = counters;
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
        return idempotencyKeys.earlier(submitter(caller, submission), key, idempotencyKeys.hash(submission))
                .map(id -> Grievance.<Grievance>findById(id)).orElseThrow();
    }

    /**
     * Whose Idempotency-Keys a request's key is among: the enterprise's, or the operator's own; an anonymous
     * tip-off's key is kept apart from the enterprise, so the key table never links it to its reporter.
     */
    private static String submitter(Caller caller, GrievanceSubmission submission) {
        if (submission.isAnonymous()) {
            return "anonymous";
        }
        return caller.is("enterprise") ? "enterprise:" + caller.uscc() : "operator:" + caller.subject();
    }

    private GrievanceScope scope(Caller caller) {
        return GrievanceScope.of(caller, caller.is("enterprise") ? reporters.digest(caller.uscc()) : null);
    }

    /**
     * Stores a tip-off without its reporter: the identity goes encrypted into the vault and never into the
     * grievance row, not even for a moment; the enterprise keeps a keyed digest to find its own tip-offs (none when
     * anonymous, which gets a query code instead).
     */
    private void persistProtectingTheReporter(Grievance g, boolean anonymous) {
        ReporterIdentity identity = new ReporterIdentity(anonymous, anonymous ? null : g.uscc,
                anonymous ? null : g.enterpriseName, anonymous || g.enterpriseSize == null ? null : g.enterpriseSize.name(),
                anonymous || g.ownership == null ? null : g.ownership.name(), g.contactName, g.contactPhone, g.contactEmail);
        g.anonymous = anonymous;
        g.reporterDigest = anonymous ? null : reporters.digest(g.uscc);
        if (anonymous) {
            ReporterVault.QueryCode code = reporters.newQueryCode();
            g.queryCodeHash = code.hash();
            g.queryCode = code.code();
        }
        g.uscc = null;
        g.enterpriseName = null;
        g.enterpriseSize = null;
        g.ownership = null;
        g.contactName = null;
        g.contactPhone = null;
        g.contactEmail = null;
        g.persistAndFlush();
        reporters.store(g.id, identity);
    }

    /**
     * Stores the grievance and, in the same transaction, its {@code submitted} event and, unless screening holds
     * it, {@code accepted} (PLATFORM.md §3): an online submission that passes validation and screening is accepted
     * automatically; what an operator registers from an offline channel is accepted on registration.
     */
    @Transactional
    public Grievance submit(GrievanceSubmission submission, String idempotencyKey, Caller caller) {
        String principal = submitter(caller, submission);
        String requestHash = idempotencyKey == null ? null : idempotencyKeys.hash(submission);
        if (idempotencyKey != null) {
            Optional<UUID> earlier = idempotencyKeys.earlier(principal, idempotencyKey, requestHash);
            if (earlier.isPresent()) {
                return Grievance.findById(earlier.get());
            }
        }
        boolean byOperator = !caller.is("enterprise");
        if (!byOperator && !submission.isAnonymous() && !submission.uscc().equals(caller.uscc())) {
            throw ProblemException.forbidden("An enterprise user submits only for its own enterprise ("
                    + caller.uscc() + ")");
        }
        if (!byOperator && !submission.channel().online()) {
            throw ProblemException.unprocessable("offline-channel", "Channel not allowed",
                    "Enterprises submit through WEB, APP or WECHAT; operators register " + submission.channel());
        }
        if (byOperator && !submission.channel().offline()) {
            throw ProblemException.unprocessable("online-channel", "Channel not allowed",
                    "Operators register what arrived by SMS, HOTLINE, LETTER, VISIT or TV_RADIO_HOTLINE, not " + submission.channel());
        }
        Actor submitter = byOperator ? caller.asRegion("operator") : Actor.ofRegion("enterprise", submission.regionCode());
        Grievance g = store(submission, submitter, byOperator ? "由受理坐席登记（" + submission.channel() + "）"
                : "通过" + submission.channel() + "提交", !byOperator, g0 -> {
                });
        if (idempotencyKey != null && !idempotencyKeys.claim(principal, idempotencyKey, requestHash, g.id)) {
            // a concurrent retry with the same key committed first: this attempt stores nothing
            throw new RetriedSubmission(idempotencyKey);
        }
        return g;
    }

    /**
     * A request an Open311 client organisation posted with its {@code api_key}: recorded with the organisation as its
     * channel, screened like an online submission (PLATFORM.md §5 "Interoperability").
     */
    @Transactional
    public Grievance submitFromOpen311(GrievanceSubmission submission, String organisation, String address,
            Double latitude, Double longitude) {
        return store(submission, new Actor("open311-client", null, submission.regionCode()), "由对接机构 " + organisation
                + " 经 Open311 提交", true, g -> {
                    g.open311Client = organisation;
                    g.address = address;
                    g.latitude = latitude;
                    g.longitude = longitude;
                });
    }

    /** Stores a new grievance with its {@code submitted} event, then screens it or accepts it at once. */
    private Grievance store(GrievanceSubmission submission, Actor submitter, String how, boolean screen,
            java.util.function.Consumer<Grievance> details) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Grievance g = newGrievance(submission, submitter.role(), now);
        details.accept(g);
        if (g.category == Category.TIP_OFF) {
            persistProtectingTheReporter(g, submission.isAnonymous());
        } else {
            g.persist();
        }
        TimelineEntry.record(g, now, "submitted", submitter, how + "，受理编号 " + g.trackingNumber,
                outbox.append(g.id, submitter, new IntakeEvents.Submitted(GrievanceFacts.of(g))));
        counters.increment("qinqing.grievances.submitted", "channel", g.channel.name(), "category", g.category.name());
        Optional<Screening.Flag> flag = !screen || g.category == Category.TIP_OFF ? Optional.empty() : screening.check(g, now);
        if (flag.isPresent()) {
            g.screeningReason = flag.get().reason();
            g.suspectedDuplicateOf = flag.get().duplicateOf();
            TimelineEntry.record(g, now, "held-for-screening", Actor.system(), "待人工受理审核", null);
            counters.increment("qinqing.grievances.held.for.screening");
        } else {
            counters.increment("qinqing.grievances.accepted", "by", screen ? "automatic" : "registration");
            Actor accepter = screen ? Actor.system() : submitter;
            g.status = Lifecycle.next(g.status, Lifecycle.Trigger.ACCEPT).orElseThrow();
            TimelineEntry.record(g, now, "accepted", accepter, screen ? "自动受理" : "登记即受理",
                    outbox.append(g.id, accepter, new IntakeEvents.Accepted(GrievanceFacts.of(g))));
        }
        return g;
    }

    private Grievance newGrievance(GrievanceSubmission submission, String submittedBy, Instant now) {
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
        g.enterpriseName = submission.enterpriseName() == null ? null : submission.enterpriseName().strip();
        g.enterpriseSize = submission.enterpriseSize();
        g.ownership = submission.ownership();
        g.contactName = submission.contactName();
        g.contactPhone = submission.contactPhone();
        g.contactEmail = submission.contactEmail();
        g.respondentDepartment = submission.respondentDepartment();
        g.submittedByRole = submittedBy;
        g.submittedAt = now;
        g.updatedAt = now;
        return g;
    }

    /**
     * A negative 清 mark (e.g. asked for gifts or fees) is itself a tip-off against the rated department, routed to
     * the oversight body (PLATFORM.md §5); the rater is protected like any tip-off's reporter.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Grievance tipOffFromRating(Grievance rated, String comment, Instant now) {
        Grievance g = new Grievance();
        g.id = UUID.randomUUID();
        g.trackingNumber = trackingNumbers.next(now);
        g.status = GrievanceStatus.SUBMITTED;
        g.channel = Channel.RATING;
        g.category = Category.TIP_OFF;
        g.subjectArea = rated.subjectArea;
        g.urgency = Urgency.NORMAL;
        g.title = "评价中反映 " + rated.leadDepartmentName + " 廉洁问题";
        g.content = comment + "（源自对 " + rated.trackingNumber + " 答复的“清”差评）";
        g.regionCode = rated.regionCode;
        g.uscc = rated.uscc;
        g.enterpriseName = rated.enterpriseName;
        g.enterpriseSize = rated.enterpriseSize;
        g.ownership = rated.ownership;
        g.contactName = rated.contactName;
        g.contactPhone = rated.contactPhone;
        g.contactEmail = rated.contactEmail;
        g.respondentDepartment = rated.leadDepartmentCode;
        g.submittedByRole = "enterprise";
        g.submittedAt = now;
        g.updatedAt = now;
        persistProtectingTheReporter(g, false);
        TimelineEntry.record(g, now, "submitted", Actor.system(), "由对 " + rated.trackingNumber + " 的评价转为举报，受理编号 "
                + g.trackingNumber, outbox.append(g.id, Actor.system(), new IntakeEvents.Submitted(GrievanceFacts.of(g))));
        g.status = Lifecycle.next(g.status, Lifecycle.Trigger.ACCEPT).orElseThrow();
        TimelineEntry.record(g, now, "accepted", Actor.system(), "自动受理，转纪检监察机关",
                outbox.append(g.id, Actor.system(), new IntakeEvents.Accepted(GrievanceFacts.of(g))));
        return g;
    }

    /** The operators' screening queue: submissions of the operator's region that screening held, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Grievance> screeningQueue(Caller caller, int page, int size) {
        GrievanceScope scope = scope(caller);
        return Grievance.<Grievance>find("status = 'SUBMITTED' and " + scope.condition() + " order by submittedAt, id",
                scope.parameters()).page(Page.of(page, size)).list();
    }

    /** An operator accepts (受理) a held submission. */
    @Transactional
    public Grievance accept(UUID id, Caller caller) {
        Grievance g = screened(id, caller, Lifecycle.Trigger.ACCEPT);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Actor operator = caller.asRegion("operator");
        counters.increment("qinqing.grievances.accepted", "by", "screening");
        TimelineEntry.record(g, now, "accepted", operator, "人工审核后受理",
                outbox.append(g.id, operator, new IntakeEvents.Accepted(GrievanceFacts.of(g))));
        return g;
    }

    /** An operator rejects (不予受理) a held submission; the enterprise is told the reason. */
    @Transactional
    public Grievance reject(UUID id, String reason, Caller caller) {
        Grievance g = screened(id, caller, Lifecycle.Trigger.REJECT);
        g.rejectionReason = reason;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Actor operator = caller.asRegion("operator");
        counters.increment("qinqing.grievances.rejected");
        TimelineEntry.record(g, now, "rejected", operator, "不予受理：" + reason,
                outbox.append(g.id, operator, new IntakeEvents.Rejected(GrievanceFacts.of(g), reason)));
        return g;
    }

    /** An operator merges (并案) a held submission into an open case; both timelines say so. */
    @Transactional
    public Grievance merge(UUID id, UUID intoId, Caller caller) {
        if (id.equals(intoId)) {
            throw ProblemException.unprocessable("merge-into-itself", "Cannot merge a case into itself",
                    "A grievance is merged into another grievance");
        }
        Grievance into = visibleTo(intoId, caller);
        if (into.status.isFinal()) {
            throw ProblemException.conflict("Grievance " + into.trackingNumber + " is " + into.status
                    + " and cannot take a merged case", into.status.name());
        }
        Grievance g = screened(id, caller, Lifecycle.Trigger.MERGE);
        g.mergedInto = into.id;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Actor operator = caller.asRegion("operator");
        counters.increment("qinqing.grievances.merged");
        TimelineEntry.record(g, now, "merged", operator, "并入 " + into.trackingNumber + " 一并办理",
                outbox.append(g.id, operator, new IntakeEvents.Merged(GrievanceFacts.of(g), into.id, into.trackingNumber)));
        TimelineEntry.record(into, now, "merged-in", operator, g.trackingNumber + " 并入本件一并办理", null);
        return g;
    }

    private Grievance screened(UUID id, Caller caller, Lifecycle.Trigger trigger) {
        locks.lock(id);
        Grievance g = visibleTo(id, caller);
        GrievanceStatus next = Lifecycle.next(g.status, trigger).orElseThrow(() -> ProblemException.conflict(
                "A " + g.status + " grievance is not waiting for screening", g.status.name()));
        g.status = next;
        g.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
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

    /** The timeline: every step, oldest first; the enterprise does not see internal steps. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TimelineEntry> timeline(UUID id, Caller caller) {
        Grievance g = visibleTo(id, caller);
        return GrievanceScope.seesInternalSteps(caller)
                ? TimelineEntry.list("grievanceId = ?1 order by occurredAt, id", g.id)
                : TimelineEntry.list("grievanceId = ?1 and internal = false order by occurredAt, id", g.id);
    }

    /** One grievance within the caller's scope; anything else is 404, so existence does not leak. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Grievance visibleTo(UUID id, Caller caller) {
        GrievanceScope scope = scope(caller);
        return Grievance.<Grievance>find("id = :id and " + scope.condition(), scope.parameters().and("id", id))
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("grievance", id));
    }

    /** The grievances in the caller's scope that match the filter, one page of them, and how many match in all. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public GrievanceFilter.Result list(Caller caller, GrievanceFilter filter) {
        GrievanceScope scope = scope(caller);
        var query = Grievance.<Grievance>find(filter.condition(scope.condition()), filter.order(),
                filter.parameters(scope.parameters()));
        return new GrievanceFilter.Result(query.page(Page.of(filter.page(), filter.size())).list(), query.count());
    }
}
