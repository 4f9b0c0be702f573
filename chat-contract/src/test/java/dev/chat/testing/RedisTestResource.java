package dev.chat.testing;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the shared real Redis with a key prefix of its own, so test
 * classes never see each other's rooms and no test has to flush anything.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        RedisServer redis = RedisServer.shared();
        String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return Map.of(
                "quarkus.redis.hosts", redis.url(),
                "quarkus.redis.devservices.enabled", "false",
                "chat.redis.key-prefix", prefix);
    }

    @Override
    public void stop() {
        // the server is shared by the JVM's test classes and stops with it
    }
}
