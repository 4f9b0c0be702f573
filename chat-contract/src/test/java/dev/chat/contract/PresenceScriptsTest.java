package dev.chat.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import dev.chat.testing.RedisClient;

/**
 * The presence functions on a real Redis: distinct users are counted from the per-user hash,
 * which every join and lapse keeps in step with the nodes' sets; a user counts while one of its
 * nodes is live, and counting changes nothing, also for members left by nodes of the previous
 * release (the legacy {@code presence} set) during a rollout.
 */
class PresenceScriptsTest {

    @RegisterExtension
    static final RedisClient client = RedisClient.ofShared();
    private static final Redis redis = client.redis();
    private final RedisKeys keys = new RedisKeys("presence-" + UUID.randomUUID());
    private final String room = "r" + UUID.randomUUID().toString().substring(0, 8);

    private Response send(Request request) {
        return client.call(request);
    }

    private void add(String user, String node, long lapsesAt) {
        Presence.ADD.run(redis, Presence.keys(keys, room), List.of(user, node, Long.toString(lapsesAt), "60000"))
                .toCompletionStage().toCompletableFuture().join();
    }

    private long count(long now) {
        return Presence.COUNT.run(redis, Presence.keys(keys, room), List.of(Long.toString(now))).toCompletionStage()
                .toCompletableFuture().join().toLong();
    }

    /** Everything the presence keys hold, to show a count changed none of it. */
    private String state() {
        StringBuilder state = new StringBuilder();
        state.append(send(Request.cmd(Command.ZRANGE).arg(keys.presenceNodes(room)).arg(0).arg(-1).arg("WITHSCORES")));
        state.append(send(Request.cmd(Command.ZRANGE).arg(keys.presence(room)).arg(0).arg(-1).arg("WITHSCORES")));
        state.append(send(Request.cmd(Command.HGETALL).arg(keys.presenceUsers(room))));
        for (String node : List.of("node-1", "node-2", "dead-node")) {
            state.append(send(Request.cmd(Command.SMEMBERS).arg(keys.presenceNode(room, node))));
        }
        return state.toString();
    }

    @Test
    void aUserOnTwoNodesIsOneUserAndAddingTwiceChangesNothing() {
        long now = System.currentTimeMillis();
        add("alice", "node-1", now + 10_000);
        add("alice", "node-2", now + 10_000);
        add("alice", "node-2", now + 20_000); // a second add of the same membership
        add("bob", "node-1", now + 10_000);
        assertEquals(2, count(now));
        assertEquals("2", send(Request.cmd(Command.HGET).arg(keys.presenceUsers(room)).arg("alice")).toString());
        assertEquals(2, send(Request.cmd(Command.SCARD).arg(keys.presenceNode(room, "node-1"))).toLong(),
                "the node's set, named in Java as the script names it");
        assertEquals(2, send(Request.cmd(Command.ZCARD).arg(keys.presenceNodes(room))).toLong());
    }

    @Test
    void usersOnLapsedNodesLeaveTheCountWhichChangesNothing() {
        long now = System.currentTimeMillis();
        add("alice", "node-1", now + 10_000);
        add("alice", "dead-node", now + 1_000);
        add("carol", "dead-node", now + 1_000);
        String before = state();
        assertEquals(2, count(now));
        assertEquals(1, count(now + 5_000), "carol lapsed with her node; alice is still on node-1");
        assertEquals(0, count(now + 20_000));
        // a reader that keeps no roster drops nobody: the nodes' writes do, and tell the room who left
        assertEquals(before, state());
        assertEquals(2, count(now));
    }

    @Test
    void lapsedMembersOfThePreviousReleaseAreLeftOutOfTheCountToo() {
        long now = System.currentTimeMillis();
        // written as an old node writes them: a member per user and node, each with its lapse time
        for (Object[] member : new Object[][] { { "dave", now + 10_000 }, { "erin", now - 1_000 },
                { "alice", now - 1_000 } }) {
            send(Request.cmd(Command.ZADD).arg(keys.presence(room)).arg((long) member[1])
                    .arg(Presence.member((String) member[0], "old-node")));
            send(Request.cmd(Command.HINCRBY).arg(keys.presenceUsers(room)).arg((String) member[0]).arg(1));
        }
        add("alice", "node-1", now + 10_000);
        String before = state();
        assertEquals(2, count(now), "dave (old node, live) and alice (live on a new node); erin lapsed");
        assertEquals(before, state());
    }
}
