package dev.chat.cluster.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.chat.cluster.OnRedisCluster;
import dev.chat.cluster.ShardMap;

/**
 * Topology changes of a Redis Cluster under load (a local 3-master, 3-replica cluster, {@code
 * REDIS_MODE=cluster}): the slot of a busy room migrates to another master, and a room's master is
 * killed and its replica promoted. The nodes resubscribe on the new owner and fill the gap from
 * history; clients resend what got no answer; nobody loses or repeats a message.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterFaultIT extends FaultCluster implements OnRedisCluster {

    @Test
    @Order(1)
    void theSlotOfABusyRoomMigratesToAnotherMaster() {
        Scenario s = Scenario.begin("redis-slot-migration", "Redis Cluster: a busy room's slot migrates",
                "the hash slot of a room under load (6 clients x 20 msg/s) moves to another master (CLUSTER SETSLOT "
                        + "IMPORTING/MIGRATING, MIGRATE of its keys, SETSLOT NODE): the nodes get an unsolicited sunsubscribe, "
                        + "subscribe on the new owner and fill the gap from history; 0 lost, 0 duplicates in any view",
                "RedisClusterFaultIT");
        s.method("6 resuming clients (2 per node) in a room of their own, a message every 50 ms each; after 2 s the "
                + "room's slot is moved from its master to another one by hand (the redis-cli steps of a resharding); "
                + "the load goes on 3 s more; then the room must be quiet within 20 s and the clients' views are "
                + "compared with each other and with the room's stream (on its new master).");
        try {
            String room = ClusterState.createRoom(cluster, "fault slot");
            String channel = "chat:{" + room + "}:channel";
            try (Fleet fleet = Fleet.spread(cluster, room, "m", 2)) {
                fleet.joinAll();
                fleet.startLoad("move", Duration.ofMillis(50), "", Duration.ofSeconds(30));
                fleet.awaitTraffic(Duration.ofSeconds(2));
                ShardMap before = ShardMap.read(cluster);
                int from = before.ownerOf(channel);
                int to = before.masters().stream().filter(m -> m != from).findFirst().orElseThrow();
                long movedAt = System.nanoTime();
                int keys = migrateSlot(before, before.slotOf(channel), from, to);
                s.figure("slotMoveMs", (System.nanoTime() - movedAt) / 1_000_000);
                s.figure("keysMoved", keys);
                fleet.awaitTraffic(Duration.ofSeconds(3));
                fleet.stopLoad();
                boolean quiet = fleet.awaitQuiet(Duration.ofSeconds(20));
                ShardMap after = ShardMap.read(cluster);
                s.figure("quietAfterLoad", quiet);
                s.figure("errors", NodeKillFaultIT.errors(fleet));
                s.check("slotMoved", after.ownerOf(channel) == to, "the room's slot is on master " + after.ownerOf(channel)
                        + " (moved from " + from + " to " + to + ")");
                s.check("subscribedOnTheNewOwner", Fleet.until(Duration.ofSeconds(10), Duration.ofMillis(200),
                        () -> after.shardChannels(to).contains(channel) && !after.shardChannels(from).contains(channel)),
                        "PUBSUB SHARDCHANNELS lists the room's channel on the new owner only");
                Fleet.Audit audit = fleet.audit("redis-slot-migration", ClusterState.storedIds(cluster, room));
                audit.report(s);
            }
        } catch (Throwable e) {
            s.crashed(e);
        } finally {
            saveLogs("redis-slot-migration");
        }
        s.verify();
    }

    @Test
    @Order(2)
    void aRoomsMasterIsKilledAndItsReplicaPromoted() {
        Scenario s = Scenario.begin("redis-failover", "Redis Cluster: a room's master killed, its replica promoted",
                "kill -9 of the master of a room under load (6 clients x 20 msg/s); its replica takes over after "
                        + "cluster-node-timeout (2 s): sends meanwhile are answered unavailable (never dropped), the nodes "
                        + "reconnect with backoff, resubscribe and fill gaps; 0 lost, 0 duplicates in any view (resume and "
                        + "resend); acknowledged messages lost to asynchronous replication counted",
                "RedisClusterFaultIT");
        s.method("6 resuming clients (2 per node) in a room of their own, a message every 50 ms each; after 2 s the "
                + "master owning the room's slot gets SIGKILL; the load goes on 8 s more (the failover takes "
                + "cluster-node-timeout 2 s plus the election); a send without answer for 1 s is resent with its "
                + "clientId; then the room must be quiet within 30 s; the killed node is started again afterwards "
                + "(it rejoins as a replica).");
        try {
            String room = ClusterState.createRoom(cluster, "fault failover");
            String channel = "chat:{" + room + "}:channel";
            try (Fleet fleet = Fleet.spread(cluster, room, "f", 2)) {
                fleet.joinAll();
                fleet.clients().forEach(ResumingClient::retryUnacknowledged);
                fleet.startLoad("kill", Duration.ofMillis(50), "", Duration.ofSeconds(40));
                fleet.awaitTraffic(Duration.ofSeconds(2));
                ShardMap before = ShardMap.read(cluster);
                int master = before.ownerOf(channel);
                String victim = cluster.redisNodes().stream().filter(n -> cluster.port(n) == master).findFirst()
                        .orElseThrow();
                s.figure("victim", victim);
                long killedAt = System.nanoTime();
                cluster.kill(victim);
                boolean promoted = Fleet.until(Duration.ofSeconds(30), Duration.ofMillis(200), () -> {
                    try {
                        ShardMap now = ShardMap.read(cluster);
                        return now.masters().size() == 3 && now.ownerOf(channel) != master;
                    } catch (RuntimeException notYet) {
                        return false;
                    }
                });
                s.figure("replicaPromotedAfterMs", (System.nanoTime() - killedAt) / 1_000_000);
                fleet.awaitTraffic(Duration.ofSeconds(6));
                fleet.stopLoad();
                boolean quiet = fleet.awaitQuiet(Duration.ofSeconds(30));
                List<String> ready = new ArrayList<>();
                boolean nodesReady = Fleet.until(Duration.ofSeconds(20), Duration.ofMillis(200), () -> {
                    ready.clear();
                    cluster.chatNodes().stream().filter(n -> cluster.readiness(n) == 200).forEach(ready::add);
                    return ready.size() == cluster.chatNodes().size();
                });
                Map<String, Integer> errors = NodeKillFaultIT.errors(fleet);
                s.figure("quietAfterLoad", quiet);
                s.figure("errors", errors);
                s.check("replicaPromoted", promoted, "the room's slot is served by another master (the promoted replica)");
                s.check("nodesReadyAgain", nodesReady, "chat nodes ready again: " + ready);
                Fleet.Audit audit = fleet.audit("redis-failover", ClusterState.storedIds(cluster, room));
                s.figure("acknowledgedLostToFailover", audit.ackedNotStored());
                audit.report(s);
            }
        } catch (Throwable e) {
            s.crashed(e);
        } finally {
            saveLogs("redis-failover");
        }
        s.verify();
    }

    @Test
    @Order(3)
    void aChatNodeIsKilledUnderLoadOnARedisCluster() {
        new NodeKillFaultIT().killOneNodeUnderLoad("node-kill-on-redis-cluster", " (on a Redis Cluster)",
                "RedisClusterFaultIT");
    }

    @Test
    @Order(4)
    void aChatNodeIsDrainedUnderLoadOnARedisCluster() {
        new NodeDrainFaultIT().terminateOneNodeUnderLoad("node-drain-on-redis-cluster", " (on a Redis Cluster)",
                "RedisClusterFaultIT");
    }

    /** The redis-cli steps of a resharding for one slot; answers how many keys moved. */
    private static int migrateSlot(ShardMap shards, int slot, int from, int to) {
        String fromId = ClusterState.redisAt(cluster, from, "CLUSTER", "MYID").get(0).trim();
        String toId = ClusterState.redisAt(cluster, to, "CLUSTER", "MYID").get(0).trim();
        String slotArg = Integer.toString(slot);
        ClusterState.redisAt(cluster, to, "CLUSTER", "SETSLOT", slotArg, "IMPORTING", fromId);
        ClusterState.redisAt(cluster, from, "CLUSTER", "SETSLOT", slotArg, "MIGRATING", toId);
        int moved = 0;
        for (int round = 0; round < 20; round++) {
            List<String> keys = ClusterState.redisAt(cluster, from, "CLUSTER", "GETKEYSINSLOT", slotArg, "100").stream()
                    .filter(k -> !k.isBlank()).toList();
            if (keys.isEmpty()) {
                break;
            }
            List<String> migrate = new ArrayList<>(List.of("MIGRATE", "127.0.0.1", Integer.toString(to), "", "0", "5000",
                    "AUTH2", "admin", cluster.secrets().get("REDIS_ADMIN_PASSWORD"), "KEYS"));
            migrate.addAll(keys);
            ClusterState.redisAt(cluster, from, migrate.toArray(String[]::new));
            moved += keys.size();
        }
        ClusterState.redisAt(cluster, to, "CLUSTER", "SETSLOT", slotArg, "NODE", toId);
        ClusterState.redisAt(cluster, from, "CLUSTER", "SETSLOT", slotArg, "NODE", toId);
        for (int other : shards.masters()) {
            if (other != from && other != to) {
                ClusterState.redisAt(cluster, other, "CLUSTER", "SETSLOT", slotArg, "NODE", toId);
            }
        }
        return moved;
    }
}
