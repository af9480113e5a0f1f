package org.qinqing.deadline.escalation;

import java.time.Duration;
import java.time.Instant;
import org.qinqing.deadline.calendar.WorkingCalendar;
import org.qinqing.deadline.clock.Clock;

/**
 * When a clock warns and escalates (PLATFORM.md §5): the warning at the earlier of 80 % of the limit elapsed and
 * one working day before due, never before 50 % elapsed; level 1 at the due time (the overdue moment), level 2 two
 * working days after it, level 3 five working days after it; and whom each level goes to.
 */
public final class Ladder {

    public static final int TOP_LEVEL = 3;

    /** Whom an escalation reaches: the supervisors or the oversight body of a region. */
    public record Target(String audience, String region) {
    }

    private Ladder() {
    }

    /** Elapsed is measured in office time, so a limit that spans a weekend or a holiday warns on a working day. */
    public static Instant warningAt(WorkingCalendar calendar, Instant start, Instant due) {
        Duration total = calendar.officeTimeBetween(start, due);
        if (total.isZero()) {
            return due;
        }
        Instant eightyPercent = calendar.afterOfficeTime(start, total.multipliedBy(4).dividedBy(5)).at();
        Instant half = calendar.afterOfficeTime(start, total.dividedBy(2)).at();
        Duration day = calendar.officeDay();
        Instant oneDayBefore = total.compareTo(day) > 0 ? calendar.afterOfficeTime(start, total.minus(day)).at() : start;
        Instant earlier = eightyPercent.isBefore(oneDayBefore) ? eightyPercent : oneDayBefore;
        return earlier.isBefore(half) ? half : earlier;
    }

    public static Instant levelAt(WorkingCalendar calendar, Instant due, int level) {
        return switch (level) {
            case 1 -> due;
            case 2 -> calendar.afterWorkingDays(due, 2).at();
            case 3 -> calendar.afterWorkingDays(due, 5).at();
            default -> throw new IllegalArgumentException("no escalation level " + level);
        };
    }

    /**
     * Level 1: the supervisors of the department's region; level 2: one level up (district → city → province), a
     * province department's level 2 goes to the province's oversight body; level 3: the province's oversight body.
     */
    public static Target target(Clock clock, int level) {
        String[] chain = clock.regionChain;
        String province = chain[chain.length - 1];
        return switch (level) {
            case 1 -> new Target("SUPERVISORS", chain[0]);
            case 2 -> "PROVINCE".equals(clock.departmentLevel) || chain.length < 2 ? new Target("OVERSIGHT", province)
                    : new Target("SUPERVISORS", chain[1]);
            default -> new Target("OVERSIGHT", province);
        };
    }

    /** The next moment the scanner must look at a running clock, or null when nothing is left to do. */
    public static Instant nextCheck(WorkingCalendar calendar, Clock clock) {
        if (clock.dueAt == null) {
            return null;
        }
        if (clock.kind == Clock.Kind.RATING_WINDOW) {
            return clock.dueAt;
        }
        Instant next = null;
        if (clock.warnedAt == null && clock.escalationLevel == 0 && clock.warningAt != null
                && clock.warningAt.isBefore(clock.dueAt)) {
            next = clock.warningAt;
        }
        if (clock.escalationLevel < TOP_LEVEL) {
            Instant level = levelAt(calendar, clock.dueAt, clock.escalationLevel + 1);
            next = next == null || level.isBefore(next) ? level : next;
        }
        return next;
    }
}
