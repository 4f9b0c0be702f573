package dev.chat.cluster.k8s;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * The chat's Kubernetes manifests as typed objects: {@code deploy/k8s/base} and each overlay,
 * rendered ({@link Kustomization}) and read strictly ({@link KubernetesTypes}).
 */
public record Manifests(String name, List<HasMetadata> objects) {

    public static Path root() {
        return Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    }

    public static Path k8s() {
        return root().resolve("deploy/k8s");
    }

    public static Manifests base() {
        return of("base", k8s().resolve("base"));
    }

    public static Manifests production() {
        return of("production", k8s().resolve("overlays/production"));
    }

    /** The optional Redis Cluster mode ({@code overlays/redis-cluster}). */
    public static Manifests redisCluster() {
        return of("redis-cluster", k8s().resolve("overlays/redis-cluster"));
    }

    public static List<Manifests> all() {
        return List.of(base(), production(), redisCluster());
    }

    static Manifests of(String name, Path dir) {
        List<ObjectNode> rendered = Kustomization.render(dir);
        return new Manifests(name, rendered.stream().map(KubernetesTypes::read).toList());
    }

    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    public <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(this.name + ": no " + type.getSimpleName() + " " + name));
    }

    /** The pod template of a Deployment or StatefulSet of that name. */
    public PodTemplateSpec podTemplate(String workload) {
        return find(Deployment.class, workload).map(d -> d.getSpec().getTemplate())
                .or(() -> find(StatefulSet.class, workload).map(s -> s.getSpec().getTemplate()))
                .orElseThrow(() -> new AssertionError(name + ": no workload " + workload));
    }

    public Container container(String workload) {
        return podTemplate(workload).getSpec().getContainers().stream().filter(c -> workload.equals(c.getName()))
                .findFirst().orElseThrow(() -> new AssertionError(name + ": " + workload + " has no container of its name"));
    }

    @Override
    public String toString() {
        return name;
    }
}
