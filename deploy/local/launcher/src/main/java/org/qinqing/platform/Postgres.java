package org.qinqing.platform;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL server (Debian's package): {@code deploy/local/postgres} installs and starts it when missing;
 * an administrative login creates one database and one login per service, or throw-away ones for tests.
 */
public final class Postgres {

    private final String host;
    private final int port;
    private final String adminUser;
    private final String adminPassword;

    public Postgres(String host, int port, String adminUser, String adminPassword) {
        this.host = host;
        this.port = port;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    /** QINQING_PG_HOST, QINQING_PG_PORT, QINQING_PG_ADMIN_USER, QINQING_PG_ADMIN_PASSWORD, as deploy/local/postgres sets them up. */
    public static Postgres fromEnvironment() {
        return new Postgres(env("QINQING_PG_HOST", "127.0.0.1"), Integer.parseInt(env("QINQING_PG_PORT", "5432")),
                env("QINQING_PG_ADMIN_USER", "qinqing_admin"), env("QINQING_PG_ADMIN_PASSWORD", "qinqing_admin"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Connects as the admin login; on a local host, runs deploy/local/postgres first when that fails. */
    public Postgres ensureRunning() {
        try (Connection ignored = admin()) {
            return this;
        } catch (SQLException first) {
            if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
                throw new IllegalStateException("cannot reach PostgreSQL at " + host + ":" + port, first);
            }
        }
        runSetupScript();
        try (Connection ignored = admin()) {
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL still unreachable at " + host + ":" + port
                    + " after deploy/local/postgres", e);
        }
    }

    private static void runSetupScript() {
        String script = PlatformPaths.root().resolve("deploy/local/postgres").toString();
        try {
            Process setup = new ProcessBuilder("bash", script).inheritIO().start();
            if (!setup.waitFor(15, TimeUnit.MINUTES) || setup.exitValue() != 0) {
                throw new IllegalStateException(script + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("postgres"), adminUser, adminPassword);
    }

    /** Creates the login and its database when missing; idempotent. Names are our own, never user input. */
    public void ensureDatabase(String database, String login, String password) {
        requireIdentifier(database);
        requireIdentifier(login);
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", login)) {
                statement.execute("CREATE ROLE " + login + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                statement.execute("CREATE DATABASE " + database + " OWNER " + login + " ENCODING 'UTF8' TEMPLATE template0");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    public void dropDatabase(String database, String login) {
        requireIdentifier(database);
        requireIdentifier(login);
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("DROP ROLE IF EXISTS " + login);
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop database " + database, e);
        }
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            return query.executeQuery().next();
        }
    }

    private static void requireIdentifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain identifier: " + name);
        }
    }
}
