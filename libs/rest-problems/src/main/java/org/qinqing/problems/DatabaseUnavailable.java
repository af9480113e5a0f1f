package org.qinqing.problems;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Whether a failure is the database being out of reach (down, restarting, the connection cut) rather than
 * anything about the event: SQLSTATE class 08 (connection exception) or 57P (operator intervention: the server
 * shutting down, crashed, or not yet accepting connections), anywhere among the exception's causes. A request
 * that meets it is answered 503 (try again shortly); a consumer waits and applies the event again.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    public static boolean is(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return search(failure, seen);
    }

    private static boolean search(Throwable failure, Set<Throwable> seen) {
        if (failure == null || !seen.add(failure)) {
            return false;
        }
        if (failure instanceof SQLException sql && unreachable(sql.getSQLState())) {
            return true;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (search(suppressed, seen)) {
                return true;
            }
        }
        return search(failure.getCause(), seen);
    }

    private static boolean unreachable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
    }
}
