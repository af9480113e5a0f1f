package org.qinqing.routing.work;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.qinqing.events.Actor;
import org.qinqing.events.GrievanceLocks;
import org.qinqing.events.Outbox;
import org.qinqing.problems.ProblemException;
import org.qinqing.routing.dispatch.Assignment;
import org.qinqing.routing.dispatch.Assignment.Status;
import org.qinqing.routing.dispatch.DispatchService;
import org.qinqing.routing.events.RoutingEvents;
import org.qinqing.routing.rules.Router;
import org.qinqing.routing.work.WorkRecords.CoHandlingInput;
import org.qinqing.routing.work.WorkRecords.ExtensionRequest;
import org.qinqing.routing.work.WorkRecords.HandlingNote;
import org.qinqing.routing.work.WorkRecords.InfoRequest;
import org.qinqing.routing.work.WorkRecords.Reply;
import org.qinqing.routing.work.WorkRecords.ReturnRecord;

/**
 * The lead department's work on a case (签收, 补充材料, 进展, 延期, 协办, 答复, 退回), and a co-handling department's
 * input. Every command takes the grievance's lock, checks the caller's department in the query (another
 * department's case is 404) and the case's status (a command that does not fit is 409 naming it).
 */
@ApplicationScoped
public class WorkService {

    /** A second return of the same case goes to the region's supervisors (PLATFORM.md §3). */
    static final int RETURNS_BEFORE_ESCALATION = 2;

    private final Outbox outbox;
    private final GrievanceLocks locks;
    private final DispatchService dispatch;
    private final Router router;
    private final ObjectMapper mapper;

    public WorkService(Outbox outbox, GrievanceLocks locks, DispatchService dispatch, Router router, ObjectMapper mapper) {
        this.outbox = outbox;
        this.locks = locks;
        this.dispatch = dispatch;
        this.router = router;
        this.mapper = mapper;
    }

