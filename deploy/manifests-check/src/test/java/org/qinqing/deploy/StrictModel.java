package org.qinqing.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;

/**
 * Parses a manifest into the fabric8 Kubernetes model classes and refuses what the model does not know: the
 * classes keep unknown fields in {@code additionalProperties} instead of failing, so a misspelt or misplaced
 * field ({@code readinesProbe}, {@code replicas} under {@code template}) is found by walking the parsed tree.
 */
final class StrictModel {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StrictModel() {
    }

    static HasMetadata parse(ObjectNode manifest) {
        String kind = manifest.path("kind").asText();
        HasMetadata parsed = Serialization.unmarshal(manifest.toString());
        if (parsed instanceof GenericKubernetesResource generic) {
            if (!kind.equals("KafkaTopic") || !manifest.path("apiVersion").asText().equals("kafka.strimzi.io/v1beta2")) {
                throw new AssertionError("not a kind of the Kubernetes model: " + manifest.path("apiVersion").asText()
                        + " " + kind + " " + generic.getMetadata().getName());
            }
            rejectUnknown(generic.getMetadata(), kind + " " + generic.getMetadata().getName() + ".metadata");
            kafkaTopicSpec(manifest);
            return parsed;
        }
        rejectUnknown(parsed, kind + " " + parsed.getMetadata().getName());
        return parsed;
    }

    /** The fields of Strimzi's KafkaTopicSpec (v1beta2) that a topic plan may set. */
    record KafkaTopicSpec(String topicName, int partitions, int replicas, Map<String, Object> config) {
    }

    static KafkaTopicSpec kafkaTopicSpec(ObjectNode manifest) {
        try {
            return STRICT.treeToValue(manifest.get("spec"), KafkaTopicSpec.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("KafkaTopic " + manifest.path("metadata").path("name").asText() + ": " + e.getMessage());
        }
    }

    static void rejectUnknown(Object node, String path) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                rejectUnknown(item, path + "[" + i++ + "]");
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> rejectUnknown(value, path + "." + key));
            return;
        }
        if (!node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    throw new AssertionError(path + " has fields the Kubernetes model does not know: " + unknown.keySet());
                }
                continue;
            }
            String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            rejectUnknown(value, path + "." + name);
        }
    }
}
