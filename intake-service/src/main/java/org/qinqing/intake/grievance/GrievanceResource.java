package org.qinqing.intake.grievance;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.qinqing.intake.rating.RatingResource;
import org.qinqing.intake.reporter.ReporterIdentity;
import org.qinqing.intake.reporter.ReporterService;
import org.qinqing.intake.rating.RatingService;
import org.qinqing.problems.ProblemException;
import org.qinqing.security.Caller;

@Path("/api/v1/grievances")
@Produces(MediaType.APPLICATION_JSON)
public class GrievanceResource {

    private final GrievanceService grievances;
    private final RatingService ratings;
    private final ReporterService reporters;
    private final Caller caller;

    public GrievanceResource(GrievanceService grievances, RatingService ratings, ReporterService reporters, Caller caller) {
        this.grievances = grievances;
        this.ratings = ratings;
        this.reporters = reporters;
        this.caller = caller;
    }

    /**
     * Who reported a tip-off: only for the oversight users of the commission that handles it, each read written to
     * the access audit with the stated {@code purpose}.
     */
    @GET
    @Path("/{id}/reporter")
    @RolesAllowed("oversight")
    public ReporterIdentity reporter(@PathParam("id") UUID id, @QueryParam("purpose") @NotBlank @Size(min = 2, max = 500) String purpose) {
        return reporters.identity(id, purpose.strip(), caller);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "enterprise", "operator" })
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
    @RolesAllowed({ "enterprise", "operator", "dept-staff", "supervisor", "oversight" })
    public GrievanceView one(@PathParam("id") UUID id) {
        return GrievanceView.of(grievances.visibleTo(id, caller));
    }

    public record Supplement(@NotBlank @Size(max = 5000) String text) {
    }

    public record Withdrawal(@NotBlank @Size(max = 1000) String reason) {
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
    @RolesAllowed({ "enterprise", "operator", "dept-staff", "supervisor", "oversight" })
    public List<Step> timeline(@PathParam("id") UUID id) {
        return grievances.timeline(id, caller).stream().map(e -> new Step(e.occurredAt, e.step, e.statusAfter, e.actorRole,
                e.actorDepartment, e.actorRegion, e.detail)).toList();
    }

    /** The enterprise rates the latest reply (好差评); see {@link RatingResource} for the link without logging in. */
    @POST
    @Path("/{id}/rating")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("enterprise")
    public RatingResource.RatingOutcome rate(@PathParam("id") UUID id, @NotNull @Valid RatingResource.RatingBody body) {
        return RatingResource.RatingOutcome.of(ratings.rateAsEnterprise(id, body.input(), caller));
    }

    @GET
    @Path("/{id}/ratings")
    @RolesAllowed({ "enterprise", "operator", "dept-staff", "supervisor", "oversight" })
    public List<RatingResource.RatingView> ratingsOf(@PathParam("id") UUID id) {
        return ratings.ratings(id, caller).stream().map(RatingResource.RatingView::of).toList();
    }

    public record Rejection(@NotBlank @Size(max = 1000) String reason) {
    }

    public record Merge(@NotNull UUID into) {
    }

    @POST
    @Path("/{id}/acceptance")
    @RolesAllowed("operator")
    public GrievanceView accept(@PathParam("id") UUID id) {
        return GrievanceView.of(grievances.accept(id, caller));
    }

    @POST
    @Path("/{id}/rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("operator")
    public GrievanceView reject(@PathParam("id") UUID id, @NotNull @Valid Rejection body) {
        return GrievanceView.of(grievances.reject(id, body.reason().strip(), caller));
    }

    @POST
    @Path("/{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("operator")
    public GrievanceView merge(@PathParam("id") UUID id, @NotNull @Valid Merge body) {
        return GrievanceView.of(grievances.merge(id, body.into(), caller));
    }

    private static LocalDate dateParameter(String name, String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalidParameter(name, value, "must be a date like 2026-11-24");
        }
    }

    /**
     * The grievances in the caller's scope, filtered by {@code status} (repeatable), {@code category} and
     * submission dates {@code from}/{@code to}; {@code sort} is one of submittedAt, updatedAt, trackingNumber,
     * status, '-' first for descending. {@code X-Total-Count} says how many match in all.
     */
    @GET
    @RolesAllowed({ "enterprise", "operator", "dept-staff", "supervisor", "oversight" })
    public Response list(@QueryParam("status") List<String> statusNames, @QueryParam("category") String categoryName,
            @QueryParam("from") String fromDate, @QueryParam("to") String toDate,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size,
            @QueryParam("sort") @DefaultValue("-submittedAt")
            @Pattern(regexp = "-?(submittedAt|updatedAt|trackingNumber|status)", message = "{qinqing.sort.invalid}") String sort) {
        LocalDate from = dateParameter("from", fromDate);
        LocalDate to = dateParameter("to", toDate);
        if (from != null && to != null && to.isBefore(from)) {
            throw ProblemException.unprocessable("invalid-period", "Invalid period", "'to' (" + to + ") is before 'from' (" + from + ")");
        }
        List<GrievanceStatus> statuses = statusNames.stream()
                .map(name -> ProblemException.enumParameter(GrievanceStatus.class, "status", name)).toList();
        Category category = ProblemException.enumParameter(Category.class, "category", categoryName);
        GrievanceFilter.Result result = grievances.list(caller, new GrievanceFilter(statuses, category, from, to, page, size, sort));
        return Response.ok(result.page().stream().map(GrievanceView::of).toList())
                .header("X-Total-Count", result.total()).build();
    }
}
