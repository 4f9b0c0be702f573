package dev.chat.cluster.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.chat.testing.WsClient;

/**
 * Scenario 1: a chat node dies ({@code kill -9}) while six clients chat. Its clients come back
 * through the gateway on the other nodes and resume with {@code since}; nobody loses or repeats a
 * message, and the room's user count forgets the dead node's users within the presence TTL.
 */
class NodeKillFaultIT extends FaultCluster {

    private static final String PROMISE = "kill -9 of one of 3 nodes under load (6 clients x 20 msg/s): its clients "
            + "reconnect through the gateway and resume with since; 0 messages lost, 0 duplicates in any view; "
            + "GET /api/rooms/{id} users right again within 15 s";

    @Test
    void killOneNodeUnderLoad() {
        killOneNodeUnderLoad("node-kill", "", "NodeKillFaultIT");
    }

    /** Also run on a Redis Cluster ({@link RedisClusterFaultIT}), on the cluster of the calling class. */
    void killOneNodeUnderLoad(String id, String titleSuffix, String testSelector) {
        Scenario s = Scenario.begin(id, "Chat node killed (kill -9) under load" + titleSuffix, PROMISE, testSelector);
        s.method("6 resuming clients (2 per node) in a room of their own, each sending a stamped message with a " +
                "clientId every 50 ms; after 2 s the node of the first client gets SIGKILL and the load goes on 4" +
                " s more; a 7th, plain client on that node does not come back and must leave the room's count; " +
                "then the room must be quiet (every send acknowledged, every client at the same last id) within " +
                "20 s; the clients' views are compared with each other and with the room's Redis stream. " +
                "Reconnect time: socket closed to next joined, including the client's 50-100 ms backoff.");
        try {
            run(s, id);
        } catch (Throwable e) {
            s.crashed(e);
        } finally {
            saveLogs(id);
        }
        s.verify();
    }

    private void run(Scenario s, String id) {
        String room = ClusterState.createRoom(cluster, "fault kill");
        try (Fleet fleet = Fleet.spread(cluster, room, "k", 2)) {
            fleet.joinAll();
            String victimNode = fleet.clients().get(0).node();
            String victim = nodeName(victimNode);
            List<ResumingClient> onVictim = fleet.on(victimNode);
            s.figure("victim", victim);
            s.figure("clientsOnVictim", onVictim.size());

            // a user on the victim who does not come back: the count must forget them
            WsClient bystander = null;
            for (int i = 0; i < 12 && bystander == null; i++) {
                WsClient c = cluster.connect();
                if (victimNode.equals(c.next("welcome").get("node").asText())) {
                    bystander = c;
                } else {
                    c.close();
                }
            }
            if (bystander == null) {
                throw new AssertionError("could not place a bystander on " + victimNode);
            }
            bystander.join(room);
            bystander.next("joined");
            int expected = fleet.clients().size();
            Fleet.until(Duration.ofSeconds(10), Duration.ofMillis(100), () -> ClusterState.users(cluster, room) == expected + 1);
            s.figure("usersBeforeKill", ClusterState.users(cluster, room));

            fleet.startLoad("kill", Duration.ofMillis(50), "", Duration.ofSeconds(30));
            fleet.awaitTraffic(Duration.ofSeconds(2));
            long killedAt = System.nanoTime();
            cluster.kill(victim);
            CompletableFuture<Long> usersRight = CompletableFuture.supplyAsync(() -> {
                boolean right = Fleet.until(Duration.ofSeconds(20), Duration.ofMillis(200),
                        () -> ClusterState.users(cluster, room) == expected);
                return right ? (System.nanoTime() - killedAt) / 1_000_000 : -1L;
            });
            fleet.awaitTraffic(Duration.ofSeconds(4)); // the load goes on while the victim's clients move (under the history cap of 1000)
            fleet.stopLoad();
            boolean quiet = fleet.awaitQuiet(Duration.ofSeconds(20));
            long usersMs = usersRight.join();
            bystander.close();

            List<Long> reconnects = new ArrayList<>();
            Map<String, List<Integer>> closeCodes = new TreeMap<>();
            List<String> notMoved = new ArrayList<>();
            for (ResumingClient c : fleet.clients()) {
                if (!c.closeCodes().isEmpty()) {
                    closeCodes.put(c.name(), c.closeCodes());
                }
                reconnects.addAll(c.reconnectMillis());
                if (onVictim.contains(c) && (c.reconnectMillis().isEmpty() || victimNode.equals(c.node()))) {
                    notMoved.add(c.name() + " " + c.nodes());
                }
            }
            s.figure("reconnects", reconnects.size());
            s.figure("reconnectP50Ms", Fleet.percentile(reconnects, 50));
            s.figure("reconnectP99Ms", Fleet.percentile(reconnects, 99));
            s.figure("reconnectMaxMs", Fleet.percentile(reconnects, 100));
            s.figure("closeCodes", closeCodes);
            s.figure("usersRightAfterMs", usersMs);
            s.figure("quietAfterLoad", quiet);
            s.figure("errors", errors(fleet));
            Fleet.Audit audit = fleet.audit(id, ClusterState.storedIds(cluster, room));
            audit.report(s);
            s.figure("recoveredFalse", audit.recoveredFalse());

            s.check("victimClientsResumedElsewhere", notMoved.isEmpty(),
                    notMoved.isEmpty() ? onVictim.size() + " clients of " + victim + " resumed on other nodes"
                            : "not resumed on another node: " + notMoved);
            s.check("othersUndisturbed", closeCodes.keySet().stream().allMatch(n -> onVictim.stream().anyMatch(c -> c.name().equals(n))),
                    "clients of the surviving nodes were not disconnected: " + closeCodes);
            s.check("usersRightWithin15s", usersMs >= 0 && usersMs <= 15_000,
                    "users = " + expected + " again " + (usersMs < 0 ? "not within 20 s" : "after " + usersMs + " ms"));
            s.check("gapRecovered", audit.recoveredFalse() == 0, audit.recoveredFalse() + " joins answered recovered:false");
        } finally {
            cluster.startMissing();
        }
    }

    static Map<String, Integer> errors(Fleet fleet) {
        Map<String, Integer> all = new TreeMap<>();
        fleet.clients().forEach(c -> c.errors().forEach((code, n) -> all.merge(code, n, Integer::sum)));
        return all;
    }
}
