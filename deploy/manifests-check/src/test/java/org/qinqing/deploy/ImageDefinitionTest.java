package org.qinqing.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The JVM image definition: non-root, the service's port, a health check, and the quarkus-app layout. */
class ImageDefinitionTest {

    /** What {@code quarkus-maven-plugin} writes into target/quarkus-app (the fast-jar layout). */
    static final Set<String> FAST_JAR_LAYOUT = Set.of("lib/", "app/", "quarkus/", "quarkus-run.jar");

    private final ImageDefinition image = ImageDefinition.read();

    @Test
    void runsAsANonRootUser() {
        int userIndex = image.instructions().indexOf(image.last("USER"));
        int entrypointIndex = image.instructions().indexOf(image.last("ENTRYPOINT"));
        assertTrue(userIndex < entrypointIndex, "USER comes before the ENTRYPOINT");
        String user = image.last("USER").arguments().split(":")[0];
        assertFalse(user.equals("root") || user.equals("0"), "the service does not run as root: USER " + user);
        assertTrue(image.all("RUN").stream().anyMatch(run -> run.arguments().contains("--uid " + user)),
                "the image creates user " + user);
    }

    @Test
    void exposesThePortItIsBuiltFor() {
        assertEquals(Set.of("SERVICE", "PORT"), image.buildArguments());
        assertEquals("${PORT}", image.last("EXPOSE").arguments());
    }

    @Test
    void healthCheckAsksTheLivenessEndpointOnThatPort() {
        String check = image.last("HEALTHCHECK").arguments();
        assertTrue(check.contains("/q/health/live"), check);
        assertTrue(check.contains("${HEALTH_PORT}"), check);
        assertTrue(image.all("ENV").stream().anyMatch(env -> env.arguments().contains("HEALTH_PORT=${PORT}")),
                "HEALTH_PORT is the build's PORT");
    }

    @Test
    void entrypointRunsTheFastJar() {
        String entrypoint = image.last("ENTRYPOINT").arguments();
        assertTrue(entrypoint.startsWith("["), "exec form, so the JVM gets the stop signal: " + entrypoint);
        assertTrue(entrypoint.contains("exec java ${JAVA_OPTS} -jar /deployments/quarkus-run.jar"), entrypoint);
        assertTrue(image.all("ENV").stream().anyMatch(env -> env.arguments().contains("--add-opens java.base/java.lang=ALL-UNNAMED")),
                "JAVA_OPTS carries the opening jboss-threads needs on newer JDKs");
    }

    @Test
    void copiesTheWholeQuarkusAppLayoutOfTheService() throws IOException {
        Set<String> copied = new TreeSet<>();
        for (ImageDefinition.Instruction copy : image.all("COPY")) {
            String[] parts = copy.arguments().replaceAll("--chown=\\S+", "").strip().split("\\s+");
            assertEquals(2, parts.length, "COPY <source> <target>: " + copy.arguments());
            String prefix = "${SERVICE}/target/quarkus-app/";
            assertTrue(parts[0].startsWith(prefix), "COPY from the service's quarkus-app: " + parts[0]);
            String part = parts[0].substring(prefix.length());
            copied.add(part.equals("*.jar") ? "quarkus-run.jar" : part);
            assertTrue(parts[1].startsWith("/deployments/"), parts[1]);
        }
        assertEquals(new TreeSet<>(FAST_JAR_LAYOUT), copied, "the four parts of the fast-jar layout");
        // where a service has been packaged, its layout is exactly that (nothing left behind)
        for (String service : Repository.SERVICES) {
            Path app = Repository.file(service + "/target/quarkus-app");
            if (!Files.isDirectory(app)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(app)) {
                Set<String> built = new TreeSet<>();
                entries.filter(p -> !p.getFileName().toString().endsWith(".txt"))
                        .forEach(p -> built.add(p.getFileName() + (Files.isDirectory(p) ? "/" : "")));
                assertEquals(new TreeSet<>(FAST_JAR_LAYOUT), built, service + "'s built quarkus-app");
            }
        }
    }

    @Test
    void baseImageIsAJava21RuntimeNamedWithoutARegistryHost() {
        String from = image.last("FROM").arguments();
        assertTrue(from.matches("eclipse-temurin:21-jre\\S*"), from);
        assertFalse(List.of(from.split("/")[0]).stream().anyMatch(host -> host.contains(".")), from);
    }
}
