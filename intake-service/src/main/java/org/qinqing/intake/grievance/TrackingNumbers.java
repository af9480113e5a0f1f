package org.qinqing.intake.grievance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Human tracking numbers unique per day, such as QQ20261124000123 (the day in Asia/Shanghai). */
@ApplicationScoped
public class TrackingNumbers {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final EntityManager entityManager;

    public TrackingNumbers(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The next number of the day; the counter row's lock makes concurrent submissions take distinct numbers. */
    public String next(Instant at) {
        LocalDate day = at.atZone(CHINA).toLocalDate();
        Number value = (Number) entityManager.createNativeQuery("""
                INSERT INTO tracking_counter (day, last_value) VALUES (?1, 1)
                ON CONFLICT (day) DO UPDATE SET last_value = tracking_counter.last_value + 1
                RETURNING last_value""").setParameter(1, day).getSingleResult();
        return "QQ" + DAY.format(day) + String.format("%06d", value.intValue());
    }
}
