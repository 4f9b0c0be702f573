package dev.chat.cluster.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Every manifest under deploy/k8s is a valid Kubernetes object of the API it names: read into the
 * typed model with no field it does not have, as the folders render (base, production overlay),
 * and every file is part of one of them.
 */
class ManifestSchemaTest {

    static Stream<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.walk(Manifests.k8s())) {
            return files.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals("kustomization.yaml"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("manifestFiles")
    void everyDocumentOfEveryFileIsATypedKubernetesObject(Path file) {
        List<ObjectNode> documents = Kustomization.documents(file);
        assertFalse(documents.isEmpty(), file + " has objects");
        for (ObjectNode document : documents) {
            if (file.startsWith(Manifests.k8s().resolve("overlays"))) {
                // a patch is a partial object: its kind must still know every field it sets
                document.with("metadata");
            }
            HasMetadata object = KubernetesTypes.read(document);
            assertTrue(object.getMetadata().getName() != null && !object.getMetadata().getName().isBlank(), file + ": a name");
        }
    }

    @Test
    void theBaseHasEverythingComposeRuns() {
        Manifests base = Manifests.base();
        Set<String> kinds = base.objects().stream().map(o -> o.getKind() + "/" + o.getMetadata().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("Namespace/chat", "ConfigMap/chat-config", "Secret/chat-secrets",
                "Service/redis", "StatefulSet/redis",
                "Service/room-registry", "Deployment/room-registry", "PodDisruptionBudget/room-registry",
                "Service/chat-node", "Deployment/chat-node", "HorizontalPodAutoscaler/chat-node",
                "PodDisruptionBudget/chat-node",
                "Service/gateway", "Deployment/gateway", "PodDisruptionBudget/gateway")), kinds);
        for (HasMetadata object : base.objects()) {
            if (!"Namespace".equals(object.getKind())) {
                assertEquals("chat", object.getMetadata().getNamespace(), object.getKind() + " " + object.getMetadata().getName());
            }
        }
    }

    @Test
    void theProductionOverlayRendersOntoTheBase() {
        Manifests production = Manifests.production();
        assertEquals(Manifests.base().objects().size() + 1, production.objects().size(), "the base plus an Ingress");
        assertEquals("registry.example.com/chat/chat-node:1.0.0", production.container("chat-node").getImage());
        assertEquals("chat", production.get(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class, "chat")
                .getMetadata().getNamespace());
        assertEquals(4, production.get(io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class,
                "chat-node").getSpec().getMinReplicas());
        // the patch changed the resources and kept the rest of the container
        assertEquals("1", production.container("chat-node").getResources().getRequests().get("cpu").toString());
        assertEquals("/q/health/ready", production.container("chat-node").getReadinessProbe().getHttpGet().getPath());
    }

    @Test
    void anUnknownFieldOrKindIsRefused() {
        ObjectNode deployment = Kustomization.documents(Manifests.k8s().resolve("base/room-registry.yaml")).stream()
                .filter(d -> "Deployment".equals(d.path("kind").asText())).findFirst().orElseThrow();
        KubernetesTypes.read(deployment.deepCopy());
        ObjectNode typo = deployment.deepCopy();
        ((ObjectNode) typo.with("spec").with("template").with("spec").withArray("containers").get(0)).put("livenessprobe", "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KubernetesTypes.read(typo));
        assertTrue(e.getMessage().contains("containers[0].livenessprobe"), e.getMessage());
        ObjectNode wrongVersion = deployment.deepCopy().put("apiVersion", "extensions/v1beta1");
        assertThrows(IllegalArgumentException.class, () -> KubernetesTypes.read(wrongVersion));
        ObjectNode wrongType = deployment.deepCopy();
        wrongType.with("spec").put("replicas", "two");
        assertThrows(IllegalArgumentException.class, () -> KubernetesTypes.read(wrongType));
    }
}
