package org.qinqing.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Serialises the work on one grievance within a service: a transaction-scoped PostgreSQL advisory lock keyed by
 * the grievance id. Events of one grievance arrive on several topics at once (and on several replicas); without
 * it two handlers would each miss the other's uncommitted facts.
 */
@ApplicationScoped
public class GrievanceLocks {

    private final DataSource dataSource;

    public GrievanceLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Waits for and holds the grievance's lock until the surrounding transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(UUID grievanceId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, grievanceId.toString());
            lock.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock grievance " + grievanceId, e);
        }
    }

    /**
     * Holds every one of these grievances' locks until the surrounding transaction ends, taken in the order of
     * their keys, so two transactions locking overlapping sets wait for each other instead of deadlocking.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockAll(Collection<UUID> grievanceIds) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock = connection.prepareStatement("""
                        SELECT pg_advisory_xact_lock(k) FROM (
                            SELECT DISTINCT hashtextextended(g, 0) AS k FROM unnest(?::text[]) AS g ORDER BY k) AS keys""")) {
            lock.setArray(1, connection.createArrayOf("text", grievanceIds.stream().map(UUID::toString).toArray()));
            lock.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock " + grievanceIds.size() + " grievances", e);
        }
    }
}
