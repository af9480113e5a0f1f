package org.qinqing.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization offline, for the subset of Kustomize this repository uses (resources, components,
 * strategic-merge patches by kind and name, namespace, image tags, labels). A key outside that subset fails
 * the build instead of being ignored; {@code KubectlKustomizeTest} compares the result with the real Kustomize
 * wherever kubectl is installed.
 */
final class Kustomize {

    static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> KNOWN_KEYS = Set.of("apiVersion", "kind", "namespace", "resources",
            "components", "images", "patches", "labels");

    private Kustomize() {
    }

    static List<ObjectNode> render(Path dir) {
        JsonNode kustomization = readSingle(dir.resolve("kustomization.yaml"));
        for (Iterator<String> keys = kustomization.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!KNOWN_KEYS.contains(key)) {
                throw new AssertionError(dir + "/kustomization.yaml uses '" + key + "', which manifests-check cannot render");
            }
        }
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = dir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(render(path));
            } else {
                resources.addAll(readAll(path));
            }
        }
        for (JsonNode entry : kustomization.path("components")) {
            Path component = dir.resolve(entry.asText()).normalize();
            String kind = readSingle(component.resolve("kustomization.yaml")).path("kind").asText();
            if (!kind.equals("Component")) {
                throw new AssertionError(component + " is listed as a component but is a " + kind);
            }
            resources.addAll(render(component));
        }
        for (JsonNode patch : kustomization.path("patches")) {
            if (!patch.has("path") || patch.size() != 1) {
                throw new AssertionError(dir + ": only patches given by path are supported: " + patch);
            }
            for (ObjectNode change : readAll(dir.resolve(patch.get("path").asText()))) {
                ObjectNode target = find(resources, change.path("kind").asText(), change.path("metadata").path("name").asText())
                        .orElseThrow(() -> new AssertionError(dir + ": patch " + patch.get("path").asText() + " targets "
                                + change.path("kind").asText() + " " + change.path("metadata").path("name").asText()
                                + ", which the kustomization does not contain"));
                merge(target, change);
            }
        }
        for (JsonNode image : kustomization.path("images")) {
            int used = 0;
            for (ObjectNode resource : resources) {
                for (JsonNode container : resource.path("spec").path("template").path("spec").path("containers")) {
                    String current = container.path("image").asText();
                    if (current.substring(0, current.lastIndexOf(':')).equals(image.get("name").asText())) {
                        ((ObjectNode) container).put("image", image.get("name").asText() + ":" + image.get("newTag").asText());
                        used++;
                    }
                }
            }
            if (used == 0) {
                throw new AssertionError(dir + ": image " + image.get("name") + " is used by no container");
            }
        }
        for (JsonNode labels : kustomization.path("labels")) {
            for (ObjectNode resource : resources) {
                ObjectNode metadata = (ObjectNode) resource.get("metadata");
                ObjectNode existing = metadata.has("labels") ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels");
                labels.get("pairs").fields().forEachRemaining(pair -> existing.set(pair.getKey(), pair.getValue()));
            }
        }
        if (kustomization.has("namespace")) {
            resources.forEach(resource -> ((ObjectNode) resource.get("metadata")).put("namespace",
                    kustomization.get("namespace").asText()));
        }
        return resources;
    }

    static java.util.Optional<ObjectNode> find(List<ObjectNode> resources, String kind, String name) {
        return resources.stream()
                .filter(r -> r.path("kind").asText().equals(kind) && r.path("metadata").path("name").asText().equals(name))
                .findFirst();
    }

    /** Strategic merge as Kubernetes does it for these kinds: maps merge, lists of named items merge by name. */
    static void merge(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) patch::fields) {
            JsonNode current = target.get(field.getKey());
            JsonNode change = field.getValue();
            if (current instanceof ObjectNode currentObject && change instanceof ObjectNode changeObject) {
                merge(currentObject, changeObject);
            } else if (current instanceof ArrayNode currentList && change instanceof ArrayNode changeList
                    && namedItems(currentList) && namedItems(changeList)) {
                for (JsonNode item : changeList) {
                    ObjectNode match = null;
                    for (JsonNode existing : currentList) {
                        if (existing.get("name").equals(item.get("name"))) {
                            match = (ObjectNode) existing;
                        }
                    }
                    if (match == null) {
                        currentList.add(item.deepCopy());
                    } else {
                        merge(match, (ObjectNode) item);
                    }
                }
            } else {
                target.set(field.getKey(), change.deepCopy());
            }
        }
    }

    private static boolean namedItems(ArrayNode list) {
        for (JsonNode item : list) {
            if (!item.isObject() || !item.has("name")) {
                return false;
            }
        }
        return true;
    }

    static List<ObjectNode> readAll(Path file) {
        List<ObjectNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            var values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNextValue()) {
                JsonNode doc = values.nextValue();
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                if (!doc.isObject()) {
                    throw new AssertionError(file + " holds a document that is not a mapping: " + doc);
                }
                docs.add((ObjectNode) doc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
        return docs;
    }

    static JsonNode readSingle(Path file) {
        List<ObjectNode> docs = readAll(file);
        if (docs.size() != 1) {
            throw new AssertionError(file + " should hold one document, holds " + docs.size());
        }
        return docs.get(0);
    }
}
