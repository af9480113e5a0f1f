package org.qinqing.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of one platform's own (Debian's {@code pg_createcluster}), on a port of its own, for a test
 * that stops and starts the database under load: the machine's shared cluster on 5432 serves every other build and
 * test and must never be restarted. The same admin login as {@code deploy/local/postgres} sets up on the shared one
 * (a password login over 127.0.0.1, superuser); {@link #drop()} removes the cluster and its data.
 *
 * <p>The cluster's name and port are in {@code pg_lsclusters}; one left behind by a killed test run is removed with
 * {@code pg_dropcluster --stop <version> <name>}.
 *
 * <p>Creating, starting and stopping a cluster needs root (or sudo); the admin login is created as the
 * {@code postgres} user over the cluster's own socket, as {@code deploy/local/postgres} does.
 */
public final class PostgresCluster {

    private static final String ADMIN_USER = "qinqing_admin";
    private static final String ADMIN_PASSWORD = "qinqing_admin";

    private final String version;
    private final String name;
    private final int port;

    private PostgresCluster(String version, String name, int port) {
        this.version = version;
        this.name = name;
        this.port = port;
    }

    /**
     * Creates and starts a new cluster on a free port with the admin login. Debian's defaults are the shared
     * cluster's: it listens on localhost, and its pg_hba asks for a password (scram-sha-256) on 127.0.0.1.
     */
    public static PostgresCluster create(String name) {
        if (!name.matches("[a-z0-9_-]{1,40}")) {
            throw new IllegalArgumentException("not a cluster name: " + name);
        }
        PostgresCluster cluster = new PostgresCluster(newestVersion(), name, ChildProcess.freePort());
        // manual start: a cluster of a test never comes back on its own at the next boot
        run(asRoot("pg_createcluster", cluster.version, name, "-p", Integer.toString(cluster.port),
                "--start-conf=manual"));
        try {
            cluster.start();
            run(asPostgres("psql", "-q", "-v", "ON_ERROR_STOP=1", "-p", Integer.toString(cluster.port), "-c",
                    "CREATE ROLE " + ADMIN_USER + " LOGIN SUPERUSER PASSWORD '" + ADMIN_PASSWORD + "'"));
        } catch (RuntimeException e) {
            try {
                cluster.drop();
            } catch (RuntimeException dropping) {
                e.addSuppressed(dropping);
            }
            throw e;
        }
        return cluster;
    }

    private static String newestVersion() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(version -> Files.isExecutable(version.resolve("bin/postgres")))
                    .map(version -> version.getFileName().toString())
                    .max(Comparator.comparingInt(Integer::parseInt))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server under /usr/lib/postgresql"));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL (Debian's package) is not installed: run deploy/local/postgres", e);
        }
    }

    public String version() {
        return version;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The admin login of this cluster, as the launcher uses the shared one. */
    public Postgres postgres() {
        return new Postgres("127.0.0.1", port, ADMIN_USER, ADMIN_PASSWORD);
    }

    /** Starts the cluster and returns once it accepts connections. */
    public void start() {
        run(asRoot("pg_ctlcluster", version, name, "start"));
        awaitAcceptingConnections();
    }

    /**
     * Stops the cluster in fast mode: every session is ended and its open transaction rolled back, as when the
     * database server goes down under load.
     */
    public void stop() {
        run(asRoot("pg_ctlcluster", version, name, "stop", "-m", "fast"));
    }

    /** Stops the cluster (fast mode) and starts it again. */
    public void restart() {
        run(asRoot("pg_ctlcluster", version, name, "restart", "-m", "fast"));
        awaitAcceptingConnections();
    }

    private void awaitAcceptingConnections() {
        run(List.of("pg_isready", "-q", "-h", "127.0.0.1", "-p", Integer.toString(port), "-t", "30"));
    }

    /** Stops the cluster if it runs and removes it with its data. */
    public void drop() {
        run(asRoot("pg_dropcluster", "--stop", version, name));
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asRoot(String... command) {
        List<String> full = new ArrayList<>();
        if (!root()) {
            full.add("sudo");
        }
        full.addAll(List.of(command));
        return full;
    }

    private static List<String> asPostgres(String... command) {
        List<String> full = new ArrayList<>(root() ? List.of("runuser", "-u", "postgres", "--") : List.of("sudo", "-u", "postgres"));
        full.addAll(List.of(command));
        return full;
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + new String(output, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
