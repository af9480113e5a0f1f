package org.qinqing.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay of deploy/k8s, rendered, parsed strictly into the Kubernetes model, and its references checked. */
class KubernetesManifestsTest {

    static Stream<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(Repository.file("deploy/k8s/overlays"))) {
            return dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** One rendered overlay, parsed. */
    record Rendered(String overlay, List<ObjectNode> raw, List<HasMetadata> objects) {

        static Rendered of(String overlay) {
            List<ObjectNode> raw = Kustomize.render(Repository.file("deploy/k8s/overlays/" + overlay));
            List<HasMetadata> objects = raw.stream().map(StrictModel::parse).toList();
            return new Rendered(overlay, raw, objects);
        }

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T named(Class<T> type, String name) {
            return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElse(null);
        }
    }

    @Test
    void theOverlaysAreProductionAndTrial() throws IOException {
        assertEquals(List.of("production", "trial"), overlays().toList());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceHasItsDeploymentServicePdbAndAutoscaler(String overlay) {
        Rendered r = Rendered.of(overlay);
        for (String service : Repository.SERVICES) {
            assertNotNull(r.named(Deployment.class, service), overlay + ": Deployment " + service);
            assertNotNull(r.named(Service.class, service), overlay + ": Service " + service);
            assertNotNull(r.named(PodDisruptionBudget.class, service), overlay + ": PodDisruptionBudget " + service);
            assertNotNull(r.named(HorizontalPodAutoscaler.class, service), overlay + ": HorizontalPodAutoscaler " + service);
        }
        assertEquals(Repository.SERVICES.size(), r.all(Deployment.class).size(), overlay + ": no other Deployments");
        Set<String> identities = new HashSet<>();
        for (HasMetadata object : r.objects()) {
            assertTrue(identities.add(object.getKind() + "/" + object.getMetadata().getName()),
                    overlay + ": " + object.getKind() + " " + object.getMetadata().getName() + " twice");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void deploymentsRunTheServiceImageOnItsPortWithProbesAndResources(String overlay) {
        Rendered r = Rendered.of(overlay);
        for (Deployment deployment : r.all(Deployment.class)) {
            String service = deployment.getMetadata().getName();
            var template = deployment.getSpec().getTemplate();
            assertEquals(deployment.getSpec().getSelector().getMatchLabels(),
                    subset(template.getMetadata().getLabels(), deployment.getSpec().getSelector().getMatchLabels()),
                    overlay + ": " + service + " selector must match its pod labels");
            assertTrue(Boolean.TRUE.equals(template.getSpec().getSecurityContext().getRunAsNonRoot()),
                    service + " runs as non-root");
            assertEquals(1, template.getSpec().getContainers().size(), service + " has one container");
            Container container = template.getSpec().getContainers().get(0);
            String image = container.getImage();
            assertTrue(image.startsWith("qinqing/" + service + ":"), service + " runs its own image, not " + image);
            ContainerPort http = container.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(service + " names no port http"));
            assertEquals(Repository.httpPort(service), http.getContainerPort(),
                    service + " container port must be the service's quarkus.http.port");
            assertProbe(container.getLivenessProbe(), "/q/health/live", container, service + " liveness");
            assertProbe(container.getReadinessProbe(), "/q/health/ready", container, service + " readiness");
            if (container.getStartupProbe() != null) {
                assertProbe(container.getStartupProbe(), "/q/health/started", container, service + " startup");
            }
            var resources = container.getResources();
            for (String resource : List.of("cpu", "memory")) {
                Quantity request = resources.getRequests().get(resource);
                Quantity limit = resources.getLimits().get(resource);
                assertNotNull(request, service + " requests " + resource);
                assertNotNull(limit, service + " limits " + resource);
                assertTrue(request.getNumericalAmount().compareTo(limit.getNumericalAmount()) <= 0,
                        service + " " + resource + " request within limit");
            }
        }
    }

    private static Map<String, String> subset(Map<String, String> labels, Map<String, String> keys) {
        Map<String, String> subset = new HashMap<>();
        keys.keySet().forEach(key -> {
            if (labels.containsKey(key)) {
                subset.put(key, labels.get(key));
            }
        });
        return subset;
    }

    private static void assertProbe(Probe probe, String path, Container container, String what) {
        assertNotNull(probe, what + " probe");
        assertNotNull(probe.getHttpGet(), what + " probe is an HTTP GET");
        assertEquals(path, probe.getHttpGet().getPath(), what + " probe path");
        assertPortOf(container, probe.getHttpGet().getPort(), what + " probe port");
    }

    private static void assertPortOf(Container container, IntOrString port, String what) {
        boolean found = container.getPorts().stream().anyMatch(p -> port.getIntVal() != null
                ? port.getIntVal().equals(p.getContainerPort()) : port.getStrVal().equals(p.getName()));
        assertTrue(found, what + " " + (port.getIntVal() != null ? port.getIntVal() : port.getStrVal())
                + " is not a port of container " + container.getName());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void servicesSelectTheirPodsAndTargetTheContainerPort(String overlay) {
        Rendered r = Rendered.of(overlay);
        for (Service service : r.all(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            List<Deployment> selected = r.all(Deployment.class).stream().filter(d -> d.getSpec().getTemplate().getMetadata()
                    .getLabels().entrySet().containsAll(selector.entrySet())).toList();
            assertEquals(1, selected.size(), overlay + ": Service " + service.getMetadata().getName()
                    + " must select exactly one Deployment's pods, selects " + selected.size());
            Container container = selected.get(0).getSpec().getTemplate().getSpec().getContainers().get(0);
            for (ServicePort port : service.getSpec().getPorts()) {
                assertPortOf(container, port.getTargetPort(), "Service " + service.getMetadata().getName() + " targetPort");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void disruptionBudgetsAndAutoscalersTargetDeploymentsAndLeaveRoom(String overlay) {
        Rendered r = Rendered.of(overlay);
        Map<String, Integer> partitions = new HashMap<>();
        Repository.topicPlan().values().forEach(t -> partitions.put(t.name(), t.partitions()));
        for (PodDisruptionBudget pdb : r.all(PodDisruptionBudget.class)) {
            Map<String, String> selector = pdb.getSpec().getSelector().getMatchLabels();
            List<Deployment> selected = r.all(Deployment.class).stream().filter(d -> d.getSpec().getTemplate().getMetadata()
                    .getLabels().entrySet().containsAll(selector.entrySet())).toList();
            assertEquals(1, selected.size(), overlay + ": PDB " + pdb.getMetadata().getName() + " selects one Deployment");
            HorizontalPodAutoscaler hpa = r.named(HorizontalPodAutoscaler.class, selected.get(0).getMetadata().getName());
            int minAvailable = pdb.getSpec().getMinAvailable().getIntVal();
            assertTrue(minAvailable < hpa.getSpec().getMinReplicas(), overlay + ": PDB " + pdb.getMetadata().getName()
                    + " must let a node drain evict one pod (minAvailable < the autoscaler's minReplicas)");
            assertTrue(minAvailable < selected.get(0).getSpec().getReplicas(), overlay + ": PDB below replicas");
        }
        for (HorizontalPodAutoscaler hpa : r.all(HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getScaleTargetRef();
            assertEquals("Deployment", target.getKind());
            assertEquals("apps/v1", target.getApiVersion());
            Deployment deployment = r.named(Deployment.class, target.getName());
            assertNotNull(deployment, overlay + ": HPA " + hpa.getMetadata().getName() + " targets a missing Deployment");
            int fewestPartitions = Repository.consumedTopics(target.getName()).stream()
                    .mapToInt(topic -> {
                        assertTrue(partitions.containsKey(topic), target.getName() + " consumes " + topic + ", not in the plan");
                        return partitions.get(topic);
                    }).min().orElseThrow();
            assertTrue(hpa.getSpec().getMaxReplicas() <= fewestPartitions, overlay + ": " + target.getName()
                    + " may scale to " + hpa.getSpec().getMaxReplicas() + " replicas, but its topics have only "
                    + fewestPartitions + " partitions: the extra consumers would idle");
            assertTrue(hpa.getSpec().getMinReplicas() >= 2, target.getName() + " keeps two replicas at least");
            assertTrue(hpa.getSpec().getMinReplicas() <= hpa.getSpec().getMaxReplicas());
            assertTrue(deployment.getSpec().getReplicas() >= hpa.getSpec().getMinReplicas(),
                    overlay + ": " + target.getName() + " starts with at least the autoscaler's minimum");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void configurationComesFromExistingConfigMapsAndSecretsAndIsReadByTheService(String overlay) {
        Rendered r = Rendered.of(overlay);
        Set<String> declaredSecrets = new HashSet<>();
        Kustomize.render(Repository.file("deploy/k8s/components/placeholder-secrets")).forEach(secret ->
                declaredSecrets.add(secret.path("metadata").path("name").asText()));
        Set<String> entrypointVariables = ImageDefinition.read().environmentVariablesOfEntrypoint();
        for (Deployment deployment : r.all(Deployment.class)) {
            String service = deployment.getMetadata().getName();
            Set<String> read = Repository.environmentVariablesRead(service);
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            List<String> provided = new ArrayList<>();
            for (EnvFromSource source : container.getEnvFrom()) {
                if (source.getConfigMapRef() != null) {
                    ConfigMap map = r.named(ConfigMap.class, source.getConfigMapRef().getName());
                    assertNotNull(map, overlay + ": " + service + " reads ConfigMap " + source.getConfigMapRef().getName()
                            + ", which is not declared");
                    provided.addAll(map.getData().keySet());
                } else {
                    String name = source.getSecretRef().getName();
                    Secret secret = r.named(Secret.class, name);
                    assertTrue(secret != null || declaredSecrets.contains(name), overlay + ": " + service
                            + " reads Secret " + name + ", declared neither here nor in components/placeholder-secrets");
                    ObjectNode declared = Kustomize.find(Kustomize.render(
                            Repository.file("deploy/k8s/components/placeholder-secrets")), "Secret", name).orElseThrow(
                                    () -> new AssertionError("Secret " + name + " is missing from components/placeholder-secrets"));
                    declared.path("stringData").fieldNames().forEachRemaining(provided::add);
                }
            }
            for (EnvVar variable : container.getEnv()) {
                assertTrue(entrypointVariables.contains(variable.getName()), service + " sets " + variable.getName()
                        + ", which the image's entrypoint does not use");
            }
            assertFalse(provided.isEmpty());
            for (String variable : provided) {
                assertTrue(read.contains(variable), overlay + ": " + service + " is given " + variable
                        + ", which its application.properties does not read (it reads " + read + ")");
            }
            for (String needed : List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                    "QUARKUS_DATASOURCE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_OIDC_AUTH_SERVER_URL")) {
                assertTrue(provided.contains(needed), overlay + ": " + service + " is not given " + needed);
            }
            for (String required : Repository.environmentVariablesRequired(service)) {
                assertTrue(provided.contains(required), overlay + ": " + service + " cannot start without " + required
                        + ", which no ConfigMap or Secret gives it");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void kafkaTopicsAreTheTopicPlan(String overlay) {
        Rendered r = Rendered.of(overlay);
        Map<String, Repository.PlannedTopic> plan = Repository.topicPlan();
        Set<String> declared = new LinkedHashSet<>();
        for (ObjectNode raw : r.raw()) {
            if (!raw.path("kind").asText().equals("KafkaTopic")) {
                continue;
            }
            StrictModel.KafkaTopicSpec spec = StrictModel.kafkaTopicSpec(raw);
            Repository.PlannedTopic planned = plan.get(spec.topicName());
            assertNotNull(planned, overlay + ": KafkaTopic " + spec.topicName() + " is not in deploy/kafka/topics.properties");
            assertTrue(declared.add(spec.topicName()), spec.topicName() + " declared twice");
            assertEquals(planned.partitions(), spec.partitions(), spec.topicName() + " partitions");
            assertEquals(Long.toString(planned.retentionMs()), String.valueOf(spec.config().get("retention.ms")),
                    spec.topicName() + " retention.ms");
            assertTrue(spec.replicas() >= 3, spec.topicName() + " is replicated three times");
            assertEquals("2", String.valueOf(spec.config().get("min.insync.replicas")), spec.topicName()
                    + " needs two in-sync replicas, as the producers' acks=all expects");
            assertEquals("qinqing-kafka", raw.path("metadata").path("labels").path("strimzi.io/cluster").asText());
        }
        assertEquals(plan.keySet(), declared, overlay + ": every planned topic has its KafkaTopic");
    }

    @Test
    void everyConsumedTopicAndDeadLetterTopicIsPlanned() {
        Map<String, Repository.PlannedTopic> plan = Repository.topicPlan();
        for (String service : Repository.SERVICES) {
            for (String topic : Repository.consumedTopics(service)) {
                assertTrue(plan.containsKey(topic), service + " consumes " + topic + ", which is not planned");
            }
            var properties = Repository.applicationProperties(service);
            for (String key : properties.stringPropertyNames()) {
                if (key.endsWith("dead-letter-queue.topic") || key.startsWith("mp.messaging.outgoing.") && key.endsWith(".topic")) {
                    assertTrue(plan.containsKey(properties.getProperty(key)), service + " writes to "
                            + properties.getProperty(key) + ", which is not planned");
                }
            }
        }
        if (plan.isEmpty()) {
            fail("empty topic plan");
        }
    }
}
