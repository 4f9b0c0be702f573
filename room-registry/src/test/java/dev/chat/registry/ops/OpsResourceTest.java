package dev.chat.registry.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chat.contract.Presence;
import dev.chat.contract.RedisKeys;
import dev.chat.contract.RoomMeta;
import dev.chat.registry.TestRedis;
import dev.chat.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code GET /api/ops} with {@code chat.ops.key} set: only with the key, and then every node whose
 * heartbeat is live, the busiest rooms first, and Redis' memory.
 */
@QuarkusTest
@TestProfile(OpsResourceTest.WithOpsKey.class)
@WithTestResource(RedisTestResource.class)
class OpsResourceTest {

    static final String KEY = "ops-key-7d2e91";

    public static class WithOpsKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.ops.key", KEY, "chat.ops.top-rooms", "2");
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    TestRedis test;

    private void heartbeat(String node, long lapsesAt, boolean keyPresent) {
        if (keyPresent) {
            redis.value(String.class).psetex(keys.opsNode(node), 60_000,
                    "{\"node\":\"" + node + "\",\"connections\":7,\"rooms\":2}");
        }
        redis.sortedSet(String.class).zadd(keys.opsNodes(), lapsesAt, node);
    }

    private void users(String room, int count) {
        long until = System.currentTimeMillis() + 60_000;
        for (int i = 0; i < count; i++) {
            redis.execute("EVAL", Presence.ADD.source(), "3", keys.presence(room), keys.presenceUsers(room),
                    keys.presenceNodes(room), "u" + i, "node-1", Long.toString(until), "60000");
        }
    }

    @Test
    void withoutTheKeyItIs401AndWithAWrongOne403() {
        given().get("/api/ops").then().statusCode(401)
                .header("WWW-Authenticate", "ApiKey header=\"X-Ops-Key\"")
                .body("error", is("missing X-Ops-Key"));
        given().header("X-Ops-Key", "").get("/api/ops").then().statusCode(401);
        given().header("X-Ops-Key", KEY + "x").get("/api/ops").then().statusCode(403)
                .body("error", is("wrong X-Ops-Key"));
        given().header("X-Ops-Key", KEY.substring(1)).get("/api/ops").then().statusCode(403);
    }

    @Test
    void listsTheLiveNodesTheBusiestRoomsAndRedisMemory() {
        long now = System.currentTimeMillis();
        heartbeat("node-b", now + 60_000, true);
        heartbeat("node-a", now + 60_000, true);
        heartbeat("node-expired", now + 60_000, false); // died: its key expired before its index entry
        heartbeat("node-lapsed", now - 1_000, true);
        test.writeRoom(new RoomMeta("opsbusy001", "Busy", 60, null, now, true), null);
        test.writeRoom(new RoomMeta("opsquiet01", "Quiet", 60, null, now, true), null);
        users("opsbusy001", 3);
        users("opsquiet01", 1);

        given().header("X-Ops-Key", KEY).get("/api/ops").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("at", greaterThan(0L))
                .body("nodes.node", contains("node-a", "node-b"))
                .body("nodes[0].connections", is(7))
                .body("rooms.id", contains("opsbusy001", "opsquiet01"))
                .body("rooms[0].users", is(3))
                .body("rooms[0].name", is("Busy"))
                .body("redis.usedMemoryBytes", greaterThan(0))
                .body("redis.peakMemoryBytes", notNullValue())
                .body("redis.maxMemoryBytes", nullValue());
    }
}
