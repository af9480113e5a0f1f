package org.qinqing.deadline.calendar;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Warns when this year's or next year's calendar is not loaded: clocks then count weekends only and are marked
 * provisional. The service stays UP (it still counts correctly for weekends); the warning is in the data.
 */
@Readiness
@ApplicationScoped
public class CalendarHealth implements HealthCheck {

    private final WorkingCalendar calendar;

    public CalendarHealth(WorkingCalendar calendar) {
        this.calendar = calendar;
    }

    @Override
    public HealthCheckResponse call() {
        int year = LocalDate.now(WorkingCalendar.CHINA).getYear();
        var response = HealthCheckResponse.named("working-day calendar").up()
                .withData("year " + year, calendar.isLoaded(year) ? "loaded" : "NOT LOADED: clocks are provisional")
                .withData("year " + (year + 1), calendar.isLoaded(year + 1) ? "loaded"
                        : "not loaded yet: clocks reaching into it are provisional");
        if (!calendar.isLoaded(year) || !calendar.isLoaded(year + 1)) {
            response.withData("warning", "load the State Council holiday notice: PUT /api/v1/deadline/calendar/{year}");
        }
        return response.build();
    }
}
