package org.qinqing.deadline.calendar;

import java.time.Instant;
import java.time.OffsetDateTime;

/** A timestamptz read by a native query, whichever Java type the driver and Hibernate chose for it. */
public final class Times {

    private Times() {
    }

    public static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalArgumentException("not a timestamp: " + value);
        };
    }
}
