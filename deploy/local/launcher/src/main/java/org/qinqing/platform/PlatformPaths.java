package org.qinqing.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository, the cache and the resolved servers are. */
public final class PlatformPaths {

    private PlatformPaths() {
    }

    /** The repository root: {@code -Dqinqing.root}, {@code QINQING_ROOT}, or the nearest folder holding deploy/kafka. */
    public static Path root() {
        String configured = System.getProperty("qinqing.root", System.getenv("QINQING_ROOT"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("deploy/kafka/topics.properties"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the repository root; set -Dqinqing.root");
    }

    public static Path cache() {
        String configured = System.getenv("QINQING_CACHE");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "qinqing");
    }

    /** The JDK this JVM runs on; the broker, Keycloak and the services run on it too (it is >= 21). */
    public static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    public static Path java() {
        return javaHome().resolve("bin/java");
    }

    /** A service's packaged jar ({@code <service>-service/target/*-runner.jar}, Quarkus' uber-jar). */
    public static Path serviceJar(String service) {
        Path target = root().resolve(service + "-service/target");
        if (Files.isDirectory(target)) {
            try (java.util.stream.Stream<Path> files = Files.list(target)) {
                java.util.Optional<Path> jar = files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst();
                if (jar.isPresent()) {
                    return jar.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException(service + "-service's jar is missing in " + target
                + ": build first (./mvnw -DskipTests package)");
    }

    static String resolvedServerFile(String name) {
        Path file = root().resolve("deploy/local/servers/target").resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build first (./mvnw -DskipTests package)");
        }
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a directory and everything in it; nothing when it does not exist. */
    static void deleteRecursively(Path directory) {
        if (!java.nio.file.Files.exists(directory)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(path);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not empty " + directory, e);
        }
    }
}
