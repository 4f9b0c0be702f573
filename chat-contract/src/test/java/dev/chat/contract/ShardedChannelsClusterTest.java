package dev.chat.contract;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

import dev.chat.testing.RedisClusterServer;

/**
 * The contract on a real 3-master Redis Cluster: send.lua runs in the room's slot (its channel
 * included, through SPUBLISH), rooms' channels spread over the masters, and a room's message is
 * handled by the master that owns it and by no other.
 */
class ShardedChannelsClusterTest {

    private static final RedisClusterServer CLUSTER = RedisClusterServer.shared();
    private static Vertx vertx;
    private static Redis redis;

    private final RedisKeys keys = new RedisKeys("shard-" + UUID.randomUUID().toString().substring(0, 8));

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        RedisOptions options = new RedisOptions().setType(RedisClientType.CLUSTER);
        CLUSTER.nodes().forEach(n -> options.addConnectionString(n.url()));
        redis = Redis.createClient(vertx, options);
    }

    @AfterAll
    static void close() {
        redis.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void roomsSpreadOverTheMastersAndEachMessageStaysOnItsOwner() {
        List<Integer> masters = CLUSTER.masterPorts();
        assertEquals(3, masters.size());
        // rooms until every master owns two (bounded: 3 masters, random ids)
        Map<Integer, List<String>> roomsOf = new HashMap<>();
        masters.forEach(m -> roomsOf.put(m, new ArrayList<>()));
        for (int i = 0; i < 300 && roomsOf.values().stream().anyMatch(r -> r.size() < 2); i++) {
            String room = "r" + UUID.randomUUID().toString().substring(0, 8);
            List<String> owned = roomsOf.get(CLUSTER.ownerOf(keys.channel(room)));
            if (owned.size() < 2) {
                owned.add(room);
            }
        }
        Map<String, List<String>> heard = new ConcurrentHashMap<>();
        List<RedisConnection> subscribers = new ArrayList<>();
        for (int master : masters) {
            RedisConnection conn = Redis.createClient(vertx, "redis://127.0.0.1:" + master).connect()
                    .toCompletionStage().toCompletableFuture().join();
            conn.handler(push -> {
                if ("smessage".equals(push.get(0).toString())) {
                    heard.computeIfAbsent(push.get(1).toString(), c -> new CopyOnWriteArrayList<>())
                            .add(master + " " + push.get(2));
                }
            });
            for (String room : roomsOf.get(master)) {
                join(conn.send(Request.cmd(Command.SSUBSCRIBE).arg(keys.channel(room))));
            }
            subscribers.add(conn);
        }
        for (int master : masters) {
            Set<String> expected = new HashSet<>();
            roomsOf.get(master).forEach(r -> expected.add(keys.channel(r)));
            await().atMost(Duration.ofSeconds(10)).until(() -> shardChannels(master).equals(expected));
        }
        Map<Integer, Long> spublishBefore = new HashMap<>();
        masters.forEach(m -> spublishBefore.put(m, spublishCalls(m)));
        Map<Integer, Long> broadcastBefore = new HashMap<>();
        masters.forEach(m -> broadcastBefore.put(m, clusterPublishReceived(m)));

        roomsOf.values().forEach(rooms -> rooms.forEach(this::send));

        for (int master : masters) {
            for (String room : roomsOf.get(master)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> heard.containsKey(keys.channel(room)));
                List<String> got = heard.get(keys.channel(room));
                assertEquals(1, got.size(), got.toString());
                assertTrue(got.get(0).startsWith(master + " M "), got.toString());
            }
            // each master ran SPUBLISH for its own rooms only, and no message crossed the cluster bus
            assertEquals(2, spublishCalls(master) - spublishBefore.get(master), "SPUBLISH calls on " + master);
            assertEquals(broadcastBefore.get(master), clusterPublishReceived(master), "bus publishes to " + master);
        }
        subscribers.forEach(RedisConnection::close);
    }

    private void send(String room) {
        long now = System.currentTimeMillis();
        join(redis.send(Request.cmd(Command.HSET).arg(keys.meta(room)).arg("name").arg(room)));
        MessageFrames.Parts parts = MessageFrames.message(room, MessageFrames.userJson("u1", "Ann"), "hi " + room, now,
                null, List.of());
        var reply = join(LuaScript.send().run(redis,
                List.of(keys.meta(room), keys.seq(room), keys.history(room), keys.clientIds(room), keys.historyBytes(room)),
                List.of(keys.channel(room), "n1", parts.head(), parts.tail(), "", Long.toString(now + 60_000), "100",
                        Long.toString(now), "1000000")));
        assertEquals("ok", reply.get(0).toString());
    }

    private static Set<String> shardChannels(int master) {
        Set<String> channels = new HashSet<>();
        for (String line : CLUSTER.cli(master, "pubsub", "shardchannels").split("\n")) {
            if (!line.isBlank()) {
                channels.add(line.trim());
            }
        }
        return channels;
    }

    /** How often SPUBLISH ran on this node (from scripts included): INFO commandstats. */
    private static long spublishCalls(int port) {
        for (String line : CLUSTER.cli(port, "info", "commandstats").split("\n")) {
            if (line.startsWith("cmdstat_spublish:")) {
                return Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(',')));
            }
        }
        return 0;
    }

    /** Pub/sub messages this node got over the cluster bus (plain or sharded): CLUSTER INFO. */
    private static long clusterPublishReceived(int port) {
        long total = 0;
        for (String line : CLUSTER.cli(port, "cluster", "info").split("\n")) {
            if (line.startsWith("cluster_stats_messages_publish")) {
                String name = line.substring(0, line.indexOf(':'));
                if (name.endsWith("_received")) {
                    total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        }
        return total;
    }

    private static <T> T join(io.vertx.core.Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }
}
