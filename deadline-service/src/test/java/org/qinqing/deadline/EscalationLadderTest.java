package org.qinqing.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qinqing.deadline.WorkingCalendarTest.china;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.qinqing.deadline.calendar.WorkingCalendar;
import org.qinqing.deadline.clock.Clock;
import org.qinqing.deadline.escalation.DueClockScanner;
import org.qinqing.deadline.escalation.Ladder;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class EscalationLadderTest {

    @Inject
    WorkingCalendar calendar;

    @Inject
    DueClockScanner scanner;

    /** Elapsed time is office time from the start moment to the due time (the rest of the start day included). */
    @Test
    void warning_atEightyPercent_orOneWorkingDayBefore_whicheverIsEarlier_butNeverBeforeHalf() {
        Instant start = china("2026-11-23T09:00");
        // 10 working days (77 office hours from the start): 80 % comes two days before due, earlier than one day before
        Instant due = calendar.afterWorkingDays(start, 10).at();
        assertEquals(china("2026-12-07T17:30"), due);
        assertEquals(china("2026-12-03T16:06"), Ladder.warningAt(calendar, start, due));
        // 3 working days (28 h): one working day before due comes before 80 % (22.4 h)
        assertEquals(china("2026-11-25T17:30"), Ladder.warningAt(calendar, start, calendar.afterWorkingDays(start, 3).at()));
        // 5 working days (42 h): 80 % is 33.6 h, on Friday afternoon
        Instant five = calendar.afterWorkingDays(start, 5).at();
        assertEquals(china("2026-11-30T17:30"), five);
        assertEquals(china("2026-11-27T16:06"), Ladder.warningAt(calendar, start, five));
        // 2 office hours (urgent sign-for): one day before would be the start; half the limit is the floor
        Instant twoHours = calendar.afterOfficeTime(start, Duration.ofHours(2)).at();
        assertEquals(china("2026-11-23T10:00"), Ladder.warningAt(calendar, start, twoHours));
    }

    @Test
    void levelsTwoAndThree_countWorkingDaysAfterTheDueTime_acrossNationalDay() {
        Instant due = china("2026-09-30T17:30");
        assertEquals(due, Ladder.levelAt(calendar, due, 1));
        assertEquals(china("2026-10-09T17:30"), Ladder.levelAt(calendar, due, 2), "Thu 8 and Fri 9 October");
        assertEquals(china("2026-10-13T17:30"), Ladder.levelAt(calendar, due, 3), "8, 9, Saturday 10 (调休), 12, 13");
    }

    static UUID overdueClock(String departmentLevel, String[] chain, Instant start, Instant due) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Clock clock = new Clock();
            clock.id = UUID.randomUUID();
            clock.grievanceId = UUID.randomUUID();
            clock.kind = Clock.Kind.REPLY;
            clock.round = 1;
            clock.departmentCode = "XH-SCJG";
            clock.departmentLevel = departmentLevel;
            clock.regionChain = chain;
            clock.status = Clock.Status.RUNNING;
            clock.startedAt = start;
            clock.dueAt = due;
            clock.updatedAt = Instant.now();
            clock.persist();
            return clock.grievanceId;
        });
    }

    List<TopicProbe.Event> deadlineEvents(UUID grievance, int atLeast) {
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            return probe.read("qinqing.deadline.events", Duration.ofSeconds(20),
                    read -> read.stream().filter(e -> grievance.toString().equals(e.key())).count() >= atLeast)
                    .stream().filter(e -> grievance.toString().equals(e.key())).toList();
        }
    }

    @Test
    void aClockThatFellDueWhileTheServiceWasDown_isCaughtUp_levelByLevel_once_evenWithTwoScannersAtOnce() throws Exception {
        // a district department's reply clock that fell due on Monday 2 Nov: by Tue 24 Nov all three levels are due
        UUID grievance = overdueClock("DISTRICT", new String[] { "330106", "330100", "330000" },
                china("2026-10-19T09:00"), china("2026-11-02T17:30"));
        QuarkusTransaction.requiringNew().run(() -> Clock.update("nextCheckAt = ?1, warningAt = ?2 where grievanceId = ?3",
                china("2026-10-30T17:30"), china("2026-10-30T17:30"), grievance));
        Instant now = china("2026-11-24T10:00");
        List<CompletableFuture<Integer>> scanners = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            scanners.add(CompletableFuture.supplyAsync(() -> {
                int total = 0;
                for (int round = 0; round < 3; round++) {
                    total += scanner.scan(now);
                }
                return total;
            }));
        }
        for (CompletableFuture<Integer> s : scanners) {
            s.get();
        }
        List<TopicProbe.Event> events = deadlineEvents(grievance, 3);
        assertEquals(List.of("escalated:1:SUPERVISORS:330106", "escalated:2:SUPERVISORS:330100", "escalated:3:OVERSIGHT:330000"),
                events.stream().map(e -> e.type().split("\\.")[3] + ":" + e.data().get("level").asInt() + ":"
                        + e.data().get("target").asText() + ":" + e.data().get("targetRegion").asText()).toList(),
                "no warning once overdue; each level once, in order, to its target");
        assertEquals(3, QuarkusTransaction.requiringNew().call(() -> Clock.<Clock>find("grievanceId", grievance).firstResult().escalationLevel));
        assertEquals(0, scanner.scan(now), "nothing left to do");
    }

    @Test
    void aProvinceDepartmentsLevelTwo_goesToTheProvincesOversightBody_andAWarningComesFirst() {
        UUID grievance = overdueClock("PROVINCE", new String[] { "330000" }, china("2026-11-16T09:00"), china("2026-11-25T17:30"));
        QuarkusTransaction.requiringNew().run(() -> {
            Clock clock = Clock.find("grievanceId", grievance).firstResult();
            clock.warningAt = Ladder.warningAt(calendar, clock.startedAt, clock.dueAt);
            clock.nextCheckAt = Ladder.nextCheck(calendar, clock);
        });
        scanner.scan(china("2026-11-24T18:00"));
        scanner.scan(china("2026-11-24T18:00"));
        scanner.scan(china("2026-11-30T09:00"));
        scanner.scan(china("2026-11-27T18:00"));
        List<TopicProbe.Event> events = deadlineEvents(grievance, 3);
        assertEquals("warning", events.get(0).type().split("\\.")[3]);
        assertEquals(1, events.get(1).data().get("level").asInt());
        assertEquals("OVERSIGHT", events.get(2).data().get("target").asText());
        assertEquals("330000", events.get(2).data().get("targetRegion").asText());
        assertEquals(3, events.size());
    }
}
