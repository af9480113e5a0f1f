package org.qinqing.deadline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.qinqing.deadline.WorkingCalendarTest.china;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.qinqing.deadline.calendar.WorkingCalendar;
import org.qinqing.platform.testing.RealInfrastructure;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class CalendarAdminTest {

    @Inject
    WorkingCalendar calendar;

    static final String ICS = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            BEGIN:VEVENT\r
            DTSTART;VALUE=DATE:20300101\r
            DTEND;VALUE=DATE:20300102\r
            SUMMARY:元旦(休)\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            DTSTART;VALUE=DATE:20300105\r
            DTEND;VALUE=DATE:20300106\r
            SUMMARY:元旦(班)\r
            END:VEVENT\r
            END:VCALENDAR\r
            """;

    @Test
    @TestSecurity(user = "admin-zj", roles = "admin")
    void importingAYearsICalendar_makesItsClocksFinal_withItsHolidaysAndMakeUpDays() {
        // a year no other test relies on being unloaded
        assertFalse(calendar.isLoaded(2030));
        given().contentType("text/calendar; charset=UTF-8").body(ICS).queryParam("source", "测试通知")
                .when().put("/api/v1/deadline/calendar/2030")
                .then().statusCode(200).body("days", equalTo(2));
        // Mon 31 Dec 2029 + 1 working day: Tue 1 Jan 2030 is off → Wednesday 2 Jan, and not provisional
        WorkingCalendar.Due due = calendar.afterWorkingDays(china("2029-12-31T10:00"), 1);
        assertEquals(china("2030-01-02T17:30"), due.at());
        assertFalse(due.provisional());
        assertEquals(true, calendar.isWorkingDay(java.time.LocalDate.of(2030, 1, 5)), "the make-up Saturday");
        given().contentType("text/calendar").body("BEGIN:VCALENDAR\nEND:VCALENDAR")
                .when().put("/api/v1/deadline/calendar/2028").then().statusCode(422);
    }

    @Test
    @TestSecurity(user = "supervisor-hz", roles = "supervisor")
    void onlyAnAdminLoadsACalendar() {
        given().contentType("text/calendar; charset=UTF-8").body(ICS).when().put("/api/v1/deadline/calendar/2030").then().statusCode(403);
    }
}