    /** The case if the department leads it, else 404. */
    Assignment led(UUID id, String department) {
        locks.lock(id);
        return Assignment.<Assignment>find("grievanceId = ?1 and leadDepartmentCode = ?2", id, department)
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("assignment", id));
    }

    private static void require(Assignment a, String command, Status... allowed) {
        if (!Arrays.asList(allowed).contains(a.status)) {
            throw ProblemException.conflict(command + " is not possible while the case is " + a.status, a.status.name());
        }
    }

    @Transactional
    public Assignment sign(UUID id, String department) {
        Assignment a = led(id, department);
        require(a, "Signing for the case", Status.DISPATCHED);
        a.status = Status.IN_PROGRESS;
        a.signedAt = Instant.now();
        a.updatedAt = a.signedAt;
        outbox.append(id, Actor.ofDepartment("dept-staff", department), new RoutingEvents.Signed(department, a.round));
        return a;
    }

    @Transactional
    public Assignment note(UUID id, String department, WorkCommands.Note note) {
        Assignment a = led(id, department);
        require(a, "Adding a progress note", Status.DISPATCHED, Status.IN_PROGRESS, Status.AWAITING_ENTERPRISE);
        HandlingNote n = new HandlingNote();
        n.id = UUID.randomUUID();
        n.grievanceId = id;
        n.departmentCode = department;
        n.text = note.text().strip();
        n.visibleToEnterprise = note.visibleToEnterprise();
        n.createdAt = Instant.now();
        n.persist();
        outbox.append(id, Actor.ofDepartment("dept-staff", department),
                new RoutingEvents.NoteAdded(department, n.text, n.visibleToEnterprise ? "ENTERPRISE" : "INTERNAL"));
        return a;
    }

    @Transactional
    public Assignment askForInformation(UUID id, String department, WorkCommands.AskForInformation ask) {
        Assignment a = led(id, department);
        require(a, "Asking the enterprise for information", Status.IN_PROGRESS);
        if (a.uscc == null) {
            throw ProblemException.conflict("An anonymous tip-off's reporter cannot be asked through the platform",
                    a.status.name());
        }
        InfoRequest r = new InfoRequest();
        r.id = UUID.randomUUID();
        r.grievanceId = id;
        r.departmentCode = department;
        r.question = ask.question().strip();
        r.askedAt = Instant.now();
        r.persist();
        a.status = Status.AWAITING_ENTERPRISE;
        a.openInfoRequest = r.id;
        a.updatedAt = r.askedAt;
        outbox.append(id, Actor.ofDepartment("dept-staff", department),
                new RoutingEvents.InfoRequested(r.id, department, r.question));
        return a;
    }

    @Transactional
    public ExtensionRequest requestExtension(UUID id, String department, WorkCommands.RequestExtension ask) {
        Assignment a = led(id, department);
        require(a, "Requesting an extension", Status.IN_PROGRESS, Status.AWAITING_ENTERPRISE);
        if (a.replyDueAt != null && !Instant.now().isBefore(a.replyDueAt)) {
            throw ProblemException.conflict("An extension is requested before the reply is due (" + a.replyDueAt + ")",
                    a.status.name());
        }
        if (ExtensionRequest.count("grievanceId = ?1 and decision is null", id) > 0) {
            throw ProblemException.conflict("An extension request of this case awaits the supervisor's decision",
                    a.status.name());
        }
        ExtensionRequest r = new ExtensionRequest();
        r.id = UUID.randomUUID();
        r.grievanceId = id;
        r.departmentCode = department;
        r.workingDays = ask.workingDays();
        r.reason = ask.reason().strip();
        r.requestedAt = Instant.now();
        r.persist();
        outbox.append(id, Actor.ofDepartment("dept-staff", department),
                new RoutingEvents.ExtensionRequested(r.id, department, "REPLY", r.workingDays, r.reason));
        return r;
    }

    @Transactional
    public Assignment requestCoHandling(UUID id, String department, WorkCommands.RequestCoHandling ask) {
        Assignment a = led(id, department);
        require(a, "Asking another department to co-handle", Status.IN_PROGRESS, Status.AWAITING_ENTERPRISE);
        var coDepartment = router.table().department(ask.department())
                .filter(d -> d.active() && !d.code().equals(department))
                .orElseThrow(() -> ProblemException.unprocessable("unknown-department", "Unknown department",
                        ask.department() + " is not an active department other than the lead"));
        CoHandlingInput input = new CoHandlingInput();
        input.id = UUID.randomUUID();
        input.grievanceId = id;
        input.departmentCode = coDepartment.code();
        input.question = ask.question().strip();
        input.requestedAt = Instant.now();
        input.persist();
        if (!a.coHandledBy(coDepartment.code())) {
            List<String> co = new ArrayList<>(Arrays.asList(a.coHandling));
            co.add(coDepartment.code());
            a.coHandling = co.toArray(String[]::new);
        }
        a.updatedAt = input.requestedAt;
        outbox.append(id, Actor.ofDepartment("dept-staff", department),
                new RoutingEvents.CoHandlingRequested(input.id, coDepartment.code(), department, input.question));
        return a;
    }

    /** A co-handling department's input (协办意见), which feeds the lead's reply. */
    @Transactional
    public CoHandlingInput answerCoHandling(UUID id, String department, WorkCommands.CoHandlingAnswer answer) {
        locks.lock(id);
        Assignment a = Assignment.<Assignment>find("grievanceId = ?1", id).firstResultOptional()
                .filter(found -> found.coHandledBy(department))
                .orElseThrow(() -> ProblemException.notFound("assignment", id));
        require(a, "Giving co-handling input", Status.DISPATCHED, Status.IN_PROGRESS, Status.AWAITING_ENTERPRISE);
        CoHandlingInput input = CoHandlingInput.<CoHandlingInput>find(
                "grievanceId = ?1 and departmentCode = ?2 and answeredAt is null order by requestedAt", id, department)
                .firstResultOptional().orElseGet(() -> {
                    CoHandlingInput fresh = new CoHandlingInput();
                    fresh.id = UUID.randomUUID();
                    fresh.grievanceId = id;
                    fresh.departmentCode = department;
                    fresh.question = "";
                    fresh.requestedAt = Instant.now();
                    fresh.persist();
                    return fresh;
                });
        input.answer = answer.answer().strip();
        input.answeredAt = Instant.now();
        return input;
    }

    @Transactional
    public Reply reply(UUID id, String department, WorkCommands.ReplyToEnterprise body) {
        Assignment a = led(id, department);
        require(a, "Replying", Status.IN_PROGRESS);
        List<String> attachments = body.attachments() == null ? List.of() : body.attachments();
        List<RoutingEvents.CoHandlingAnswer> inputs = CoHandlingInput.<CoHandlingInput>list(
                "grievanceId = ?1 and answeredAt is not null order by answeredAt", id).stream()
                .map(i -> new RoutingEvents.CoHandlingAnswer(i.departmentCode, i.answer)).toList();
        Reply r = new Reply();
        r.id = UUID.randomUUID();
        r.grievanceId = id;
        r.departmentCode = department;
        r.round = a.round;
        r.text = body.text().strip();
        try {
            r.attachments = mapper.writeValueAsString(attachments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        r.repliedAt = Instant.now();
        r.persist();
        a.status = Status.REPLIED;
        a.repliedAt = r.repliedAt;
        a.updatedAt = r.repliedAt;
        outbox.append(id, Actor.ofDepartment("dept-staff", department),
                new RoutingEvents.Replied(r.id, department, a.round, r.text, attachments, inputs));
        return r;
    }

    /**
     * 退回: the returner is recorded (every return counts against it) and loses the case; the case is routed again
     * without every department that returned it, and a second return goes to the region's supervisors.
     */
    @Transactional
    public Assignment returnCase(UUID id, String department, WorkCommands.ReturnCase body) {
        Assignment a = led(id, department);
        require(a, "Returning the case", Status.DISPATCHED, Status.IN_PROGRESS);
        ReturnRecord r = new ReturnRecord();
        r.id = UUID.randomUUID();
        r.grievanceId = id;
        r.departmentCode = department;
        r.reason = body.reason().strip();
        r.basis = body.basis().strip();
        r.round = a.round;
        r.returnedAt = Instant.now();
        r.persist();
        int returns = (int) ReturnRecord.count("grievanceId", id);
        Set<String> returners = new java.util.LinkedHashSet<>(Arrays.asList(a.returnedBy));
        returners.add(department);
        a.returnedBy = returners.toArray(String[]::new);
        a.updatedAt = r.returnedAt;
        Actor returner = Actor.ofDepartment("dept-staff", department);
        outbox.append(id, returner, new RoutingEvents.Returned(department, r.reason, r.basis, returns, a.round));
        if (returns >= RETURNS_BEFORE_ESCALATION) {
            a.status = Status.AWAITING_SUPERVISOR;
            a.leadDepartmentCode = null;
            String region = router.table().department(department).map(d -> d.region()).orElse(a.regionCode);
            outbox.append(id, Actor.system(), new RoutingEvents.ReturnEscalated(
                    ReturnRecord.<ReturnRecord>list("grievanceId = ?1 order by returnedAt", id).stream()
                            .map(x -> new RoutingEvents.ReturnRef(x.departmentCode, x.reason, x.basis, x.returnedAt))
                            .toList(),
                    a.regionCode, region));
        } else {
            dispatch.reroute(a, Actor.system());
        }
        return a;
    }

    @Transactional
    public Assignment manualDispatch(UUID id, String regionPrefix, String operatorRegion, WorkCommands.ManualDispatch body) {
        locks.lock(id);
        // operators never see a tip-off (PLATFORM.md §2): not even its status, so 404 like an unknown id
        Assignment a = Assignment.<Assignment>find("grievanceId = ?1 and regionCode like ?2 and (category is null or category <> 'TIP_OFF')",
                id, regionPrefix + "%").firstResultOptional().orElseThrow(() -> ProblemException.notFound("assignment", id));
        require(a, "Manual dispatch", Status.AWAITING_MANUAL_DISPATCH);
        var lead = router.table().department(body.department()).filter(d -> d.active())
                .orElseThrow(() -> ProblemException.unprocessable("unknown-department", "Unknown department",
                        body.department() + " is not an active department"));
        if (Arrays.asList(a.returnedBy).contains(lead.code())) {
            throw ProblemException.unprocessable("returned-department", "Department returned this case",
                    lead.code() + " returned this case and cannot lead it again");
        }
        dispatch.dispatchByHand(a, lead, "人工分派：" + body.reason().strip(), Actor.ofRegion("operator", operatorRegion));
        return a;
    }
}
