package dev.chat.cluster.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where kubectl is installed, the real kustomize ({@code kubectl kustomize}, offline: no API
 * server) renders each folder into exactly the objects {@link Kustomization} does, so the other
 * tests check what {@code kubectl apply -k} would send. Skipped (and says so) without kubectl.
 */
class KubectlKustomizeTest {

    private static Path kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Map<String, JsonNode> byName(List<ObjectNode> objects) {
        Map<String, JsonNode> named = new TreeMap<>();
        for (ObjectNode o : objects) {
            named.put(o.path("kind").asText() + " " + o.path("metadata").path("namespace").asText() + "/"
                    + o.path("metadata").path("name").asText(), o);
        }
        return named;
    }

    @ParameterizedTest
    @ValueSource(strings = { "base", "overlays/production", "overlays/redis-cluster" })
    void kustomizeRendersTheSameObjects(String folder) throws IOException, InterruptedException {
        Path kubectl = kubectl();
        Assumptions.assumeTrue(kubectl != null, "kubectl is not installed: the real kustomize is not compared");
        Path out = Files.createTempFile("kustomize-", ".yaml");
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", Manifests.k8s().resolve(folder).toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize finished");
        assertEquals(0, process.exitValue(), Files.readString(out));
        Map<String, JsonNode> real = byName(Kustomization.documents(out));
        Map<String, JsonNode> ours = byName(Kustomization.render(Manifests.k8s().resolve(folder)));
        assertEquals(real.keySet(), ours.keySet());
        for (String name : real.keySet()) {
            assertEquals(real.get(name), ours.get(name), name);
        }
    }
}
