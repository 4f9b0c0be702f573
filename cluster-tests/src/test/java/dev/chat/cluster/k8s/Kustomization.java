package dev.chat.cluster.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * Renders a kustomization folder as {@code kubectl apply -k} would, for the few features the
 * chat's manifests use: {@code resources} (files and folders), {@code namespace}, {@code images} and
 * strategic-merge {@code patches}. A field it does not know is an error, so a manifest can never
 * use a feature this rendering silently skips; {@code KubectlKustomizeTest} compares it with the
 * real kustomize where kubectl is installed.
 */
public final class Kustomization {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "namespace", "resources", "images", "patches");
    /** The list fields whose elements strategic merge matches by a key, and that key. */
    private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name",
            "env", "name", "volumes", "name", "volumeMounts", "name", "ports", "containerPort",
            "topologySpreadConstraints", "topologyKey", "imagePullSecrets", "name");

    private Kustomization() {
    }

    /** Every document of a YAML file (empty documents left out). */
    public static List<ObjectNode> documents(Path file) {
        List<ObjectNode> documents = new ArrayList<>();
        try (YAMLParser parser = ((YAMLFactory) YAML.getFactory()).createParser(file.toFile())) {
            Iterator<JsonNode> all = YAML.readValues(parser, JsonNode.class);
            while (all.hasNext()) {
                JsonNode document = all.next();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                if (!document.isObject()) {
                    throw new IllegalArgumentException(file + ": a document that is not an object");
                }
                documents.add((ObjectNode) document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return documents;
    }

    /** The objects {@code kubectl apply -k dir} would send, in resource order. */
    public static List<ObjectNode> render(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        List<ObjectNode> kustomization = documents(file);
        if (kustomization.size() != 1) {
            throw new IllegalArgumentException(file + ": one document expected");
        }
        ObjectNode k = kustomization.get(0);
        k.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(file + ": unsupported field " + name);
            }
        });
        if (!"Kustomization".equals(k.path("kind").asText()) || !k.path("apiVersion").asText().startsWith("kustomize.config.k8s.io/")) {
            throw new IllegalArgumentException(file + ": not a Kustomization");
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : k.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            objects.addAll(Files.isDirectory(path) ? render(path) : documents(path));
        }
        for (JsonNode patch : k.path("patches")) {
            if (patch.size() != 1 || !patch.has("path")) {
                throw new IllegalArgumentException(file + ": only patches with a path are supported: " + patch);
            }
            for (ObjectNode change : documents(dir.resolve(patch.get("path").asText()))) {
                ObjectNode target = find(objects, change.path("kind").asText(), change.path("metadata").path("name").asText())
                        .orElseThrow(() -> new IllegalArgumentException(file + ": a patch for nothing: "
                                + change.path("kind").asText() + " " + change.path("metadata").path("name").asText()));
                merge(target, change);
            }
        }
        if (k.has("namespace")) {
            for (ObjectNode object : objects) {
                if (!"Namespace".equals(object.path("kind").asText())) {
                    ((ObjectNode) object.with("metadata")).put("namespace", k.get("namespace").asText());
                }
            }
        }
        for (JsonNode image : k.path("images")) {
            for (ObjectNode object : objects) {
                for (JsonNode container : containers(object)) {
                    String current = container.path("image").asText();
                    int colon = current.lastIndexOf(':');
                    String name = colon > 0 ? current.substring(0, colon) : current;
                    if (name.equals(image.path("name").asText())) {
                        String tag = image.has("newTag") ? image.get("newTag").asText() : colon > 0 ? current.substring(colon + 1) : null;
                        String newName = image.has("newName") ? image.get("newName").asText() : name;
                        ((ObjectNode) container).put("image", tag == null ? newName : newName + ":" + tag);
                    }
                }
            }
        }
        return objects;
    }

    static java.util.Optional<ObjectNode> find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText()) && name.equals(o.path("metadata").path("name").asText()))
                .findFirst();
    }

    /** The containers (and init containers) of a workload's pod template, or none. */
    static List<JsonNode> containers(JsonNode object) {
        List<JsonNode> containers = new ArrayList<>();
        JsonNode pod = object.path("spec").path("template").path("spec");
        pod.path("initContainers").forEach(containers::add);
        pod.path("containers").forEach(containers::add);
        return containers;
    }

    /** Strategic merge of {@code patch} into {@code target}, in place. */
    static void merge(ObjectNode target, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode current = target.get(field.getKey());
            JsonNode change = field.getValue();
            if (current instanceof ObjectNode object && change instanceof ObjectNode changes) {
                merge(object, changes);
            } else if (current instanceof ArrayNode list && change instanceof ArrayNode changes
                    && MERGE_KEYS.containsKey(field.getKey())) {
                target.set(field.getKey(), mergeList(list, changes, MERGE_KEYS.get(field.getKey())));
            } else {
                target.set(field.getKey(), change.deepCopy());
            }
        }
    }

    /** Elements matched by key are merged where they are; new ones come first, as kustomize puts them. */
    private static ArrayNode mergeList(ArrayNode current, ArrayNode changes, String key) {
        ArrayNode merged = current.arrayNode();
        ArrayNode kept = current.deepCopy();
        for (JsonNode change : changes) {
            ObjectNode match = null;
            for (JsonNode element : kept) {
                if (element.path(key).equals(change.path(key))) {
                    match = (ObjectNode) element;
                }
            }
            if (match == null) {
                merged.add(change.deepCopy());
            } else {
                merge(match, (ObjectNode) change);
            }
        }
        merged.addAll(kept);
        return merged;
    }
}
