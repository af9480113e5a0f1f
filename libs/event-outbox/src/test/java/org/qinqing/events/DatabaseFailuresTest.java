package org.qinqing.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which failures a consumer waits out (the database's) and which it dead-letters at once (the event's). */
class DatabaseFailuresTest {

    @Test
    void theDatabaseGoingAway_isRetried() {
        // as Hibernate and Narayana wrap what the driver threw
        assertTrue(DatabaseFailures.isTransient(wrapped(new SQLException("Connection to 127.0.0.1:5432 refused", "08001"))));
        assertTrue(DatabaseFailures.isTransient(wrapped(new SQLException("An I/O error occurred while sending to the backend", "08006"))));
        assertTrue(DatabaseFailures.isTransient(wrapped(new SQLException("terminating connection due to administrator command", "57P01"))));
        assertTrue(DatabaseFailures.isTransient(wrapped(new SQLException("the database system is starting up", "57P03"))));
        assertTrue(DatabaseFailures.isTransient(wrapped(new SQLException("deadlock detected", "40P01"))));
        assertTrue(DatabaseFailures.isTransient(wrapped(new ConnectException("Connection refused"))));
    }

    @Test
    void whatTheEventCaused_isNot() {
        assertFalse(DatabaseFailures.isTransient(wrapped(new SQLException("duplicate key value violates unique constraint", "23505"))));
        assertFalse(DatabaseFailures.isTransient(wrapped(new SQLException("value too long for type character varying(200)", "22001"))));
        assertFalse(DatabaseFailures.isTransient(new MalformedEventException("event x has no JSON object data with a grievanceId")));
        assertFalse(DatabaseFailures.isTransient(new IllegalArgumentException("Invalid UUID string: QQ-2026-000017")));
    }

    private static RuntimeException wrapped(Exception driver) {
        return new IllegalStateException("transaction failed", new RuntimeException("could not execute statement", driver));
    }
}
