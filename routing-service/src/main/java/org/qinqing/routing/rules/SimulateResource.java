package org.qinqing.routing.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import org.qinqing.routing.events.RoutingEvents;

/** "Who would get this grievance, and why" — the routing decision without dispatching anything. */
@Path("/api/v1/routing/simulate")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ "operator", "supervisor", "admin" })
public class SimulateResource {

    public record Simulation(@NotBlank @Pattern(regexp = "CONSULTATION|HELP_REQUEST|COMPLAINT|TIP_OFF|SUGGESTION") String category,
            @NotBlank @Size(max = 32) String subjectArea, @NotNull @Pattern(regexp = "\\d{6}") String regionCode,
            @Size(max = 100) String title, @Size(max = 5000) String content, @Size(max = 32) String respondentDepartment) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(boolean manualDispatch, RoutingEvents.DepartmentRef lead, List<RoutingEvents.DepartmentRef> coHandling,
            RoutingEvents.RuleRef rule, String reason) {
    }

    private final Router router;

    public SimulateResource(Router router) {
        this.router = router;
    }

    @POST
    public Outcome simulate(@NotNull @Valid Simulation s) {
        return router.route(new GrievanceToRoute(s.category(), s.subjectArea(), s.regionCode(),
                s.title() == null ? "" : s.title(), s.content() == null ? "" : s.content(), s.respondentDepartment(), Set.of()))
                .map(d -> new Outcome(false, RoutingEvents.DepartmentRef.of(d.lead()),
                        d.coHandling().stream().map(RoutingEvents.DepartmentRef::of).toList(),
                        d.rule() == null ? null : new RoutingEvents.RuleRef(d.rule().id(), d.rule().description()), d.reason()))
                .orElse(new Outcome(true, null, null, null, "没有规则匹配，将进入人工分派队列"));
    }
}
