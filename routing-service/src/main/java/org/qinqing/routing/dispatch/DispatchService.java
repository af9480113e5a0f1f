package org.qinqing.routing.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.qinqing.events.Actor;
import org.qinqing.events.Outbox;
import org.qinqing.events.ReceivedEvent;
import org.qinqing.routing.events.RoutingEvents;
import org.qinqing.routing.rules.GrievanceToRoute;
import org.qinqing.routing.rules.Router;

/** Dispatch (分派): routing is the only publisher of {@code dispatched}. */
@ApplicationScoped
public class DispatchService {

    private final Router router;
    private final Outbox outbox;

    public DispatchService(Router router, Outbox outbox) {
        this.router = router;
        this.outbox = outbox;
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
        a.respondentDepartment = accepted.text("respondentDepartment");
        a.updatedAt = Instant.now();
        GrievanceToRoute facts = new GrievanceToRoute(a.category, a.subjectArea, a.regionCode, a.title,
                accepted.data().path("content").asText(""));
        router.route(facts).ifPresentOrElse(decision -> {
            a.status = Assignment.Status.DISPATCHED;
            a.round = 1;
            a.leadDepartmentCode = decision.lead().code;
            a.ruleId = decision.rule().id;
            a.reason = decision.reason();
            a.dispatchedAt = a.updatedAt;
            a.persist();
            outbox.append(id, Actor.system(), new RoutingEvents.Dispatched(a.round,
                    RoutingEvents.DepartmentRef.of(decision.lead()), List.of(),
                    new RoutingEvents.RuleRef(decision.rule().id, decision.rule().description), decision.reason()));
        }, () -> {
            a.status = Assignment.Status.AWAITING_MANUAL_DISPATCH;
            a.reason = "没有规则匹配（类别 " + a.category + "，事项 " + a.subjectArea + "，地区 " + a.regionCode + "）";
            a.persist();
            outbox.append(id, Actor.system(), new RoutingEvents.ManualDispatchRequired(a.reason, a.regionCode));
        });
    }
}
