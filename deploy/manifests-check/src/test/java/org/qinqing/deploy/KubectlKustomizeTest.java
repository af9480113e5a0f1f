package org.qinqing.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where kubectl is installed, its Kustomize renders every overlay exactly as {@link Kustomize} does, so the
 * checks of {@link KubernetesManifestsTest} hold for what a cluster really receives.
 */
class KubectlKustomizeTest {

    static java.util.stream.Stream<String> overlays() throws IOException {
        return KubernetesManifestsTest.overlays();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void kubectlRendersWhatManifestsCheckChecks(String overlay) throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not installed; the offline renderer alone is checked");
        Path dir = Repository.file("deploy/k8s/overlays/" + overlay);
        Path out = Files.createTempFile("kustomize-" + overlay, ".yaml");
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assumeTrue(kubectl.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, kubectl.exitValue(), "kubectl kustomize " + dir);
        assertEquals(byIdentity(Kustomize.readAll(out)), byIdentity(Kustomize.render(dir)));
        Files.delete(out);
    }

    private static Map<String, JsonNode> byIdentity(java.util.List<ObjectNode> resources) {
        Map<String, JsonNode> map = new TreeMap<>();
        resources.forEach(r -> map.put(r.path("kind").asText() + "/" + r.path("metadata").path("name").asText(), r));
        return map;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
