package org.qinqing.deadline.supervision;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.qinqing.deadline.calendar.WorkingCalendar;
import org.qinqing.deadline.clock.Clock;
import org.qinqing.deadline.clock.ClockService;
import org.qinqing.deadline.clock.GrievanceCase;
import org.qinqing.deadline.events.DeadlineEvents;
import org.qinqing.events.Actor;
import org.qinqing.events.GrievanceLocks;
import org.qinqing.events.Outbox;
import org.qinqing.events.ReceivedEvent;
import org.qinqing.problems.ProblemException;

/**
 * Supervision (督办) of a region's cases: the decisions that wait for a supervisor, 督办 with a completion date that
 * becomes the due time, and 催办. A supervisor acts on the cases whose lead department's region (or, before any
 * dispatch, the grievance's region) lies within its own region.
 */
@ApplicationScoped
public class SupervisionService {

    private final ClockService clocks;
    private final WorkingCalendar calendar;
    private final Outbox outbox;
    private final GrievanceLocks locks;

    public SupervisionService(ClockService clocks, WorkingCalendar calendar, Outbox outbox, GrievanceLocks locks) {
        this.clocks = clocks;
        this.calendar = calendar;
        this.outbox = outbox;
        this.locks = locks;
    }

    /** Records what a supervisor must decide, from {@code extension-requested}, {@code return-escalated}, {@code reopen-limit-reached}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void awaitDecision(ReceivedEvent event, SupervisorDecision.Kind kind) {
        GrievanceCase c = GrievanceCase.findById(event.grievanceId());
        SupervisorDecision d = new SupervisorDecision();
        d.id = UUID.randomUUID();
        d.grievanceId = event.grievanceId();
        d.kind = kind;
        d.regionCode = regionOf(c, event);
        d.departmentCode = event.text("department");
        d.requestRef = event.text("extensionRequestId") == null ? null : UUID.fromString(event.text("extensionRequestId"));
        d.workingDays = kind == SupervisorDecision.Kind.EXTENSION ? event.data().path("workingDays").asInt() : null;
        d.detail = switch (kind) {
            case EXTENSION -> "申请延期 " + d.workingDays + " 个工作日：" + event.text("reason");
            case RETURN -> "两次退回：" + event.data().path("returns").toString();
            case REOPEN_LIMIT -> "企业第三次不满意，共 " + event.data().path("rounds").asInt(3) + " 轮";
        };
        d.requestedAt = event.occurredAt();
        d.persist();
    }

    private static String regionOf(GrievanceCase c, ReceivedEvent event) {
        if (event.text("region") != null) {
            return event.text("region");
        }
        if (c != null && c.leadRegion != null) {
            return c.leadRegion;
        }
        if (c != null && c.regionCode != null) {
            return c.regionCode;
        }
        return event.text("regionCode") != null ? event.text("regionCode") : "000000";
    }

    /** The case's region as a supervisor's scope sees it: the lead department's, else the grievance's. */
    static String caseRegion(UUID grievanceId) {
        GrievanceCase c = GrievanceCase.findById(grievanceId);
        if (c == null) {
            return null;
        }
        return c.leadRegion != null ? c.leadRegion : c.regionCode;
    }

