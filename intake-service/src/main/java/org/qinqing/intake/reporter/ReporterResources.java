package org.qinqing.intake.reporter;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.qinqing.security.Caller;

/** The endpoints around a tip-off's reporter, each a root of its own so their paths never shadow the grievance API. */
public final class ReporterResources {

    private ReporterResources() {
    }

    /** notification-service asks how to reach a tip-off's reporter (PLATFORM.md §4 "Tip-off privacy"); audited. */
    @Path("/internal/v1/grievances")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Contact {

        private final ReporterService reporters;
        private final Caller caller;

        public Contact(ReporterService reporters, Caller caller) {
            this.reporters = reporters;
            this.caller = caller;
        }

        @GET
        @Path("/{id}/reporter-contact")
        @RolesAllowed("notification-service")
        public ReporterIdentity.Contact contact(@PathParam("id") UUID id,
                @QueryParam("purpose") @NotBlank @Pattern(regexp = "RECEIPT|RATING_LINK|FEEDBACK") String purpose) {
            return reporters.contact(id, purpose, caller);
        }
    }

    public record AccessView(UUID grievanceId, String accessor, String role, String department, String what,
            String purpose, Instant accessedAt) {
    }

    /** Who looked at which reporter, when and why: the platform administrators' audit view. */
    @Path("/api/v1/reporter-access")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Audit {

        private final ReporterService reporters;

        public Audit(ReporterService reporters) {
            this.reporters = reporters;
        }

        @GET
        @RolesAllowed("admin")
        public List<AccessView> audit(@QueryParam("grievanceId") UUID grievanceId,
                @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
            return reporters.audit(grievanceId, page, size).stream().map(a -> new AccessView(a.grievanceId, a.accessor,
                    a.role, a.department, a.what, a.purpose, a.accessedAt)).toList();
        }
    }

    /** An anonymous reporter follows its tip-off with the tracking number and the query code it was given. */
    @Path("/api/v1/tip-off-lookup")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Lookup {

        private final ReporterService reporters;

        public Lookup(ReporterService reporters) {
            this.reporters = reporters;
        }

        public record TipOffStatus(String trackingNumber, String status, Instant submittedAt, Instant updatedAt) {
        }

        @GET
        @RolesAllowed("enterprise")
        public TipOffStatus lookup(@QueryParam("trackingNumber") @NotBlank @Size(max = 16) String trackingNumber,
                @QueryParam("queryCode") @NotBlank @Size(max = 40) String queryCode) {
            var g = reporters.byQueryCode(trackingNumber, queryCode);
            return new TipOffStatus(g.trackingNumber, g.status.name(), g.submittedAt, g.updatedAt);
        }
    }
}
