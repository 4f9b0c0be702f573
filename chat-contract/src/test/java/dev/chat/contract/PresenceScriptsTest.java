package dev.chat.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import dev.chat.testing.RedisServer;

/**
 * The presence functions on a real Redis: distinct users are counted from the per-user hash,
 * which every add, remove and lapse keeps in step with the set of members; counting changes nothing.
 */
class PresenceScriptsTest {

    private static Vertx vertx;
    private static Redis redis;
    private final RedisKeys keys = new RedisKeys("presence-" + UUID.randomUUID());
    private final String room = "r" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, RedisServer.shared().url());
    }

    @AfterAll
    static void close() {
        redis.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private List<String> presenceKeys() {
        return List.of(keys.presence(room), keys.presenceUsers(room));
    }

    private void add(String user, String node, long lapsesAt) {
        Presence.ADD.run(redis, presenceKeys(), List.of(Presence.member(user, node), Long.toString(lapsesAt), "60000"))
                .toCompletionStage().toCompletableFuture().join();
    }

    private long count(long now) {
        return Presence.COUNT.run(redis, presenceKeys(), List.of(Long.toString(now))).toCompletionStage()
                .toCompletableFuture().join().toLong();
    }

    private long members() {
        return redis.send(Request.cmd(Command.ZCARD).arg(keys.presence(room))).toCompletionStage().toCompletableFuture()
                .join().toLong();
    }

    @Test
    void aUserOnTwoNodesIsOneUserAndAddingTwiceChangesNothing() {
        long now = System.currentTimeMillis();
        add("alice", "node-1", now + 10_000);
        add("alice", "node-2", now + 10_000);
        add("alice", "node-2", now + 20_000); // a refresh of the same member
        add("bob", "node-1", now + 10_000);
        assertEquals(2, count(now));
        assertEquals(3, members());
    }

    @Test
    void lapsedMembersLeaveTheCountWhichChangesNothing() {
        long now = System.currentTimeMillis();
        add("alice", "node-1", now + 10_000);
        add("alice", "dead-node", now + 1_000);
        add("carol", "dead-node", now + 1_000);
        assertEquals(2, count(now));
        assertEquals(1, count(now + 5_000), "carol lapsed with her node; alice is still on node-1");
        assertEquals(0, count(now + 20_000));
        // a reader that keeps no roster drops nobody: the nodes' writes do, and tell the room who left
        assertEquals(3, members());
        assertEquals(2, count(now));
    }
}
