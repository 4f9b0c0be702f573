package dev.chat.registry;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.chat.contract.IdentityKey;
import dev.chat.contract.IdentityToken;
import dev.chat.contract.RedisKeys;
import dev.chat.contract.RoomMeta;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * What tests do to Redis behind the registry's back: write rooms as another service would, and
 * take a picture of every key of the test's prefix to prove that a refused request wrote nothing.
 */
@ApplicationScoped
public class TestRedis {

    private final RedisDataSource redis;
    private final RedisKeys keys;

    @Inject
    public TestRedis(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** A room as the services store it; {@code ttl} null for one that never expires. */
    public void writeRoom(RoomMeta meta, Duration ttl) {
        redis.hash(String.class).hset(keys.meta(meta.id()), meta.toHash());
        if (ttl != null) {
            redis.key().pexpire(keys.meta(meta.id()), ttl.toMillis());
        }
        redis.set(String.class).sadd(keys.roomIndex(), meta.id());
    }

    /** Every key of the prefix with its type and content, for before/after comparisons. */
    public Map<String, String> picture() {
        Map<String, String> picture = new TreeMap<>();
        for (String key : redis.key().keys(keys.prefix() + ":*")) {
            String type = redis.key().type(key).name();
            String content = switch (type) {
                case "SET" -> new TreeSet<>(redis.set(String.class).smembers(key)).toString();
                case "HASH" -> new TreeMap<>(redis.hash(String.class).hgetall(key)).toString();
                case "STRING" -> String.valueOf(redis.value(String.class).get(key));
                default -> "?";
            };
            picture.put(key, type + " " + content);
        }
        return picture;
    }

    public Set<String> roomIndex() {
        return redis.set(String.class).smembers(keys.roomIndex());
    }

    public Map<String, String> nameIndex() {
        return redis.hash(String.class).hgetall(new dev.chat.contract.RegistryKeys(keys).roomNames());
    }

    public boolean exists(String key) {
        return redis.key().exists(key);
    }

    /** The user every upload test uploads as (see {@link #UPLOADER_TOKEN}). */
    public static final String UPLOADER = "u-uploader";

    /** A valid identity token of {@link #UPLOADER}, signed with the test profile's chat.identity.secret. */
    public static final String UPLOADER_TOKEN = token(UPLOADER, "Uploader");

    /** An identity token as a chat node issues it, with the test profile's key. */
    public static String token(String userId, String name) {
        return new IdentityToken(IdentityKey.of(IdentityKey.bytes("registry-test-identity-secret")), Duration.ofDays(30))
                .issue(userId, name, System.currentTimeMillis());
    }

    /** Makes {@code userId} present in the room, as its chat node does when the user joins. */
    public void present(String roomId, String userId) {
        redis.hash(String.class).hset(keys.presenceUsers(roomId), userId, "1");
    }

    /** A client address of its own, so rate limits of different tests never meet. */
    public static String freshAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }
}
