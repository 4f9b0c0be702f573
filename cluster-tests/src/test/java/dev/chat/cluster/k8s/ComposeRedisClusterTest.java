package dev.chat.cluster.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.redis-cluster.yml} (compose's optional Redis Cluster mode) against the base
 * file and itself, offline (no Docker here): every node is a seed of the services and is joined by
 * the init service, which every Java service waits for; the services are told the client type;
 * every node is cluster-enabled and announces its service name. SnakeYAML, not Jackson: it resolves
 * the {@code <<} merge keys compose uses.
 */
class ComposeRedisClusterTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services(String file) throws IOException {
        try (Reader in = Files.newBufferedReader(Manifests.root().resolve(file))) {
            Map<String, Object> compose = new Yaml().load(in);
            return (Map<String, Object>) compose.get("services");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @Test
    void everyNodeIsASeedJoinedByTheInitAndWaitedForByTheServices() throws IOException {
        Map<String, Object> base = services("docker-compose.yml");
        Map<String, Object> cluster = services("docker-compose.redis-cluster.yml");
        Map<String, Object> merged = new LinkedHashMap<>(base);
        merged.putAll(cluster);

        Set<String> nodes = new TreeSet<>();
        for (Map.Entry<String, Object> service : cluster.entrySet()) {
            String command = String.valueOf(map(service.getValue()).get("command"));
            if (command.contains("--cluster-enabled yes")) {
                nodes.add(service.getKey());
                assertTrue(command.contains("--cluster-announce-hostname"), service.getKey() + " announces its name");
                assertEquals(service.getKey(), map(service.getValue()).get("hostname"), service.getKey() + " hostname");
            }
        }
        assertEquals(6, nodes.size(), "3 masters + 3 replicas: " + nodes);
        assertTrue(nodes.contains("redis"), "the base's redis is the first node (the services' first seed)");

        String seeds = String.valueOf(map(map(cluster.get("secrets")).get("environment")).get("REDIS_SEEDS"));
        Set<String> seeded = new TreeSet<>();
        Arrays.stream(seeds.split(",")).forEach(s -> seeded.add(s.substring(0, s.indexOf(':'))));
        assertEquals(nodes, seeded, "REDIS_SEEDS of the secrets service");

        Map<String, Object> init = map(cluster.get("redis-cluster-init"));
        assertEquals(nodes, new TreeSet<>(map(init.get("depends_on")).keySet()), "the init waits for every node");
        String script = String.valueOf(init.get("command"));
        List<String> joined = new ArrayList<>();
        for (String node : nodes) {
            if (script.contains(" " + node + " ") || script.contains(" " + node + ";")) {
                joined.add(node);
            }
        }
        assertEquals(List.copyOf(nodes), joined, "the init joins every node");

        for (String service : List.of("room-registry", "chat-node")) {
            assertTrue(base.containsKey(service), service + " in the base file");
            Map<String, Object> override = map(cluster.get(service));
            assertEquals("cluster", map(override.get("environment")).get("QUARKUS_REDIS_CLIENT_TYPE"), service);
            assertTrue(map(override.get("depends_on")).containsKey("redis-cluster-init"), service + " waits for the init");
        }
        for (Map.Entry<String, Object> service : merged.entrySet()) {
            for (String dependency : map(map(service.getValue()).get("depends_on")).keySet()) {
                assertTrue(merged.containsKey(dependency), service.getKey() + " depends on a service that exists: " + dependency);
            }
        }
    }
}
