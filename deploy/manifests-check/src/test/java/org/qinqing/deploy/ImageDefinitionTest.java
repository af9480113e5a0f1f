package org.qinqing.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The JVM image definition: non-root, the service's port, a health check, and the service's uber-jar. */
class ImageDefinitionTest {

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
    void entrypointRunsTheServicesJar() {
        String entrypoint = image.last("ENTRYPOINT").arguments();
        assertTrue(entrypoint.startsWith("["), "exec form, so the JVM gets the stop signal: " + entrypoint);
        assertTrue(entrypoint.contains("exec java ${JAVA_OPTS} -jar /deployments/app.jar"), entrypoint);
        assertTrue(image.all("ENV").stream().anyMatch(env -> env.arguments().contains("--add-opens java.base/java.lang=ALL-UNNAMED")),
                "JAVA_OPTS carries the opening jboss-threads needs on newer JDKs");
    }

    @Test
    void copiesTheOneJarTheServiceIsPackagedAs() throws IOException {
        List<ImageDefinition.Instruction> copies = image.all("COPY");
        assertEquals(1, copies.size(), "one COPY: the service's jar");
        String[] parts = copies.getFirst().arguments().replaceAll("--chown=\\S+", "").strip().split("\\s+");
        assertEquals(List.of("${SERVICE}/target/${SERVICE}-*-runner.jar", "/deployments/app.jar"), List.of(parts));
        // where a service has been packaged, that pattern names exactly one file: the uber-jar pom.xml asks for
        for (String service : Repository.SERVICES) {
            Path target = Repository.file(service + "/target");
            if (!Files.isDirectory(target)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(target)) {
                List<String> jars = entries.map(p -> p.getFileName().toString())
                        .filter(name -> name.startsWith(service + "-") && name.endsWith("-runner.jar")).toList();
                assertTrue(jars.size() <= 1, service + ": " + jars);
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
