package dev.chat.cluster.fault;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/**
 * Scenario 3: a chat node gets SIGTERM (a rolling restart) while six clients chat. It refuses new
 * upgrades with 503, finishes its clients' frames, closes them with 1012 and exits; they resume at
 * once on the other nodes and nobody loses or repeats a message.
 */
class NodeDrainFaultIT extends FaultCluster {

    private static final String PROMISE = "SIGTERM to one of 3 nodes under load: upgrades to it answered 503 while "
            + "it drains, its clients closed with 1012 and resumed on other nodes, 0 messages lost, 0 duplicates, "
            + "the node exits within 15 s (the cluster script's stop timeout)";

    @Test
    void terminateOneNodeUnderLoad() {
        terminateOneNodeUnderLoad("node-drain", "", "NodeDrainFaultIT");
    }

    /** Also run on a Redis Cluster ({@link RedisClusterFaultIT}), on the cluster of the calling class. */
    void terminateOneNodeUnderLoad(String id, String titleSuffix, String testSelector) {
        Scenario s = Scenario.begin(id, "Chat node drained (SIGTERM) under load" + titleSuffix, PROMISE, testSelector);
        s.method("6 resuming clients (2 per node), a message every 50 ms each; after 2 s the node of the first " +
                "client gets SIGTERM; raw upgrades go straight to its port every 50 ms until it exits (counted " +
                "once one of its clients has been closed); the load goes on until 4 s after the signal; exit time" +
                " from the signal to the process's end.");
        try {
            run(s, id);
        } catch (Throwable e) {
            s.crashed(e);
        } finally {
            saveLogs(id);
        }
        s.verify();
    }

    private void run(Scenario s, String id) throws Exception {
        String room = ClusterState.createRoom(cluster, "fault drain");
        try (Fleet fleet = Fleet.spread(cluster, room, "d", 2)) {
            fleet.joinAll();
            String victimNode = fleet.clients().get(0).node();
            String victim = nodeName(victimNode);
            int victimPort = cluster.port(victim);
            List<ResumingClient> onVictim = fleet.on(victimNode);
            s.figure("victim", victim);
            s.figure("clientsOnVictim", onVictim.size());

            fleet.startLoad("drain", Duration.ofMillis(50), "", Duration.ofSeconds(30));
            fleet.awaitTraffic(Duration.ofSeconds(2));
            long termAt = System.nanoTime();
            ProcessHandle process = cluster.terminate(victim);
            CompletableFuture<Long> exited = process.onExit().thenApply(p -> (System.nanoTime() - termAt) / 1_000_000);

            // upgrades to the draining node, straight to its port, until it is gone: once a client
            // has been closed the node is surely draining, and must not accept anyone new
            Map<String, Integer> upgradesWhileDraining = new TreeMap<>();
            Fleet.until(Duration.ofSeconds(20), Duration.ofMillis(50), () -> {
                boolean draining = onVictim.stream().anyMatch(c -> !c.closeCodes().isEmpty());
                String answer = upgrade(victimPort);
                if (draining) {
                    upgradesWhileDraining.merge(answer, 1, Integer::sum);
                }
                return exited.isDone();
            });
            long exitMs;
            try {
                exitMs = exited.get(Math.max(1, Duration.ofSeconds(30).toMillis() - (System.nanoTime() - termAt) / 1_000_000),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                exitMs = -1;
            }
            long loadLeft = 4000 - (System.nanoTime() - termAt) / 1_000_000;
            if (loadLeft > 0) {
                fleet.awaitTraffic(Duration.ofMillis(loadLeft)); // the load goes on while the clients move
            }
            fleet.stopLoad();
            boolean quiet = fleet.awaitQuiet(Duration.ofSeconds(20));

            List<Long> reconnects = new ArrayList<>();
            Map<String, List<Integer>> closeCodes = new TreeMap<>();
            List<String> not1012 = new ArrayList<>();
            int moved = 0;
            for (ResumingClient c : fleet.clients()) {
                if (!c.closeCodes().isEmpty()) {
                    closeCodes.put(c.name(), c.closeCodes());
                }
                reconnects.addAll(c.reconnectMillis());
                if (onVictim.contains(c)) {
                    if (!c.reconnectMillis().isEmpty() && !victimNode.equals(c.node()) && c.node() != null) {
                        moved++;
                    }
                    if (c.closeCodes().isEmpty() || c.closeCodes().get(0) != 1012) {
                        not1012.add(c.name() + " " + c.closeCodes());
                    }
                }
            }
            int unansweredAtClose = onVictim.stream().mapToInt(ResumingClient::unansweredAtClose).sum();
            s.figure("clientsMoved", moved);
            s.figure("closeCodes", closeCodes);
            s.figure("exitMs", exitMs);
            s.figure("upgradesWhileDraining", upgradesWhileDraining);
            s.figure("reconnectP50Ms", Fleet.percentile(reconnects, 50));
            s.figure("reconnectP99Ms", Fleet.percentile(reconnects, 99));
            s.figure("sendsUnansweredAtClose", unansweredAtClose);
            s.figure("quietAfterLoad", quiet);
            s.figure("errors", NodeKillFaultIT.errors(fleet));
            Fleet.Audit audit = fleet.audit(id, ClusterState.storedIds(cluster, room));
            audit.report(s);

            s.check("closedWith1012", not1012.isEmpty(), not1012.isEmpty()
                    ? "every client of " + victim + " got close code 1012" : "first close code not 1012: " + not1012);
            s.check("clientsMoved", moved == onVictim.size(), moved + " of " + onVictim.size() + " clients resumed on another node");
            s.check("othersUndisturbed", closeCodes.keySet().stream().allMatch(n -> onVictim.stream().anyMatch(c -> c.name().equals(n))),
                    "clients of the surviving nodes were not disconnected: " + closeCodes);
            s.check("noUpgradeWhileDraining", !upgradesWhileDraining.containsKey("101"),
                    "upgrade answers after the first 1012 (503 expected; refused once the port is closed): " + upgradesWhileDraining);
            s.check("exitWithin15s", exitMs >= 0 && exitMs <= 15_000,
                    exitMs < 0 ? "still running 30 s after SIGTERM" : "exited " + exitMs + " ms after SIGTERM");
        } finally {
            cluster.startMissing();
        }
    }

    /** One upgrade straight to a node: its HTTP status, or "refused"/"no answer". */
    private static String upgrade(int port) {
        try (RawWebSocket ws = RawWebSocket.open(port, "/ws", Map.of(), 0)) {
            return ws.status() == 0 ? "no answer" : Integer.toString(ws.status());
        } catch (java.net.ConnectException e) {
            return "refused";
        } catch (IOException e) {
            return "error " + e.getClass().getSimpleName();
        }
    }
}
