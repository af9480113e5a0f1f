package org.qinqing.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The {@code request_audit} table (db/request-audit), written and read over plain JDBC. */
@ApplicationScoped
public class RequestAuditLog {

    /** What an admin asks for; every field but paging may be null. {@code to} is exclusive. */
    public record Query(Instant from, Instant to, String user, String pathPrefix, int page, int size) {
    }

    public record Page(List<AuditEntry> entries, long total) {
    }

    private final AgroalDataSource dataSource;

    public RequestAuditLog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** In a transaction of its own: the request's own transaction has ended, or must not carry this row. */
    public void record(AuditEntry entry) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = connection.prepareStatement("""
                            INSERT INTO request_audit (at, user_name, subject, roles, method, path, status, remote_address)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setTimestamp(1, Timestamp.from(entry.at()));
                insert.setString(2, entry.userName());
                insert.setString(3, entry.subject());
                insert.setString(4, String.join(",", entry.roles()));
                insert.setString(5, entry.method());
                insert.setString(6, entry.path());
                insert.setInt(7, entry.status());
                insert.setString(8, entry.remoteAddress());
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("could not write the audit row", e);
            }
        });
    }

    /** Newest first. */
    public Page find(Query query) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> parameters = new ArrayList<>();
        if (query.from() != null) {
            where.append(" AND at >= ?");
            parameters.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND at < ?");
            parameters.add(Timestamp.from(query.to()));
        }
        if (query.user() != null) {
            where.append(" AND (user_name = ? OR subject = ?)");
            parameters.add(query.user());
            parameters.add(query.user());
        }
        if (query.pathPrefix() != null) {
            where.append(" AND path LIKE ? ESCAPE '\\'");
            parameters.add(query.pathPrefix().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        try (Connection connection = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = prepare(connection, "SELECT count(*) FROM request_audit" + where, parameters);
                    ResultSet rows = count.executeQuery()) {
                rows.next();
                total = rows.getLong(1);
            }
            List<Object> paged = new ArrayList<>(parameters);
            paged.add(query.size());
            paged.add((long) query.page() * query.size());
            List<AuditEntry> entries = new ArrayList<>();
            try (PreparedStatement select = prepare(connection, """
                    SELECT id, at, user_name, subject, roles, method, path, status, remote_address
                    FROM request_audit""" + where + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?", paged);
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String roles = rows.getString("roles");
                    entries.add(new AuditEntry(rows.getLong("id"), rows.getTimestamp("at").toInstant(),
                            rows.getString("user_name"), rows.getString("subject"),
                            roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")),
                            rows.getString("method"), rows.getString("path"), rows.getInt("status"),
                            rows.getString("remote_address")));
                }
            }
            return new Page(entries, total);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit log", e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
        return statement;
    }
}
