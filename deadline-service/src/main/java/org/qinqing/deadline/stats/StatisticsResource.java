package org.qinqing.deadline.stats;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.qinqing.security.Caller;
import org.qinqing.problems.ProblemException;

/**
 * Statistics (三率, rankings, the summons list): an admin sees all, a supervisor or oversight user its region, a
 * department's staff its own figures. {@code Accept: text/csv} exports the figures.
 */
@Path("/api/v1/deadline/statistics")
@RolesAllowed({ "admin", "supervisor", "oversight", "dept-staff" })
public class StatisticsResource {

    private final Statistics statistics;
    private final Caller caller;

    public StatisticsResource(Statistics statistics, Caller caller) {
        this.statistics = statistics;
        this.caller = caller;
    }

    private List<Statistics.DepartmentFigures> scoped(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new ProblemException(400, "invalid-period", "Invalid period", "to is before from");
        }
        if (caller.is("admin")) {
            return statistics.figures(from, to, "", null);
        }
        if (caller.is("supervisor") || caller.is("oversight")) {
            if (caller.regionPrefix() == null) {
                throw ProblemException.forbidden("A supervisor's token carries its region");
            }
            return statistics.figures(from, to, caller.regionPrefix(), null);
        }
        return statistics.figures(from, to, "", caller.department() == null ? "-" : caller.department());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> figures(@QueryParam("from") @NotNull LocalDate from, @QueryParam("to") @NotNull LocalDate to,
            @QueryParam("threshold") @DefaultValue("0.8") @DecimalMin("0") @DecimalMax("1") double threshold) {
        List<Statistics.DepartmentFigures> figures = scoped(from, to);
        return Map.of("from", from, "to", to, "departments", figures, "ranking",
                statistics.ranking(figures).stream().map(Statistics.DepartmentFigures::department).toList(),
                "summonsList", statistics.belowThreshold(figures, threshold).stream()
                        .map(Statistics.DepartmentFigures::department).toList(),
                "threshold", threshold);
    }

    @GET
    @Produces("text/csv;qs=0.5")
    public Response csv(@QueryParam("from") @NotNull LocalDate from, @QueryParam("to") @NotNull LocalDate to) {
        String body = "department,region,cases,response_rate,on_time_completion_rate,resolution_rate,satisfaction_rate,"
                + "unrated_share,rated,returns,overdue,average_handling_working_days\n"
                + scoped(from, to).stream().map(f -> String.join(",", f.department(), String.valueOf(f.region()),
                        Long.toString(f.cases()), s(f.responseRate()), s(f.onTimeCompletionRate()), s(f.resolutionRate()),
                        s(f.satisfactionRate()), s(f.unratedShare()), Long.toString(f.rated()), Long.toString(f.returns()),
                        Long.toString(f.overdue()), s(f.averageHandlingWorkingDays()))).collect(Collectors.joining("\n"));
        return Response.ok(body, "text/csv; charset=UTF-8").build();
    }

    private static String s(Double value) {
        return value == null ? "" : value.toString();
    }
}
