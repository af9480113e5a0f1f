package org.qinqing.notification.notice;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code qinqing_notification_waiting_notices{waits_for}} and {@code qinqing_notification_waiting_oldest_seconds{waits_for}}
 * on /q/metrics: a count that grows, or an age past a consumer's usual lag, means a fact is not coming.
 */
@Startup
@ApplicationScoped
public class WaitingNoticeMetrics {

    /** {@code countAndOldest} is null when the database could not be read. */
    private record Snapshot(long takenAtNanos, Map<WaitingNotice.Fact, long[]> countAndOldest) {
    }

    /** One query serves every gauge of a scrape. */
    private static final long SNAPSHOT_NANOS = 1_000_000_000L;

    private final DataSource dataSource;
    private volatile Snapshot snapshot;

    public WaitingNoticeMetrics(DataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        for (WaitingNotice.Fact fact : WaitingNotice.Fact.values()) {
            String tag = fact.name().toLowerCase();
            Gauge.builder("qinqing.notification.waiting.notices", this, m -> m.read(fact, 0))
                    .description("Events waiting for a fact from another topic").tag("waits_for", tag).register(registry);
            Gauge.builder("qinqing.notification.waiting.oldest.seconds", this, m -> m.read(fact, 1))
                    .description("How long the oldest of them has waited").tag("waits_for", tag).register(registry);
        }
    }

    private double read(WaitingNotice.Fact fact, int figure) {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.takenAtNanos() > SNAPSHOT_NANOS) {
            s = new Snapshot(System.nanoTime(), query());
            snapshot = s;
        }
        if (s.countAndOldest() == null) {
            return Double.NaN;
        }
        long[] figures = s.countAndOldest().get(fact);
        return figures == null ? 0 : figures[figure];
    }

    private Map<WaitingNotice.Fact, long[]> query() {
        Map<WaitingNotice.Fact, long[]> result = new EnumMap<>(WaitingNotice.Fact.class);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT waits_for, count(*), coalesce(extract(epoch FROM now() - min(since)), 0)::bigint
                          FROM waiting_notice GROUP BY waits_for""")) {
            while (rows.next()) {
                result.put(WaitingNotice.Fact.valueOf(rows.getString(1)), new long[] { rows.getLong(2), rows.getLong(3) });
            }
        } catch (SQLException e) {
            // a scrape while the database is away shows NaN rather than failing the whole endpoint
            return null;
        }
        return result;
    }
}
