package org.qinqing.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A service's JDK AOT cache (JEP 483/514/515: its classes loaded and linked, method profiles) beside its jar. A JVM
 * started with {@code -XX:AOTCacheOutput} records what the service loads and writes the cache when it stops
 * gracefully (SIGTERM; the writing takes ~20 s of CPU); later starts map it instead of loading and linking every class
 * again (intake: ~4 s to ~1.5 s). A cache older than its jar is stale; the JVM checks the jar too and runs without a
 * cache it cannot use. The options exist from JDK 25 on; on an older JDK a service runs without.
 */
public record StartupCache(Path jar, Path file) {

    public static StartupCache of(String service) {
        Path jar = PlatformPaths.serviceJar(service);
        return new StartupCache(jar, jar.resolveSibling(service + "-service.aot"));
    }

    public static boolean supported() {
        return Runtime.version().feature() >= 25;
    }

    /**
     * A cache newer than its jar and recorded with these JVM options: the JVM rejects one recorded under another
     * object layout or collector (it would start without it and the harness would report it as used).
     */
    public boolean usable(List<String> jvmOptions) {
        try {
            return supported() && Files.isRegularFile(file)
                    && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(jar)) > 0
                    && Files.readString(optionsFile()).equals(recordedAs(jvmOptions));
        } catch (IOException e) {
            return false;
        }
    }

    private Path optionsFile() {
        return file.resolveSibling(file.getFileName() + ".options");
    }

    private static String recordedAs(List<String> jvmOptions) {
        return String.join(" ", jvmOptions);
    }

    /**
     * For a JVM started with {@code jvmOptions}: use the cache when it is usable; otherwise record one if asked to,
     * noting the options it is recorded with.
     */
    public List<String> jvmOptions(boolean record, List<String> jvmOptions) {
        if (usable(jvmOptions)) {
            return List.of("-XX:AOTCache=" + file);
        }
        if (!record || !supported()) {
            return List.of();
        }
        try {
            Files.deleteIfExists(file);
            Files.writeString(optionsFile(), recordedAs(jvmOptions));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace the stale " + file, e);
        }
        return List.of("-XX:AOTCacheOutput=" + file);
    }
}
