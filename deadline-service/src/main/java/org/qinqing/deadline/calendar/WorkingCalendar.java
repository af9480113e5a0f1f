package org.qinqing.deadline.calendar;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The China mainland working-day calendar and the one place that counts time limits (PLATFORM.md §5):
 * <ul>
 * <li>a working day is Monday to Friday, except statutory holidays, plus make-up working days (调休);</li>
 * <li>N working days start on the next working day after the start moment and end at the end of office hours of
 * the Nth working day;</li>
 * <li>N office hours count only office hours (default 09:00–12:00 and 13:30–17:30), from the start moment;</li>
 * <li>a year without a loaded calendar counts weekends only, and a due time that relied on it is provisional.</li>
 * </ul>
 */
@ApplicationScoped
public class WorkingCalendar {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** A due time, provisional when it relied on a year whose calendar is not loaded. */
    public record Due(Instant at, boolean provisional) {
    }

    private final EntityManager entityManager;
    private final List<DeadlineConfig.Interval> office;
    private volatile Map<LocalDate, Boolean> exceptions = Map.of();
    private volatile Set<Integer> loadedYears = Set.of();

    public WorkingCalendar(EntityManager entityManager, DeadlineConfig config) {
        this.entityManager = entityManager;
        this.office = config.intervals();
    }

    void load(@Observes StartupEvent started) {
        reload();
    }

    /** Reads the calendar tables again, after an admin loaded a year. */
    @Transactional
    @SuppressWarnings("unchecked")
    public void reload() {
        Map<LocalDate, Boolean> days = new HashMap<>();
        for (Object[] row : (List<Object[]>) entityManager.createNativeQuery("SELECT day, working FROM calendar_day")
                .getResultList()) {
            days.put((LocalDate) row[0], (Boolean) row[1]);
        }
        Set<Integer> years = new HashSet<>();
        for (Object year : entityManager.createNativeQuery("SELECT year FROM calendar_year").getResultList()) {
            years.add(((Number) year).intValue());
        }
        exceptions = Map.copyOf(days);
        loadedYears = Set.copyOf(years);
    }

    public boolean isLoaded(int year) {
        return loadedYears.contains(year);
    }

    public boolean isWorkingDay(LocalDate day) {
        Boolean listed = exceptions.get(day);
        if (listed != null) {
            return listed;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The end of office hours of the Nth working day after the start moment's day. */
    public Due afterWorkingDays(Instant start, int workingDays) {
        LocalDate day = start.atZone(CHINA).toLocalDate();
        boolean provisional = false;
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            provisional |= !isLoaded(day.getYear());
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        LocalTime end = office.get(office.size() - 1).end();
        return new Due(day.atTime(end).atZone(CHINA).toInstant(), provisional);
    }

    /** The moment when the given office time has passed, counting only office hours on working days. */
    public Due afterOfficeTime(Instant start, Duration officeTime) {
        LocalDateTime cursor = LocalDateTime.ofInstant(start, CHINA);
        Duration remaining = officeTime;
        boolean provisional = false;
        while (true) {
            LocalDate day = cursor.toLocalDate();
            provisional |= !isLoaded(day.getYear());
            if (isWorkingDay(day)) {
                for (DeadlineConfig.Interval interval : office) {
                    LocalDateTime from = day.atTime(interval.start());
                    LocalDateTime to = day.atTime(interval.end());
                    if (!cursor.isBefore(to)) {
                        continue;
                    }
                    LocalDateTime begin = cursor.isAfter(from) ? cursor : from;
                    Duration available = Duration.between(begin, to);
                    if (available.compareTo(remaining) >= 0) {
                        return new Due(begin.plus(remaining).atZone(CHINA).toInstant(), provisional);
                    }
                    remaining = remaining.minus(available);
                    cursor = to;
                }
            }
            cursor = day.plusDays(1).atStartOfDay();
        }
    }

    /** Working days after {@code from} up to and including {@code to} (0 when {@code to} is not after it). */
    public long workingDaysAfter(LocalDate from, LocalDate to) {
        long count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            count += isWorkingDay(day) ? 1 : 0;
        }
        return count;
    }

    /** The end of office hours of a day, in Asia/Shanghai. */
    public Instant endOfOfficeHours(LocalDate day) {
        return day.atTime(office.get(office.size() - 1).end()).atZone(CHINA).toInstant();
    }

    /** The office time of one working day (7 hours by default). */
    public Duration officeDay() {
        return office.stream().map(DeadlineConfig.Interval::length).reduce(Duration.ZERO, Duration::plus);
    }

    /** Office time between two moments (for paused clocks). */
    public Duration officeTimeBetween(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        LocalDateTime start = LocalDateTime.ofInstant(from, CHINA);
        LocalDateTime end = LocalDateTime.ofInstant(to, CHINA);
        for (LocalDate day = start.toLocalDate(); !day.isAfter(end.toLocalDate()); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            for (DeadlineConfig.Interval interval : office) {
                LocalDateTime a = day.atTime(interval.start());
                LocalDateTime b = day.atTime(interval.end());
                LocalDateTime lo = a.isAfter(start) ? a : start;
                LocalDateTime hi = b.isBefore(end) ? b : end;
                if (hi.isAfter(lo)) {
                    total = total.plus(Duration.between(lo, hi));
                }
            }
        }
        return total;
    }
}