    static void requireScope(UUID grievanceId, String regionPrefix) {
        String region = caseRegion(grievanceId);
        if (region == null || regionPrefix == null || !region.startsWith(regionPrefix)) {
            throw ProblemException.notFound("case", grievanceId);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SupervisorDecision> open(String regionPrefix) {
        return SupervisorDecision.list("decidedAt is null and regionCode like ?1 order by requestedAt", regionPrefix + "%");
    }

    /**
     * Decides. EXTENSION: APPROVED moves the reply due time by the working days asked, REJECTED leaves it.
     * RETURN: REASSIGN names the department that leads now. REOPEN_LIMIT: RE_HANDLE, or CLOSE_WITH_FINDING.
     */
    @Transactional
    public SupervisorDecision decide(UUID decisionId, String regionPrefix, String decision, String reason, String department,
            String finding, Actor supervisor) {
        SupervisorDecision d = SupervisorDecision.<SupervisorDecision>find("id = ?1 and regionCode like ?2", decisionId,
                regionPrefix + "%").firstResultOptional().orElseThrow(() -> ProblemException.notFound("decision", decisionId));
        locks.lock(d.grievanceId);
        if (d.decidedAt != null) {
            throw ProblemException.conflict("Decided already: " + d.decision, "DECIDED");
        }
        List<String> allowed = switch (d.kind) {
            case EXTENSION -> List.of("APPROVED", "REJECTED");
            case RETURN -> List.of("REASSIGN");
            case REOPEN_LIMIT -> List.of("RE_HANDLE", "CLOSE_WITH_FINDING");
        };
        if (!allowed.contains(decision)) {
            throw invalid("decision", "a " + d.kind + " decision is one of " + allowed);
        }
        d.decision = decision;
        d.reason = reason;
        d.decidedAt = Instant.now();
        d.decidedBy = supervisor.department() != null ? supervisor.department() : supervisor.region();
        switch (d.kind) {
            case EXTENSION -> {
                Instant newDue = null;
                if ("APPROVED".equals(decision)) {
                    Clock reply = clocks.runningReply(d.grievanceId).orElseThrow(() -> ProblemException.conflict(
                            "The case has no running reply clock to extend", "NO_RUNNING_CLOCK"));
                    newDue = calendar.afterWorkingDays(reply.dueAt, d.workingDays).at();
                    reply.extended = true;
                    clocks.moveDue(reply, newDue, "EXTENDED", supervisor);
                }
                outbox.append(d.grievanceId, supervisor, new DeadlineEvents.ExtensionDecided(d.requestRef, decision, reason,
                        d.workingDays, newDue));
            }
            case RETURN -> {
                if (department == null || department.isBlank()) {
                    throw invalid("department", "a reassignment names the department that leads now");
                }
                outbox.append(d.grievanceId, supervisor, new DeadlineEvents.ReturnDecided(decision, department, reason));
            }
            case REOPEN_LIMIT -> {
                if ("CLOSE_WITH_FINDING".equals(decision) && (finding == null || finding.isBlank())) {
                    throw invalid("finding", "closing at the reopen limit records a finding");
                }
                outbox.append(d.grievanceId, supervisor, new DeadlineEvents.ReopenDecided(decision, reason,
                        "CLOSE_WITH_FINDING".equals(decision) ? finding : null));
            }
        }
        return d;
    }

    /** 督办: a formal supervision with a completion date, which becomes the reply due time (end of office hours). */
    @Transactional
    public Instant superviseCase(UUID grievanceId, String regionPrefix, String text, LocalDate completionDate, Actor supervisor) {
        locks.lock(grievanceId);
        requireScope(grievanceId, regionPrefix);
        if (completionDate.isBefore(LocalDate.now(WorkingCalendar.CHINA))) {
            throw invalid("completionDate", "the completion date is today or later");
        }
        Clock reply = clocks.runningReply(grievanceId).orElseThrow(() -> ProblemException.conflict(
                "The case has no running reply clock to supervise", "NO_RUNNING_CLOCK"));
        Instant due = calendar.endOfOfficeHours(completionDate);
        reply.underSupervision = true;
        clocks.moveDue(reply, due, "SUPERVISION", supervisor);
        UUID id = record(grievanceId, "SUPERVISION", text, completionDate);
        outbox.append(grievanceId, supervisor, new DeadlineEvents.SupervisionIssued(id, text, completionDate, due,
                reply.departmentCode));
        return due;
    }

    /** 催办: an urging the department and the enterprise's timeline see. */
    @Transactional
    public UUID urge(UUID grievanceId, String regionPrefix, String text, Actor supervisor) {
        locks.lock(grievanceId);
        requireScope(grievanceId, regionPrefix);
        Clock handling = clocks.handling(grievanceId).orElseThrow(() -> ProblemException.conflict(
                "Only a case being handled can be urged", "NOT_IN_HANDLING"));
        UUID id = record(grievanceId, "URGING", text, null);
        outbox.append(grievanceId, supervisor, new DeadlineEvents.Urged(id, text, handling.departmentCode));
        return id;
    }

    private static UUID record(UUID grievanceId, String kind, String text, LocalDate completionDate) {
        UUID id = UUID.randomUUID();
        GrievanceCase.getEntityManager().createNativeQuery("""
                INSERT INTO supervision_action (id, grievance_id, kind, text, completion_date, region_code, issued_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, now())""")
                .setParameter(1, id).setParameter(2, grievanceId).setParameter(3, kind).setParameter(4, text)
                .setParameter(5, completionDate).setParameter(6, caseRegion(grievanceId)).executeUpdate();
        return id;
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(422, "invalid-decision", "Invalid decision", field + ": " + message).with("field", field);
    }
}
