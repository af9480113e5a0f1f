package org.qinqing.routing.work;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.qinqing.problems.ProblemException;
import org.qinqing.routing.dispatch.Assignment;
import org.qinqing.routing.dispatch.Assignment.Status;

/** The department's work queue: overdue and escalated first, then by reply due time. Scope is in every query. */
@ApplicationScoped
public class WorkQueue {

    /** NEW (to sign), IN_PROGRESS, AWAITING_ENTERPRISE, or CO_HANDLING (cases another department leads). */
    public enum State {
        NEW, IN_PROGRESS, AWAITING_ENTERPRISE, CO_HANDLING
    }

    private static final String ORDER = """
             order by case when a.escalationLevel > 0 or a.underSupervision = true then 0
                           when a.replyDueAt < :now or (a.status = 'DISPATCHED' and a.signDueAt < :now) then 1
                           else 2 end,
                      a.replyDueAt nulls last, a.dispatchedAt""";

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Assignment> queue(String department, State state, int page, int size) {
        Parameters parameters = Parameters.with("d", department).and("now", Instant.now());
        String where;
        if (state == State.CO_HANDLING) {
            where = "array_contains(a.coHandling, :d) and a.status in (:open)";
            parameters.and("open", List.of(Status.DISPATCHED, Status.IN_PROGRESS, Status.AWAITING_ENTERPRISE));
        } else {
            where = "a.leadDepartmentCode = :d and a.status in (:states)";
            parameters.and("states", state == null ? List.of(Status.DISPATCHED, Status.IN_PROGRESS, Status.AWAITING_ENTERPRISE)
                    : List.of(switch (state) {
                        case NEW -> Status.DISPATCHED;
                        case IN_PROGRESS -> Status.IN_PROGRESS;
                        default -> Status.AWAITING_ENTERPRISE;
                    }));
        }
        return Assignment.<Assignment>find("from Assignment a where " + where + ORDER, parameters)
                .page(page, size).list();
    }

    /** A case the department leads or co-handles; a department that returned it has lost it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Assignment ofDepartment(UUID id, String department) {
        return Assignment.<Assignment>find("from Assignment a where a.grievanceId = :id and "
                + "(a.leadDepartmentCode = :d or array_contains(a.coHandling, :d))",
                Parameters.with("id", id).and("d", department))
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("assignment", id));
    }

    /** A case for a supervisor or operator: the grievance's region within the caller's region. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Assignment ofRegion(UUID id, String regionPrefix) {
        if (regionPrefix == null) {
            throw ProblemException.notFound("assignment", id);
        }
        return Assignment.<Assignment>find("grievanceId = ?1 and regionCode like ?2", id, regionPrefix + "%")
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("assignment", id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Assignment> manualQueue(String regionPrefix, int page, int size) {
        return Assignment.<Assignment>find("status = ?1 and regionCode like ?2 and (category is null or category <> 'TIP_OFF') order by updatedAt",
                Status.AWAITING_MANUAL_DISPATCH, regionPrefix + "%").page(page, size).list();
    }
}
