package org.qinqing.routing.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.qinqing.events.Actor;
import org.qinqing.events.CommittedCounters;
import org.qinqing.events.Outbox;
import org.qinqing.events.ReceivedEvent;
import org.qinqing.routing.events.RoutingEvents;
import org.qinqing.routing.rules.GrievanceToRoute;
import org.qinqing.routing.rules.Router;
import org.qinqing.routing.rules.RoutingTable;

/** Dispatch (分派): routing is the only publisher of {@code dispatched}. */
@ApplicationScoped
public class DispatchService {

    private final Router router;
    private final Outbox outbox;
    private final CommittedCounters counters;

    public DispatchService(Router router, Outbox outbox, CommittedCounters counters) {
        this.router = router;
        this.outbox = outbox;
        this.counters = counters;
    }

    /** Applies intake's {@code accepted}: routes the grievance, or puts it in the operators' manual-dispatch queue. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onAccepted(ReceivedEvent accepted) {
        UUID id = accepted.grievanceId();
        if (Assignment.findById(id) != null) {
            return;
        }
        Assignment a = new Assignment();
        a.grievanceId = id;
        a.trackingNumber = accepted.text("trackingNumber");
        a.category = accepted.text("category");
        a.subjectArea = accepted.text("subjectArea");
        a.urgency = accepted.text("urgency");
        a.regionCode = accepted.text("regionCode");
        a.title = accepted.text("title");
        a.content = accepted.data().path("content").asText("");
        a.uscc = accepted.text("uscc");
        a.respondentDepartment = accepted.text("respondentDepartment");
        a.status = Assignment.Status.AWAITING_MANUAL_DISPATCH;
        a.updatedAt = Instant.now();
        a.persist();
        route(a, Assignment.Cause.ACCEPTED, Actor.system());
    }

    /** Routes again, never to a department that returned the case; no rule left → manual dispatch. */
    void route(Assignment a, Assignment.Cause cause, Actor actor) {
        GrievanceToRoute facts = new GrievanceToRoute(a.category, a.subjectArea, a.regionCode, a.title, a.content,
                a.respondentDepartment, Set.of(a.returnedBy));
        Optional<RoutingTable.Decision> decision = router.route(facts);
        if (decision.isPresent()) {
            dispatch(a, decision.get().lead(), decision.get().coHandling(), decision.get().rule(), decision.get().reason(),
                    cause, actor);
        } else {
            a.status = Assignment.Status.AWAITING_MANUAL_DISPATCH;
            a.leadDepartmentCode = null;
            a.reason = "没有可用的规则（类别 " + a.category + "，事项 " + a.subjectArea + "，地区 " + a.regionCode
                    + (a.returnedBy.length > 0 ? "，已排除退回单位 " + String.join("、", a.returnedBy) : "") + "），转人工分派";
            a.updatedAt = Instant.now();
            outbox.append(a.grievanceId, actor, new RoutingEvents.ManualDispatchRequired(a.reason, a.regionCode));
        }
    }

    void dispatch(Assignment a, RoutingTable.Dept lead, List<RoutingTable.Dept> coHandling, RoutingTable.Rule rule,
            String reason, Assignment.Cause cause, Actor actor) {
        a.status = Assignment.Status.DISPATCHED;
        a.round++;
        a.dispatchCause = cause;
        a.leadDepartmentCode = lead.code();
        a.coHandling = coHandling.stream().map(RoutingTable.Dept::code).toArray(String[]::new);
        a.ruleId = rule == null ? null : rule.id();
        a.reason = reason;
        a.dispatchedAt = Instant.now();
        a.signedAt = null;
        a.repliedAt = null;
        a.signDueAt = null;
        a.replyDueAt = null;
        a.warned = false;
        a.escalationLevel = 0;
        a.openInfoRequest = null;
        a.updatedAt = a.dispatchedAt;
        outbox.append(a.grievanceId, actor, new RoutingEvents.Dispatched(a.round, cause.name(),
                RoutingEvents.DepartmentRef.of(lead), coHandling.stream().map(RoutingEvents.DepartmentRef::of).toList(),
                rule == null ? null : new RoutingEvents.RuleRef(rule.id(), rule.description()), reason));
        counters.increment("qinqing.grievances.dispatched", "cause", cause.name());
    }

    /** After a first return: routed again without the departments that returned it. */
    public void reroute(Assignment a, Actor actor) {
        route(a, Assignment.Cause.RETURN, actor);
    }

    public void dispatchByHand(Assignment a, RoutingTable.Dept lead, String reason, Actor operator) {
        dispatch(a, lead, List.of(), null, reason, Assignment.Cause.MANUAL, operator);
    }

    /** Re-handling by the same lead: after an unsatisfied rating, or a supervisor's decision. */
    void redispatchSameLead(Assignment a, Assignment.Cause cause, String reason, Actor actor) {
        RoutingTable.Dept lead = router.table().department(a.leadDepartmentCode).orElseThrow();
        List<RoutingTable.Dept> co = Arrays.stream(a.coHandling).map(code -> router.table().department(code))
                .flatMap(Optional::stream).toList();
        dispatch(a, lead, co, null, reason, cause, actor);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onReopened(ReceivedEvent reopened) {
        Assignment a = Assignment.findById(reopened.grievanceId());
        if (a == null || a.leadDepartmentCode == null) {
            return;
        }
        redispatchSameLead(a, Assignment.Cause.REOPENED,
                "企业对答复不满意，第" + reopened.data().path("round").asInt(1) + "次重新办理，仍由原主办单位办理", Actor.system());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onWithdrawnOrClosed(ReceivedEvent event) {
        Assignment a = Assignment.findById(event.grievanceId());
        if (a != null) {
            a.status = "withdrawn".equals(event.name()) ? Assignment.Status.WITHDRAWN : Assignment.Status.CLOSED;
            a.updatedAt = Instant.now();
        }
    }

    /** A supervisor's decision on a second return: the department it names leads now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onReturnDecided(ReceivedEvent decided) {
        Assignment a = Assignment.findById(decided.grievanceId());
        String department = decided.text("department");
        if (a == null || a.status != Assignment.Status.AWAITING_SUPERVISOR || department == null) {
            return;
        }
        Optional<RoutingTable.Dept> lead = router.table().department(department);
        if (lead.isEmpty()) {
            return;
        }
        dispatch(a, lead.get(), List.of(), null, "督办部门裁定：" + decided.text("reason"),
                Assignment.Cause.SUPERVISOR_DECISION, actorOf(decided));
    }

    /** A supervisor's decision on the reopen limit: force re-handling by the same lead, or close with a finding. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onReopenDecided(ReceivedEvent decided) {
        Assignment a = Assignment.findById(decided.grievanceId());
        if (a == null || a.leadDepartmentCode == null) {
            return;
        }
        if ("RE_HANDLE".equals(decided.text("decision"))) {
            redispatchSameLead(a, Assignment.Cause.REOPENED, "督办部门裁定重新办理：" + decided.text("reason"),
                    actorOf(decided));
        } else {
            a.status = Assignment.Status.CLOSED;
            a.updatedAt = Instant.now();
        }
    }

    static Actor actorOf(ReceivedEvent event) {
        var actor = event.data().path("actor");
        return new Actor(actor.path("role").asText("system"), actor.path("department").asText(null),
                actor.path("region").asText(null));
    }
}
