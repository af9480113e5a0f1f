package org.qinqing.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.qinqing.deadline.calendar.WorkingCalendar;
import org.qinqing.platform.testing.RealInfrastructure;

/** The counting convention of PLATFORM.md §5 on the shipped 2026 calendar (State Council notice). */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class WorkingCalendarTest {

    @Inject
    WorkingCalendar calendar;

    static Instant china(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(WorkingCalendar.CHINA).toInstant();
    }

    @Test
    void springFestival2026_makeUpSaturdayCounts_andTheNineDaysOffDoNot() {
        // Friday 13 Feb; Saturday 14 Feb is a make-up working day (调休); 15–23 Feb are off
        assertEquals(china("2026-02-14T17:30"), calendar.afterWorkingDays(china("2026-02-13T10:00"), 1).at());
        assertEquals(china("2026-02-27T17:30"), calendar.afterWorkingDays(china("2026-02-13T10:00"), 5).at());
        assertTrue(calendar.isWorkingDay(java.time.LocalDate.of(2026, 2, 28)), "Saturday 28 Feb is a make-up working day");
        assertFalse(calendar.isWorkingDay(java.time.LocalDate.of(2026, 2, 23)), "Monday 23 Feb is still Spring Festival");
    }

    @Test
    void nationalDay2026_endsOnTheMakeUpSaturday() {
        // Wednesday 30 Sep + 3 working days: 1–7 Oct off, then Thu 8, Fri 9 and Saturday 10 Oct (调休)
        WorkingCalendar.Due due = calendar.afterWorkingDays(china("2026-09-30T15:00"), 3);
        assertEquals(china("2026-10-10T17:30"), due.at());
        assertFalse(due.provisional());
    }

    @Test
    void startingOnAWorkingDayCountsFromTheNextOne_evenBeforeOfficeHours() {
        assertEquals(china("2026-11-25T17:30"), calendar.afterWorkingDays(china("2026-11-24T07:00"), 1).at());
    }

    @Test
    void officeHours_skipLunchAndEvenings() {
        assertEquals(china("2026-11-23T14:30"), calendar.afterOfficeTime(china("2026-11-23T11:00"), Duration.ofHours(2)).at());
        // Friday 17:00: half an hour left that day, the rest on Monday morning
        assertEquals(china("2026-11-30T10:30"), calendar.afterOfficeTime(china("2026-11-27T17:00"), Duration.ofHours(2)).at());
        // lunch time counts nothing: 12:30 + 1h is 14:30
        assertEquals(china("2026-11-24T14:30"), calendar.afterOfficeTime(china("2026-11-24T12:30"), Duration.ofHours(1)).at());
    }

    @Test
    void aYearWithoutItsNotice_countsWeekendsOnly_andIsProvisional() {
        WorkingCalendar.Due due = calendar.afterWorkingDays(china("2026-12-31T10:00"), 1);
        assertEquals(china("2027-01-01T17:30"), due.at());
        assertTrue(due.provisional());
    }
}
