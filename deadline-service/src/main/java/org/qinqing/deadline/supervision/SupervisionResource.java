package org.qinqing.deadline.supervision;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qinqing.security.Caller;
import org.qinqing.problems.ProblemException;

/** A supervisor's work on its region's cases (PLATFORM.md §2). */
@Path("/api/v1/deadline")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("supervisor")
public class SupervisionResource {

    public record Decision(@NotNull @Pattern(regexp = "APPROVED|REJECTED|REASSIGN|RE_HANDLE|CLOSE_WITH_FINDING") String decision,
            @NotBlank @Size(max = 1000) String reason, @Pattern(regexp = "[A-Z0-9-]{2,32}") String department,
            @Size(max = 2000) String finding) {
    }

    public record Supervision(@NotBlank @Size(max = 1000) String text, @NotNull LocalDate completionDate) {
    }

    public record Urging(@NotBlank @Size(max = 1000) String text) {
    }

    private final SupervisionService supervision;
    private final Caller caller;

    public SupervisionResource(SupervisionService supervision, Caller caller) {
        this.supervision = supervision;
        this.caller = caller;
    }

    private String scope() {
        String prefix = caller.regionPrefix();
        if (prefix == null) {
            throw ProblemException.forbidden("A supervisor's token carries its region");
        }
        return prefix;
    }

    @GET
    @Path("/decisions")
    public List<SupervisorDecision> openDecisions() {
        return supervision.open(scope());
    }

    @POST
    @Path("/decisions/{id}")
    public SupervisorDecision decide(@PathParam("id") UUID id, @NotNull @Valid Decision body) {
        return supervision.decide(id, scope(), body.decision(), body.reason().strip(), body.department(), body.finding(),
                caller.asRegion("supervisor"));
    }

    @POST
    @Path("/cases/{grievanceId}/supervision")
    public Map<String, Instant> supervise(@PathParam("grievanceId") UUID grievanceId, @NotNull @Valid Supervision body) {
        return Map.of("dueAt", supervision.superviseCase(grievanceId, scope(), body.text().strip(), body.completionDate(),
                caller.asRegion("supervisor")));
    }

    @POST
    @Path("/cases/{grievanceId}/urgings")
    public Map<String, UUID> urge(@PathParam("grievanceId") UUID grievanceId, @NotNull @Valid Urging body) {
        return Map.of("urgingId", supervision.urge(grievanceId, scope(), body.text().strip(), caller.asRegion("supervisor")));
    }
}
