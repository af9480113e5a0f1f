package org.qinqing.intake.grievance;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.qinqing.security.Caller;

@Path("/api/v1/grievances")
@Produces(MediaType.APPLICATION_JSON)
public class GrievanceResource {

    private final GrievanceService grievances;
    private final Caller caller;

    public GrievanceResource(GrievanceService grievances, Caller caller) {
        this.grievances = grievances;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("enterprise")
    public Response submit(@NotNull @Valid GrievanceSubmission submission,
            @HeaderParam("Idempotency-Key") @Size(min = 8, max = 100) @Pattern(regexp = "[A-Za-z0-9_.:-]+") String idempotencyKey,
            UriInfo uri) {
        Grievance g;
        try {
            g = grievances.submit(submission, idempotencyKey, caller);
        } catch (GrievanceService.RetriedSubmission lost) {
            g = grievances.byIdempotencyKey(idempotencyKey, submission, caller);
        }
        return Response.created(uri.getAbsolutePathBuilder().path(g.id.toString()).build())
                .entity(GrievanceView.of(g)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("enterprise")
    public GrievanceView one(@PathParam("id") UUID id) {
        return GrievanceView.of(grievances.visibleTo(id, caller));
    }

    public record Supplement(@jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 5000) String text) {
    }

    public record Withdrawal(@jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 1000) String reason) {
    }

    /** A step of the timeline as the enterprise sees it: who (role and unit, never a person), when, what and why. */
    public record Step(java.time.Instant at, String step, GrievanceStatus statusAfter, String role, String department,
            String region, String detail) {
    }

    @POST
    @Path("/{id}/supplements")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("enterprise")
    public GrievanceView supplement(@PathParam("id") UUID id, @NotNull @Valid Supplement body) {
        return GrievanceView.of(grievances.supplement(id, body.text().strip(), caller));
    }

    @POST
    @Path("/{id}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("enterprise")
    public GrievanceView withdraw(@PathParam("id") UUID id, @NotNull @Valid Withdrawal body) {
        return GrievanceView.of(grievances.withdraw(id, body.reason().strip(), caller));
    }

    @GET
    @Path("/{id}/timeline")
    @RolesAllowed("enterprise")
    public List<Step> timeline(@PathParam("id") UUID id) {
        return grievances.timeline(id, caller).stream().map(e -> new Step(e.occurredAt, e.step, e.statusAfter, e.actorRole,
                e.actorDepartment, e.actorRegion, e.detail)).toList();
    }

    @GET
    @RolesAllowed("enterprise")
    public List<GrievanceView> own(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return grievances.ownList(caller, page, size).stream().map(GrievanceView::of).toList();
    }
}
