package org.qinqing.events;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * Tells a failure of the database (worth retrying the same work) from a failure of the work itself, by the
 * SQLSTATE classes PostgreSQL documents: 08 connection exception, 57P operator intervention (shutdown, restart),
 * 53 insufficient resources, 40001 serialization failure and 40P01 deadlock detected.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof SQLTransientException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                        || state.equals("40001") || state.equals("40P01")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** The innermost message, for a log line. */
    public static String describe(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        return innermost.getClass().getSimpleName() + ": " + innermost.getMessage();
    }
}
