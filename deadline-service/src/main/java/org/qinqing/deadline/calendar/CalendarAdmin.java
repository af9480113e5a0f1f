package org.qinqing.deadline.calendar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.qinqing.problems.ProblemException;

/**
 * Loads a year's calendar: the days that differ from "Monday to Friday work" (statutory holidays off, make-up
 * working days on), as JSON or from an iCalendar file of the kind published for China's holidays, where each
 * all-day event's summary ends in (休) for days off or (班) for make-up working days.
 */
@ApplicationScoped
public class CalendarAdmin {

    public record Day(LocalDate date, boolean working, String name) {
    }

    private final EntityManager entityManager;
    private final WorkingCalendar calendar;

    public CalendarAdmin(EntityManager entityManager, WorkingCalendar calendar) {
        this.entityManager = entityManager;
        this.calendar = calendar;
    }

    /** Replaces the year's days; the calendar of every replica is read again within its next reload. */
    @Transactional
    public int load(int year, String source, List<Day> days) {
        for (Day day : days) {
            if (day.date().getYear() != year) {
                throw new ProblemException(422, "wrong-year", "Day outside the year", day.date() + " is not in " + year);
            }
        }
        entityManager.createNativeQuery("DELETE FROM calendar_day WHERE extract(year FROM day) = ?1").setParameter(1, year)
                .executeUpdate();
        for (Day day : days) {
            entityManager.createNativeQuery("INSERT INTO calendar_day (day, working, name) VALUES (?1, ?2, ?3)")
                    .setParameter(1, day.date()).setParameter(2, day.working()).setParameter(3, day.name()).executeUpdate();
        }
        entityManager.createNativeQuery("""
                INSERT INTO calendar_year (year, source) VALUES (?1, ?2)
                ON CONFLICT (year) DO UPDATE SET source = excluded.source, loaded_at = now()""")
                .setParameter(1, year).setParameter(2, source).executeUpdate();
        entityManager.flush();
        calendar.reload();
        return days.size();
    }

    /** The year's days from an iCalendar text (all-day VEVENTs; DTEND exclusive). */
    public static List<Day> fromICalendar(String ics, int year) {
        List<Day> days = new ArrayList<>();
        String unfolded = ics.replace("\r\n", "\n").replace("\n ", "").replace("\n\t", "");
        LocalDate start = null;
        LocalDate end = null;
        String summary = null;
        for (String line : unfolded.split("\n")) {
            if (line.startsWith("BEGIN:VEVENT")) {
                start = null;
                end = null;
                summary = null;
            } else if (line.startsWith("DTSTART")) {
                start = date(line);
            } else if (line.startsWith("DTEND")) {
                end = date(line);
            } else if (line.startsWith("SUMMARY")) {
                summary = line.substring(line.indexOf(':') + 1).strip();
            } else if (line.startsWith("END:VEVENT") && start != null && summary != null) {
                boolean working = summary.contains("(班)") || summary.contains("（班）");
                boolean off = summary.contains("(休)") || summary.contains("（休）");
                if (!working && !off) {
                    continue;
                }
                String name = summary.replaceAll("[（(][休班][)）]", "").strip();
                for (LocalDate d = start; d.isBefore(end == null ? start.plusDays(1) : end); d = d.plusDays(1)) {
                    if (d.getYear() == year) {
                        days.add(new Day(d, working, working ? "调休上班 " + name : name));
                    }
                }
            }
        }
        if (days.isEmpty()) {
            throw new ProblemException(422, "empty-calendar", "No days found",
                    "the iCalendar text has no all-day (休)/(班) events in " + year);
        }
        return days;
    }

    private static LocalDate date(String line) {
        String value = line.substring(line.indexOf(':') + 1).strip();
        return LocalDate.parse(value.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE);
    }
}
