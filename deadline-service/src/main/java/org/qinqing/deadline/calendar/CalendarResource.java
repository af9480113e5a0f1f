package org.qinqing.deadline.calendar;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The working-day calendar, an admin's (PLATFORM.md §2). */
@Path("/api/v1/deadline/calendar/{year}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class CalendarResource {

    public record YearCalendar(@NotBlank @Size(max = 300) String source,
            @NotNull @Size(max = 200) List<@NotNull @Valid DayEntry> days) {
    }

    public record DayEntry(@NotNull LocalDate date, boolean working, @NotBlank @Size(max = 50) String name) {
    }

    private final CalendarAdmin admin;
    private final WorkingCalendar calendar;
    private final EntityManager entityManager;

    public CalendarResource(CalendarAdmin admin, WorkingCalendar calendar, EntityManager entityManager) {
        this.admin = admin;
        this.calendar = calendar;
        this.entityManager = entityManager;
    }

    @GET
    @SuppressWarnings("unchecked")
    public Map<String, Object> year(@PathParam("year") @Min(2000) @Max(2100) int year) {
        List<Object[]> days = entityManager.createNativeQuery(
                "SELECT day, working, name FROM calendar_day WHERE extract(year FROM day) = ?1 ORDER BY day")
                .setParameter(1, year).getResultList();
        return Map.of("year", year, "loaded", calendar.isLoaded(year), "days", days.stream()
                .map(d -> new DayEntry((LocalDate) d[0], (Boolean) d[1], (String) d[2])).toList());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> load(@PathParam("year") @Min(2000) @Max(2100) int year, @NotNull @Valid YearCalendar body) {
        int loaded = admin.load(year, body.source(),
                body.days().stream().map(d -> new CalendarAdmin.Day(d.date(), d.working(), d.name())).toList());
        return Map.of("year", year, "days", loaded);
    }

    /** Import from an iCalendar file, e.g. {@code curl -X PUT -H 'Content-Type: text/calendar' --data-binary @holidays.ics}. */
    @PUT
    @Consumes("text/calendar")
    public Map<String, Object> importICalendar(@PathParam("year") @Min(2000) @Max(2100) int year,
            @QueryParam("source") @Size(max = 300) String source, @NotBlank @Size(max = 2_000_000) String ics) {
        int loaded = admin.load(year, source == null ? "iCalendar import" : source, CalendarAdmin.fromICalendar(ics, year));
        return Map.of("year", year, "days", loaded);
    }
}
