package org.qinqing.deadline.supervision;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.qinqing.deadline.calendar.Times;
import org.qinqing.deadline.calendar.WorkingCalendar;
import org.qinqing.security.Caller;
import org.qinqing.problems.ProblemException;

/**
 * The supervision ledger (督办台账): the region's overdue and escalated cases, with level, department and working
 * days overdue. {@code Accept: text/csv} (or {@code format=csv}) exports it.
 */
@Path("/api/v1/deadline/ledger")
@RolesAllowed("supervisor")
public class LedgerResource {

    public record Row(UUID grievanceId, String clock, int round, String department, String region, Instant dueAt,
            int escalationLevel, long workingDaysOverdue, boolean underSupervision, boolean extended) {
    }

    private final EntityManager entityManager;
    private final WorkingCalendar calendar;
    private final Caller caller;

    public LedgerResource(EntityManager entityManager, WorkingCalendar calendar, Caller caller) {
        this.entityManager = entityManager;
        this.calendar = calendar;
        this.caller = caller;
    }

    @SuppressWarnings("unchecked")
    @Transactional(Transactional.TxType.SUPPORTS)
    List<Row> rows(String department, Integer minLevel, int page, int size) {
        String prefix = caller.regionPrefix();
        if (prefix == null) {
            throw ProblemException.forbidden("A supervisor's token carries its region");
        }
        List<Object[]> found = entityManager.createNativeQuery("""
                SELECT c.grievance_id, c.kind, c.round, c.department_code, c.region_chain[1], c.due_at, c.escalation_level,
                       c.under_supervision, c.extended
                  FROM clock c
                 WHERE c.status IN ('RUNNING', 'PAUSED') AND c.kind <> 'RATING_WINDOW'
                   AND (c.escalation_level > 0 OR c.due_at < now())
                   AND c.region_chain[1] LIKE ?1
                   AND (?2 = '' OR c.department_code = ?2)
                   AND c.escalation_level >= ?3
                 ORDER BY c.escalation_level DESC, c.due_at
                 LIMIT ?4 OFFSET ?5""")
                .setParameter(1, prefix + "%").setParameter(2, department == null ? "" : department)
                .setParameter(3, minLevel == null ? 0 : minLevel).setParameter(4, size).setParameter(5, page * size)
                .getResultList();
        LocalDate today = LocalDate.now(WorkingCalendar.CHINA);
        return found.stream().map(r -> {
            Instant due = Times.instant(r[5]);
            long overdue = calendar.workingDaysAfter(due.atZone(WorkingCalendar.CHINA).toLocalDate(), today);
            return new Row((UUID) r[0], (String) r[1], ((Number) r[2]).intValue(), (String) r[3], (String) r[4], due,
                    ((Number) r[6]).intValue(), overdue, (Boolean) r[7], (Boolean) r[8]);
        }).toList();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Row> ledger(@QueryParam("department") @Pattern(regexp = "[A-Z0-9-]{2,32}") String department,
            @QueryParam("minLevel") @Min(0) @Max(3) Integer minLevel,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(1000) int size) {
        return rows(department, minLevel, page, size);
    }

    @GET
    @Produces("text/csv;qs=0.5")
    public Response csv(@QueryParam("department") @Pattern(regexp = "[A-Z0-9-]{2,32}") String department,
            @QueryParam("minLevel") @Min(0) @Max(3) Integer minLevel) {
        String body = "grievance_id,clock,round,department,region,due_at,escalation_level,working_days_overdue,under_supervision,extended\n"
                + rows(department, minLevel, 0, 10_000).stream()
                        .map(r -> String.join(",", r.grievanceId().toString(), r.clock(), Integer.toString(r.round()),
                                r.department(), r.region(), r.dueAt().toString(), Integer.toString(r.escalationLevel()),
                                Long.toString(r.workingDaysOverdue()), Boolean.toString(r.underSupervision()),
                                Boolean.toString(r.extended())))
                        .collect(Collectors.joining("\n"));
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"supervision-ledger.csv\"").build();
    }
}
