package org.qinqing.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
}
