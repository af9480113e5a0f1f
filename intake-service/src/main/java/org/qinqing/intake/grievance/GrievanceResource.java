package org.qinqing.intake.grievance;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
    public Response submit(@NotNull @Valid GrievanceSubmission submission, UriInfo uri) {
        Grievance g = grievances.submit(submission, caller);
        return Response.created(uri.getAbsolutePathBuilder().path(g.id.toString()).build())
                .entity(GrievanceView.of(g)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("enterprise")
    public GrievanceView one(@PathParam("id") UUID id) {
        return GrievanceView.of(grievances.visibleTo(id, caller));
    }

    @GET
    @RolesAllowed("enterprise")
    public List<GrievanceView> own(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return grievances.ownList(caller, page, size).stream().map(GrievanceView::of).toList();
    }
}
