package org.qinqing.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.qinqing.problems.ProblemException;

/**
 * The audit log of this service's state-changing requests, for admins (PLATFORM.md §2). {@code from}/{@code to}
 * are dates (Asia/Shanghai, both inclusive) or instants with an offset ({@code to} exclusive); {@code user} is a user name or a subject;
 * {@code path} a path prefix. Newest first; {@code X-Total-Count} holds the number of matching rows.
 */
@Path("/api/v1/audit-log")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class AuditLogResource {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final RequestAuditLog log;

    public AuditLogResource(RequestAuditLog log) {
        this.log = log;
    }

    @GET
    public Response find(@QueryParam("from") @Size(max = 40) String from, @QueryParam("to") @Size(max = 40) String to,
            @QueryParam("user") @Size(max = 200) String user, @QueryParam("path") @Size(max = 500) String pathPrefix,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(100) int size) {
        RequestAuditLog.Page found = log.find(new RequestAuditLog.Query(moment("from", from, false), moment("to", to, true),
                blankToNull(user), blankToNull(pathPrefix), page, size));
        return Response.ok(found.entries()).header("X-Total-Count", found.total()).build();
    }

    /** A date counts whole (to: up to the end of that day), an instant exactly. */
    private static Instant moment(String name, String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay(SHANGHAI).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidParameter(name, value, "must be a date (2026-01-31) or an instant with offset "
                    + "(2026-01-31T09:00:00+08:00)");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
