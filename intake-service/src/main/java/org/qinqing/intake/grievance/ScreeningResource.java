package org.qinqing.intake.grievance;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.qinqing.security.Caller;

/** The operators' screening queue (受理审核): what screening held, in the operator's region, oldest first. */
@Path("/api/v1/screening-queue")
@Produces(MediaType.APPLICATION_JSON)
public class ScreeningResource {

    private final GrievanceService grievances;
    private final Caller caller;

    public ScreeningResource(GrievanceService grievances, Caller caller) {
        this.grievances = grievances;
        this.caller = caller;
    }

    @GET
    @RolesAllowed("operator")
    public List<GrievanceView> queue(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return grievances.screeningQueue(caller, page, size).stream().map(GrievanceView::of).toList();
    }
}
