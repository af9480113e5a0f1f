package org.qinqing.e2e.bench;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.Executors;

/**
 * The least a JVM service does per accepted submission, as a bound between the ceiling and intake: an HTTP POST
 * read whole, its body inserted as one row and committed, 201. No framework, no token, no validation; one database
 * connection per server thread. {@link PipelineBenchmark} starts it as its own JVM with the services' heap and
 * collector and loads it with the same client and body as intake.
 *
 * <p>Arguments: port, JDBC URL, user, password; the table {@code bench_row} (id, created_at, payload) exists.
 */
public final class BareSubmissions {

    private BareSubmissions() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String url = args[1];
        String user = args[2];
        String password = args[3];
        ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> {
            try {
                return DriverManager.getConnection(url, user, password);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.createContext("/submissions", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            try (PreparedStatement insert = connections.get().prepareStatement(
                    "INSERT INTO bench_row VALUES (gen_random_uuid(), now(), ?)")) {
                insert.setString(1, body);
                insert.executeUpdate();
                status = 201;
            } catch (SQLException | IllegalStateException e) {
                status = 503;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        System.out.println("bare submissions on port " + port);
    }
}
