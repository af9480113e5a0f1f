package org.qinqing.notification.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with "equal jitter": the n-th retry waits half of min(max, base·2^(n-1)) plus a random
 * part of the other half, so replicas that failed together do not retry together.
 */
public record Backoff(Duration base, Duration max) {

    public Duration delay(int failedAttempts, RandomGenerator random) {
        long cap = max.toMillis();
        long exp = base.toMillis() << Math.min(30, Math.max(0, failedAttempts - 1));
        long ceiling = exp <= 0 ? cap : Math.min(cap, exp);
        long half = ceiling / 2;
        return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }
}
