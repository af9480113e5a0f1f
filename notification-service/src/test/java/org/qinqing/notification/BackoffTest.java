package org.qinqing.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.qinqing.notification.delivery.Backoff;

class BackoffTest {

    final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1));

    @Test
    void delaysDoubleWithEachFailure_withinHalfAndAllOfTheCeiling() {
        RandomGenerator random = new SplittableRandom(7);
        for (int attempt = 1; attempt <= 6; attempt++) {
            long ceiling = Math.min(3_600_000L, 30_000L << (attempt - 1));
            for (int i = 0; i < 200; i++) {
                long ms = backoff.delay(attempt, random).toMillis();
                assertTrue(ms >= ceiling / 2 && ms <= ceiling, "attempt " + attempt + ": " + ms);
            }
        }
    }

    @Test
    void theCeilingIsTheMaximum_evenAfterManyFailures() {
        long ms = backoff.delay(40, new SplittableRandom(1)).toMillis();
        assertTrue(ms >= 1_800_000L && ms <= 3_600_000L, Long.toString(ms));
    }

    @Test
    void jitterSpreadsReplicasThatFailedTogether() {
        RandomGenerator random = new SplittableRandom(3);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(backoff.delay(2, random).toMillis());
        }
        assertTrue(seen.size() > 40, "distinct delays: " + seen.size());
        assertEquals(Duration.ZERO, new Backoff(Duration.ZERO, Duration.ZERO).delay(1, random));
    }
}
