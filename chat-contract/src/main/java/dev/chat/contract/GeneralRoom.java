package dev.chat.contract;

import java.util.List;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;

/** The public room every visitor lands in; it always exists and never expires. */
public final class GeneralRoom {

    public static final String ID = "general";
    public static final String NAME = "General";

    /**
     * Creates General if missing and applies the configured clear interval, keeping its creation
     * time (and so its clear boundaries). KEYS: meta; ARGV: clear interval s, now ms. One key, so
     * one slot on a Redis Cluster: the registry lists General without an index entry.
     * Idempotent: every service runs it at start and whenever it finds General missing (a Redis
     * restart without persistence).
     */
    private static final String ENSURE_SCRIPT = """
            redis.call('HSETNX', KEYS[1], 'name', 'General')
            redis.call('HSETNX', KEYS[1], 'createdAt', ARGV[2])
            redis.call('HSETNX', KEYS[1], 'historyForNewcomers', 'true')
            redis.call('HSET', KEYS[1], 'clearIntervalSeconds', ARGV[1])
            return redis.call('HGET', KEYS[1], 'createdAt')
            """;

    private static final LuaScript ENSURE = new LuaScript(ENSURE_SCRIPT);

    private GeneralRoom() {
    }

    /**
     * The one "ensure General" of every service (the script above); completes with General's
     * creation time.
     */
    public static Future<Response> ensure(Redis redis, RedisKeys keys, long clearIntervalSeconds) {
        return ENSURE.run(redis, List.of(keys.meta(ID)),
                List.of(Long.toString(clearIntervalSeconds), Long.toString(System.currentTimeMillis())));
    }

    public static RoomMeta meta(long clearIntervalSeconds, long createdAt) {
        return new RoomMeta(ID, NAME, clearIntervalSeconds, null, createdAt, true);
    }
}
