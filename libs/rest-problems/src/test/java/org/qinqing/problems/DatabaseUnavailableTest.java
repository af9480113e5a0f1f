package org.qinqing.problems;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The failures seen while PostgreSQL was stopped under load (PostgresRestartIT), and ones that are about the event. */
class DatabaseUnavailableTest {

    @Test
    void connectionRefusedOrCut_deepInTheCauses_isTheDatabaseOutOfReach() {
        assertTrue(DatabaseUnavailable.is(new IllegalStateException("could not lock grievance",
                new SQLException("Connection to 127.0.0.1:33833 refused", "08001"))));
        assertTrue(DatabaseUnavailable.is(new IllegalStateException("could not record event",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"))));
        assertTrue(DatabaseUnavailable.is(new RuntimeException(new RuntimeException(
                new SQLException("This connection has been closed.", "08003")))));
    }

    @Test
    void serverShuttingDownOrStarting_isTheDatabaseOutOfReach() {
        assertTrue(DatabaseUnavailable.is(new RuntimeException(
                new SQLException("terminating connection due to administrator command", "57P01"))));
        assertTrue(DatabaseUnavailable.is(new RuntimeException(
                new SQLException("the database system is starting up", "57P03"))));
    }

    @Test
    void aFailedCommitWithTheCauseSuppressed_isTheDatabaseOutOfReach() {
        RuntimeException rolledBack = new RuntimeException("ARJUNA016053: Could not commit transaction.");
        rolledBack.addSuppressed(new RuntimeException(new SQLException("This connection has been closed.", "08003")));
        assertTrue(DatabaseUnavailable.is(new RuntimeException(rolledBack)));
    }

    @Test
    void constraintViolationsBadDataAndPoison_areNot() {
        assertFalse(DatabaseUnavailable.is(new RuntimeException(
                new SQLException("duplicate key value violates unique constraint", "23505"))));
        assertFalse(DatabaseUnavailable.is(new RuntimeException(new SQLException("invalid input syntax", "22P02"))));
        assertFalse(DatabaseUnavailable.is(new IllegalArgumentException("Invalid UUID string: QQ-2026-000017")));
        assertFalse(DatabaseUnavailable.is(new SQLException("no state")));
    }

    @Test
    void aCauseThatRefersBackToItself_endsTheSearch() {
        RuntimeException outer = new RuntimeException("outer");
        RuntimeException inner = new RuntimeException("inner", outer);
        outer.addSuppressed(inner);
        assertFalse(DatabaseUnavailable.is(outer));
    }
}
