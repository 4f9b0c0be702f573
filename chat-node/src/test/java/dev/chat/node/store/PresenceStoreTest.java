package dev.chat.node.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import dev.chat.contract.Presence;
import dev.chat.contract.RedisKeys;
import dev.chat.contract.RoomMeta;
import dev.chat.testing.RedisClient;
import dev.chat.testing.RedisClusterServer;
import dev.chat.testing.RedisServer;

/**
 * The chat node's presence scripts on a real Redis: a heartbeat costs the same few commands for
 * a room of 5 users or 500; a dead node's users are dropped by another node's write and the
 * roster hears it; a node whose entry went (pruned, or lost by Redis) is told so by its next
 * heartbeat or join, and a sync makes its users exactly its own; a process restarted under the
 * same node id does not keep the old process's users alive; and the scripts, which name a node's
 * set themselves, stay in the room's slot on a Redis Cluster.
 */
class PresenceStoreTest {

    private static final Duration TTL = Duration.ofSeconds(10);
    private static final long TTL_MS = TTL.toMillis();
    private static final Pattern COMMAND_STAT = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)");

    @RegisterExtension
    static final RedisClient client = RedisClient.ofShared();
    private static final Vertx vertx = client.vertx();
    private static final Redis redis = client.redis();
    private final RedisKeys keys = new RedisKeys("presence-" + UUID.randomUUID());
    private final String room = "r" + UUID.randomUUID().toString().substring(0, 8);

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    private static Response send(Redis client, Request request) {
        return join(client.send(request).toCompletionStage());
    }

    private PresenceStore node(Redis client, String nodeId) {
        return new PresenceStore(client, keys, nodeId, Presence.instance(nodeId), TTL);
    }

    private static Map<String, String> users(String prefix, int n) {
        Map<String, String> users = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            users.put(prefix + i, "Name " + i);
        }
        return users;
    }

    private Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        Response all = send(redis, Request.cmd(Command.HGETALL).arg(keys.presenceNames(room)));
        for (String field : all.getKeys()) {
            names.put(field, all.get(field).toString());
        }
        return names;
    }

    /** Commands Redis ran since the last reset, scripts' own calls included, less the scripts and these reads. */
    private static long commandsRun(Redis client) {
        long calls = 0;
        Matcher stat = COMMAND_STAT.matcher(send(client, Request.cmd(Command.INFO).arg("commandstats")).toString());
        while (stat.find()) {
            if (!stat.group(1).matches("eval|evalsha|info|config.*|script.*")) {
                calls += Long.parseLong(stat.group(2));
            }
        }
        return calls;
    }

    @Test
    void aHeartbeatCostsTheSameForFiveUsersAsForFiveHundred() {
        // a Redis of its own: its command counts are this test's alone
        RedisServer server = RedisServer.dedicated();
        Redis own = Redis.createClient(vertx, server.url());
        try {
            PresenceStore node = node(own, "node-1");
            long now = System.currentTimeMillis();
            join(node.add("small", users("s", 5), now));
            join(node.add(room, users("u", 500), now));
            List<Long> costs = new java.util.ArrayList<>();
            for (String which : List.of("small", room)) {
                send(own, Request.cmd(Command.CONFIG).arg("RESETSTAT"));
                assertFalse(join(node.heartbeat(which, now + 1_000)).lost(), "the entry is there");
                costs.add(commandsRun(own));
            }
            assertEquals(costs.get(0), costs.get(1), "one room's heartbeat does not grow with its users: " + costs);
            assertTrue(costs.get(1) > 0 && costs.get(1) <= 12, "a few commands per room: " + costs);
            assertEquals(500, Presence.COUNT.run(own, Presence.keys(keys, room), List.of(Long.toString(now + 1_000)))
                    .toCompletionStage().toCompletableFuture().join().toLong());
        } finally {
            own.close();
            server.stop();
        }
    }

    @Test
    void aDeadNodesUsersAreDroppedByAnotherNodesWriteAndTheRosterHearsTheyWent() {
        long now = System.currentTimeMillis();
        PresenceStore dead = node(redis, "dead-node");
        PresenceStore live = node(redis, "live-node");
        join(live.add(room, Map.of("bob", "Bob", "both", "Both"), now));
        // the dead node last wrote a TTL ago: its entry has lapsed, nobody has removed it yet
        join(dead.add(room, Map.of("ann", "Ann", "both", "Both"), now - TTL_MS - 1));
        assertEquals(2, join(live.count(room, now)), "ann is on a lapsed node: not counted");
        assertEquals(3, names().size(), "nor dropped by counting");

        Queue<String> heard = new ConcurrentLinkedQueue<>();
        RedisConnection listener = join(Redis.createClient(vertx, RedisServer.shared().url()).connect()
                .toCompletionStage());
        try {
            listener.handler(message -> {
                if (message.size() == 3 && "smessage".equals(message.get(0).toString())) {
                    heard.add(message.get(2).toString());
                }
            });
            join(listener.send(Request.cmd(Command.SSUBSCRIBE).arg(keys.channel(room))).toCompletionStage());
            assertFalse(join(live.heartbeat(room, now)).lost());
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !heard.isEmpty());
        } finally {
            listener.close();
        }
        String envelope = heard.peek();
        assertTrue(envelope.startsWith("R ") && envelope.endsWith("\n-ann"),
                "ann went; 'both' is still present through the live node: " + envelope);
        assertEquals(Map.of("bob", "Bob", "both", "Both"), names());
        assertEquals("1", send(redis, Request.cmd(Command.HGET).arg(keys.presenceUsers(room)).arg("both")).toString());
        assertEquals(1, send(redis, Request.cmd(Command.ZCARD).arg(keys.presenceNodes(room))).toLong());
        assertEquals(2, join(live.count(room, now)));
    }

    @Test
    void aNodeWhoseEntryWentIsToldByItsNextHeartbeat() {
        long now = System.currentTimeMillis();
        PresenceStore node = node(redis, "node-1");
        join(node.add(room, Map.of("ann", "Ann"), now));
        assertFalse(join(node.heartbeat(room, now + 1_000)).lost());

        // cut off from Redis longer than the TTL: another node's write pruned it
        join(node(redis, "other").add(room, Map.of("bob", "Bob"), now + 1_000 + TTL_MS + 1));
        assertEquals(Map.of("bob", "Bob"), names());
        assertTrue(join(node.heartbeat(room, now + 1_000 + TTL_MS + 2)).lost(), "its users must be added again");
        join(node.sync(room, Map.of("ann", "Ann"), now + 1_000 + TTL_MS + 2));
        assertEquals(Map.of("ann", "Ann", "bob", "Bob"), names());
        assertFalse(join(node.heartbeat(room, now + 2_000 + TTL_MS)).lost());

        // Redis lost the room's presence (a restart without persistence)
        send(redis, Request.cmd(Command.DEL).arg(keys.presenceNodes(room)).arg(keys.presenceUsers(room))
                .arg(keys.presenceNames(room)));
        assertTrue(join(node.heartbeat(room, now + 3_000 + TTL_MS)).lost());
        join(node.sync(room, Map.of("ann", "Ann"), now + 3_000 + TTL_MS));
        assertEquals(1, join(node.count(room, now + 3_000 + TTL_MS)),
                "counted again, though its set had outlived the hash: the lost entry's leftovers were dropped first");
    }

    @Test
    void aJoinThatMadeTheNodesEntryAnewSaysSo() {
        long now = System.currentTimeMillis();
        RoomMeta meta = new RoomMeta(room, "Room", 300, null, now, true);
        Request hset = Request.cmd(Command.HSET).arg(keys.meta(room));
        meta.toHash().forEach((k, v) -> hset.arg(k).arg(v));
        send(redis, hset);
        String presenceId = Presence.instance("node-1");
        RoomEntrance entrance = new RoomEntrance(redis, keys, "node-1", presenceId, TTL, 10, 100);

        assertTrue(join(entrance.enter(meta, "ann", "Ann", null, true, now)).presenceLost(), "the node's first");
        assertFalse(join(entrance.enter(meta, "bob", "Bob", null, true, now)).presenceLost());
        // the node's entry lapsed and another node pruned its users
        join(node(redis, "other").add(room, Map.of("cid", "Cid"), now + TTL_MS + 1));
        RoomEntrance.Entered entered = join(entrance.enter(meta, "dan", "Dan", null, true, now + TTL_MS + 2));
        assertTrue(entered.presenceLost(), "ann and bob must be added again");
        assertEquals(2, entered.users(), "cid and dan until then");
    }

    @Test
    void aProcessRestartedUnderTheSameNodeIdDoesNotKeepTheOldOnesUsers() {
        long now = System.currentTimeMillis();
        PresenceStore before = node(redis, "test-node");
        join(before.add(room, Map.of("ann", "Ann", "bob", "Bob"), now));
        // killed; restarted at once under the same fixed chat.node.id, and beating ever since
        PresenceStore after = node(redis, "test-node");
        join(after.add(room, Map.of("cid", "Cid"), now + 100));
        assertFalse(join(after.heartbeat(room, now + TTL_MS / 2)).lost());
        assertEquals(3, join(after.count(room, now + TTL_MS / 2)));
        assertFalse(join(after.heartbeat(room, now + TTL_MS)).lost(), "the restarted process's own entry");
        assertEquals(1, join(after.count(room, now + TTL_MS)), "the old process's users lapsed with its entry");
        assertEquals(Map.of("cid", "Cid"), names(), "and the restarted process's write dropped them");
    }

    @Test
    void aSyncMakesTheNodesUsersExactlyTheGivenOnesAndTheHeartbeatCountsThem() {
        long now = System.currentTimeMillis();
        PresenceStore node = node(redis, "node-1");
        PresenceStore other = node(redis, "node-2");
        join(other.add(room, Map.of("ann", "Ann"), now));
        join(node.add(room, Map.of("ann", "Ann", "bob", "Bob"), now));
        assertEquals(2, join(node.heartbeat(room, now)).users());
        join(node.sync(room, Map.of("bob", "Bob", "cid", "Cid"), now));
        assertEquals(Map.of("ann", "Ann", "bob", "Bob", "cid", "Cid"), names(), "ann is still on node-2");
        assertEquals(2, join(node.heartbeat(room, now)).users());
        join(node.sync(room, Map.of(), now));
        assertEquals(Map.of("ann", "Ann"), names());
        assertEquals(1, send(redis, Request.cmd(Command.ZCARD).arg(keys.presenceNodes(room))).toLong(),
                "a node left with nobody has no entry");
    }

    @Test
    void theScriptsReachANodesSetInTheRoomsSlotOnARedisCluster() {
        RedisOptions options = new RedisOptions().setType(RedisClientType.CLUSTER);
        RedisClusterServer.shared().nodes().forEach(n -> options.addConnectionString(n.url()));
        Redis cluster = Redis.createClient(vertx, options);
        try {
            long now = System.currentTimeMillis();
            PresenceStore dead = node(cluster, "dead-node");
            PresenceStore live = node(cluster, "live-node");
            join(live.add(room, Map.of("bob", "Bob"), now));
            join(dead.add(room, Map.of("ann", "Ann"), now - TTL_MS - 1));
            assertEquals(1, join(live.count(room, now)));
            assertEquals(1, join(live.heartbeat(room, now)).users());
            join(live.sync(room, Map.of("bob", "Bob", "cid", "Cid"), now));
            assertEquals(2, join(live.count(room, now)), "the dead node's ann pruned, cid added");
        } finally {
            cluster.close();
        }
    }

    @Test
    void aLeavePrunesTheNodesThatLapsedByTheTimeItIsGiven() {
        long now = System.currentTimeMillis();
        PresenceStore live = node(redis, "node-1");
        PresenceStore dead = node(redis, "node-2");
        join(live.add(room, Map.of("ann", "Ann", "bob", "Bob"), now));
        join(dead.add(room, Map.of("cid", "Cid"), now));

        join(live.remove(room, "ann", now + 1));
        assertEquals(Map.of("bob", "Bob", "cid", "Cid"), names(), "node-2 has not lapsed yet");
        join(live.remove(room, "bob", now + TTL_MS + 1));
        assertEquals(Map.of(), names(), "node-2 lapsed by then: its cid is pruned with the leave");
    }

    @Test
    void aLeaveTakesTheUserOutAndANodeWithNobodyLeftHasNoEntry() {
        long now = System.currentTimeMillis();
        PresenceStore node = node(redis, "node-1");
        join(node.add(room, Map.of("ann", "Ann", "bob", "Bob"), now));
        join(node.remove(room, "ann", now));
        assertEquals(Map.of("bob", "Bob"), names());
        join(node.remove(room, "bob", now));
        assertEquals(0, send(redis, Request.cmd(Command.ZCARD).arg(keys.presenceNodes(room))).toLong());
        assertEquals(0, join(node.count(room, now)));
    }
}
