package org.qinqing.notification.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The service's clock in tests: real time shifted by an offset, so time flows (back-off works) while a test
 * decides what hour it is. By default it is 10:00 in Shanghai on the day the tests run, so no test meets quiet
 * hours by accident.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private volatile Duration offset = Duration.ZERO;

    public TestClock() {
        daytime();
    }

    /** From now on the clock reads {@code moment}, and runs on from there. */
    public void setTo(Instant moment) {
        offset = Duration.between(Instant.now(), moment);
    }

    public void daytime() {
        setTo(ZonedDateTime.now(SHANGHAI).with(LocalTime.of(10, 0)).toInstant());
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
