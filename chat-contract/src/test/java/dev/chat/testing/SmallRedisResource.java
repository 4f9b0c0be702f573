package dev.chat.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * A {@code @QuarkusTest}'s own real Redis with a small {@code maxmemory} and the policy every
 * deployment of the chat uses ({@code noeviction}: writes are refused, nothing is evicted), so a
 * test can fill it up and watch the services refuse clearly and recover.
 */
public class SmallRedisResource implements QuarkusTestResourceLifecycleManager {

    /** The limit; {@link #fill} writes keys of its own past it. */
    public static final String MAXMEMORY = "8mb";

    private RedisServer redis;

    @Override
    public Map<String, String> start() {
        redis = RedisServer.dedicated("--maxmemory", MAXMEMORY, "--maxmemory-policy", "noeviction");
        return Map.of("quarkus.redis.hosts", redis.url(), "quarkus.redis.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.stop();
        }
    }

    /** A Redis filled past its limit; {@link #release()} gives the room back. */
    public static final class Full {
        private final Redis redis;
        private final List<String> keys;

        private Full(Redis redis, List<String> keys) {
            this.redis = redis;
            this.keys = keys;
        }

        /** How many junk keys it took. */
        public int keys() {
            return keys.size();
        }

        /** Deletes the junk and restores the limit: the services must work again. */
        public void release() {
            call(redis, Request.cmd(Command.CONFIG).arg("SET").arg("maxmemory").arg(MAXMEMORY));
            for (String key : keys) {
                call(redis, Request.cmd(Command.DEL).arg(key));
            }
        }
    }

    /**
     * Writes 16 KiB keys of its own until Redis refuses one with OOM (bounded: the limit is a few
     * MiB), then holds it full: Redis frees client buffers by itself and would otherwise slip back
     * under the limit by a few KiB, enough for some small writes; the limit is set just under what
     * it now holds, as when the data has grown past it.
     */
    public static Full fill(Redis redis) {
        String value = "j".repeat(16 * 1024);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String key = "junk:" + i;
            try {
                call(redis, Request.cmd(Command.SET).arg(key).arg(value));
                keys.add(key);
            } catch (RuntimeException full) {
                if (!String.valueOf(full.getMessage()).contains("OOM")) {
                    throw full;
                }
                String info = call(redis, Request.cmd(Command.INFO).arg("memory")).toString();
                long used = Long.parseLong(info.replaceAll("(?s).*used_memory:(\\d+).*", "$1"));
                call(redis, Request.cmd(Command.CONFIG).arg("SET").arg("maxmemory").arg(Long.toString(used - 1024 * 1024)));
                return new Full(redis, keys);
            }
        }
        throw new AssertionError("Redis took 32 MiB past a maxmemory of " + MAXMEMORY);
    }

    private static Response call(Redis redis, Request request) {
        return redis.send(request).toCompletionStage().toCompletableFuture().join();
    }
}
