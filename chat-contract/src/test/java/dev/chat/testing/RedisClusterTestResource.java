package dev.chat.testing;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the shared local Redis Cluster ({@link RedisClusterServer#shared()},
 * 3 masters) as an operator would: {@code quarkus.redis.client-type=cluster} and every node as a
 * seed, with a key prefix of its own.
 */
public class RedisClusterTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        RedisClusterServer redis = RedisClusterServer.shared();
        String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return Map.of(
                "quarkus.redis.hosts", redis.hosts(),
                "quarkus.redis.client-type", "cluster",
                "quarkus.redis.devservices.enabled", "false",
                "chat.redis.key-prefix", prefix);
    }

    @Override
    public void stop() {
        // the cluster is shared by the JVM's test classes and stops with it
    }
}
