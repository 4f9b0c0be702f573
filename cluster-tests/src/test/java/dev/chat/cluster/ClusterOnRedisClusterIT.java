package dev.chat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.chat.cluster.fault.ClusterState;
import dev.chat.testing.WsClient;

/**
 * {@link ClusterIT} again, on a local 3-master, 3-replica Redis Cluster ({@code REDIS_MODE=cluster}),
 * plus what only a cluster shows: rooms' channels are spread over the masters, each subscribed on
 * the master that owns its slot, and a room's message stays on that master (and its replica).
 */
class ClusterOnRedisClusterIT extends ClusterIT implements OnRedisCluster {

    @Test
    @Order(50)
    void roomsChannelsAreSpreadOverTheMastersAndAMessageStaysOnItsOwner() {
        ShardMap shards = ShardMap.read(cluster);
        assertEquals(3, shards.masters().size(), "3 masters");
        // rooms until every master owns one (bounded: each room lands on a master at random)
        Map<Integer, String> roomOf = new HashMap<>();
        for (int i = 0; i < 40 && roomOf.size() < 3; i++) {
            String room = ClusterState.createRoom(cluster, "shard");
            roomOf.putIfAbsent(shards.ownerOf(channel(room)), room);
        }
        assertEquals(shards.masters(), roomOf.keySet(), "a room on every master");
        List<WsClient> members = new ArrayList<>();
        try {
            for (String room : roomOf.values()) {
                WsClient member = cluster.connect();
                member.next("welcome");
                member.join(room);
                member.next("joined");
                members.add(member);
            }
            for (int master : shards.masters()) {
                String expected = channel(roomOf.get(master));
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> shards.shardChannels(master).contains(expected));
                for (int other : shards.masters()) {
                    if (other != master) {
                        assertTrue(!shards.shardChannels(other).contains(expected), expected + " only on its owner");
                    }
                }
            }

            int owner = shards.masters().iterator().next();
            int replica = shards.replicasOf(owner).iterator().next();
            Map<Integer, Long> before = busPublishes(shards);
            long replicaBefore = shards.clusterInfo(replica, "cluster_stats_messages_publishshard_received");
            long ownerSpublish = shards.calls(owner, "spublish");
            String text = "only on " + owner + " " + UUID.randomUUID();
            WsClient sender = members.get(new ArrayList<>(roomOf.keySet()).indexOf(owner));
            sender.say(text);
            sender.next("message", m -> m.get("text").asText().equals(text), Duration.ofSeconds(10));

            assertTrue(shards.calls(owner, "spublish") > ownerSpublish, "the owner published it");
            Map<Integer, Long> after = busPublishes(shards);
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> shards.clusterInfo(replica, "cluster_stats_messages_publishshard_received")
                            > replicaBefore);
            for (int master : shards.masters()) {
                assertEquals(before.get(master), after.get(master), "no message crossed the cluster bus to master " + master);
            }
            for (String node : cluster.redisNodes()) {
                assertEquals(0, shards.clusterInfo(cluster.port(node), "cluster_stats_messages_publish_received"),
                        "no plain PUBLISH broadcast reached " + node);
            }
        } finally {
            members.forEach(WsClient::close);
        }
    }

    /** Pub/sub messages each node got over the cluster bus, plain and sharded. */
    private static Map<Integer, Long> busPublishes(ShardMap shards) {
        Map<Integer, Long> got = new HashMap<>();
        for (String node : cluster.redisNodes()) {
            int port = cluster.port(node);
            got.put(port, shards.clusterInfo(port, "cluster_stats_messages_publish_received")
                    + shards.clusterInfo(port, "cluster_stats_messages_publishshard_received"));
        }
        return got;
    }

    private static String channel(String room) {
        return "chat:{" + room + "}:channel";
    }
}
