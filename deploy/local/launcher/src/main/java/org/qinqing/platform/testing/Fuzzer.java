package org.qinqing.platform.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.qinqing.platform.testing.BadInputs.Input;

/**
 * Sends {@link BadInputs} to a service's endpoint and checks each answer: never a 5xx, and no row stored unless
 * the input is valid ({@link Input#mayBeStored()}). Keeps the tally for the suite's one-line figure.
 */
public final class Fuzzer {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Set<String> endpoints = new TreeSet<>();
    private int tried;
    private int refused;
    private int storedValid;
    private int serverErrors;
    private int storedRefused;
    private final List<String> problems = new ArrayList<>();

    /** Sends every input as a POST to {@code baseUrl + path}; {@link #verify()} names every failure. */
    public void post(String baseUrl, String endpoint, String path, List<Input> inputs, LongSupplier rows) {
        endpoints.add(endpoint);
        for (Input input : inputs) {
            long rowsBefore = rows.getAsLong();
            int status;
            try {
                status = http.send(HttpRequest.newBuilder(URI.create(baseUrl.replaceFirst("/$", "") + path))
                        .timeout(Duration.ofSeconds(60)).header("Content-Type", input.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(input.body())).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = -1; // the server closed the connection on an oversize body: refused
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            long rowsAfter = rows.getAsLong();
            tried++;
            if (status >= 500) {
                serverErrors++;
                problems.add(endpoint + ": " + status + " for " + input);
            } else if (status >= 200 && status < 300 || rowsAfter != rowsBefore) {
                if (input.mayBeStored()) {
                    storedValid++;
                } else {
                    storedRefused++;
                    problems.add(endpoint + ": " + status + " and " + (rowsAfter - rowsBefore) + " rows for " + input);
                }
            } else {
                refused++;
            }
        }
    }

    /** Throws an AssertionError naming every input answered 5xx or stored though refused so far, then forgets them. */
    public void verify() {
        if (!problems.isEmpty()) {
            String all = problems.stream().collect(Collectors.joining("\n"));
            problems.clear();
            throw new AssertionError(all);
        }
    }

    public String figure(String service) {
        return String.format("bad input fuzzing, %s: %d inputs tried on %d endpoints %s; %d refused with a 4xx, "
                + "%d hostile-but-valid texts accepted, %d answered 5xx, %d accepted or stored though invalid",
                service, tried, endpoints.size(), endpoints, refused, storedValid, serverErrors, storedRefused);
    }

    /**
     * Rows of every table but the outbox (its relay deletes what it published), the consumers' record, Flyway's and
     * the request audit (which records refused writes on purpose).
     */
    public static long rows(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                    + "current_schema() AND table_type = 'BASE TABLE' AND table_name NOT IN ('outbox_event', 'processed_event', "
                    + "'flyway_schema_history', 'request_audit')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            try (ResultSet rs = statement.executeQuery(tables.stream().map(t -> "(SELECT count(*) FROM \"" + t + "\")")
                    .collect(Collectors.joining(" + ", "SELECT ", "")))) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
