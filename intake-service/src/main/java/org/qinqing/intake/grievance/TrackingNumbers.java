package org.qinqing.intake.grievance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Human tracking numbers such as QQ20261124000123: the day in Asia/Shanghai and six digits from a cycling
 * sequence. A sequence takes no lock, so concurrent submissions never wait for each other's commit; the price is
 * that a day's numbers have gaps and do not restart at 000001.
 */
@ApplicationScoped
public class TrackingNumbers {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final EntityManager entityManager;

    public TrackingNumbers(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public String next(Instant at) {
        LocalDate day = at.atZone(CHINA).toLocalDate();
        Number value = (Number) entityManager.createNativeQuery("SELECT nextval('tracking_number_seq')").getSingleResult();
        return "QQ" + DAY.format(day) + String.format("%06d", value.intValue());
    }
}
