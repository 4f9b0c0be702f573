package dev.chat.cluster.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * Scenario 2: Redis goes away for 5 s under load and comes back on the same port. The nodes stay
 * up and say not ready, answer every send {@code unavailable} rather than dropping it, and once
 * Redis is back reconnect and resubscribe by themselves; nothing acknowledged is lost.
 *
 * <p>The local cluster runs Redis without persistence; a plain stop would wipe the rooms and the
 * message ids with it, which is a different fault (data loss). So before stopping it the test asks
 * Redis to save on SIGTERM ({@code CONFIG SET shutdown-on-sigterm save}): the outage is an outage,
 * the data survive it as they would with a persistent Redis.
 */
class RedisOutageFaultIT extends FaultCluster {

    private static final String PROMISE = "Redis stopped 5 s under load (6 clients x 20 msg/s), then started on the same "
            + "port: nodes stay up, /q/health/ready of every node and the registry is 503 while it is down, sends "
            + "are answered unavailable (never dropped, never half-written), 0 acknowledged messages lost, every node "
            + "ready again within 5 s of Redis being back";

    @Test
    void redisGoesAwayFor5Seconds() {
        Scenario s = Scenario.begin("redis-outage", "Redis down for 5 s under load", PROMISE, "RedisOutageFaultIT");
        s.method("6 resuming clients (2 per node), a message every 50 ms each; after 1 s deploy/local/cluster stop" +
                " redis, 5 s later start redis on the same port (Redis was told CONFIG SET shutdown-on-sigterm " +
                "save first, so the outage loses no data: the local cluster's Redis has no persistence); a send " +
                "without answer for 1 s is resent with its clientId; every node's and the registry's " +
                "/q/health/ready polled every 100 ms; the load goes on 2.5 s after Redis is back.");
        try {
            run(s);
        } catch (Throwable e) {
            s.crashed(e);
        } finally {
            saveLogs("redis-outage");
        }
        s.verify();
    }

    private void run(Scenario s) {
        String room = ClusterState.createRoom(cluster, "fault redis");
        List<String> services = new ArrayList<>(cluster.chatNodes());
        services.add("room-registry");
        Map<String, Long> downDuringOutage = new ConcurrentHashMap<>();
        Map<String, Long> readyAgain = new ConcurrentHashMap<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        AtomicLong outageStart = new AtomicLong(Long.MAX_VALUE);
        AtomicLong redisBack = new AtomicLong(Long.MAX_VALUE);
        List<Thread> watchers = new ArrayList<>();
        for (String service : services) {
            // each service's readiness every 100 ms (a probe waits at most 2 s), until the test is over
            watchers.add(new Thread(() -> Fleet.until(Duration.ofSeconds(90), Duration.ofMillis(100), () -> {
                long asked = System.nanoTime();
                int status = cluster.readiness(service);
                if (status != 200 && asked >= outageStart.get() && asked < redisBack.get()) {
                    downDuringOutage.putIfAbsent(service, asked);
                } else if (status == 200 && asked > redisBack.get()) {
                    readyAgain.putIfAbsent(service, System.nanoTime());
                }
                return !watching.get();
            }), "readiness-" + service));
        }
        try (Fleet fleet = Fleet.spread(cluster, room, "r", 2)) {
            fleet.joinAll();
            fleet.clients().forEach(ResumingClient::retryUnacknowledged);
            ClusterState.redis(cluster, "CONFIG", "SET", "shutdown-on-sigterm", "save");
            watchers.forEach(Thread::start);

            fleet.startLoad("redis", Duration.ofMillis(50), "", Duration.ofSeconds(40));
            fleet.awaitTraffic(Duration.ofSeconds(1));
            long stopAt = System.nanoTime();
            outageStart.set(stopAt);
            cluster.stop("redis");
            long stopped = System.nanoTime();
            Map<String, Boolean> aliveDuringOutage = new LinkedHashMap<>();
            // Redis stays down for 5 s of traffic (the figure outageMs says how long it really was)
            fleet.awaitTraffic(Duration.ofMillis(5000 - (System.nanoTime() - stopped) / 1_000_000));
            for (String service : services) {
                aliveDuringOutage.put(service, cluster.alive(service));
            }
            cluster.start("redis"); // returns once Redis answers PING
            long back = System.nanoTime();
            redisBack.set(back);
            s.figure("outageMs", (back - stopped) / 1_000_000);

            Fleet.until(Duration.ofSeconds(20), Duration.ofMillis(100), () -> readyAgain.keySet().containsAll(services));
            long loadLeft = 2500 - (System.nanoTime() - back) / 1_000_000;
            if (loadLeft > 0) {
                fleet.awaitTraffic(Duration.ofMillis(loadLeft)); // sends go on after the outage, through the reconnected nodes
            }
            fleet.stopLoad();
            boolean quiet = fleet.awaitQuiet(Duration.ofSeconds(20));
            watching.set(false);

            Map<String, Object> notReady = new TreeMap<>();
            Map<String, Object> readyAfterMs = new TreeMap<>();
            long worstNode = 0;
            List<String> neverDown = new ArrayList<>();
            List<String> notBack = new ArrayList<>();
            for (String service : services) {
                boolean sawDown = downDuringOutage.containsKey(service);
                notReady.put(service, sawDown);
                if (!sawDown) {
                    neverDown.add(service);
                }
                Long up = readyAgain.get(service);
                long ms = up == null ? -1 : (up - back) / 1_000_000;
                readyAfterMs.put(service, ms);
                if (up == null) {
                    notBack.add(service);
                } else if (service.startsWith("chat-node-")) {
                    worstNode = Math.max(worstNode, ms);
                }
            }
            int unavailable = fleet.clients().stream().mapToInt(c -> c.errors().getOrDefault("unavailable", 0)).sum();
            int dropped = fleet.clients().stream().mapToInt(c -> c.unansweredNow() + c.unansweredAtClose()).sum();
            Map<String, List<Integer>> closeCodes = new TreeMap<>();
            fleet.clients().forEach(c -> {
                if (!c.closeCodes().isEmpty()) {
                    closeCodes.put(c.name(), c.closeCodes());
                }
            });
            s.figure("unavailable", unavailable);
            s.figure("errors", NodeKillFaultIT.errors(fleet));
            s.figure("sendsUnanswered", dropped);
            s.figure("resends", fleet.clients().stream().mapToLong(c -> c.transmitted() - c.sent()).sum());
            s.figure("notReadyDuringOutage", notReady);
            s.figure("readyAfterRedisBackMs", readyAfterMs);
            s.figure("nodesReadyAfterMs", notBack.isEmpty() ? worstNode : -1);
            s.figure("aliveDuringOutage", aliveDuringOutage);
            s.figure("clientDisconnects", closeCodes);
            s.figure("quietAfterLoad", quiet);
            Fleet.Audit audit = fleet.audit("redis-outage", ClusterState.storedIds(cluster, room));
            audit.report(s);

            s.check("nodesStayUp", !aliveDuringOutage.containsValue(false), "processes alive during the outage: " + aliveDuringOutage);
            s.check("notReadyWhileDown", neverDown.isEmpty(), neverDown.isEmpty()
                    ? "every node and the registry answered 503 on /q/health/ready while Redis was down"
                    : "stayed ready while Redis was down: " + neverDown);
            s.check("sendsAnsweredUnavailable", unavailable > 0,
                    unavailable + " sends answered unavailable while Redis was down");
            s.check("noSendDropped", dropped == 0, dropped + " sends got neither their message nor an error");
            s.check("readyWithin5s", notBack.isEmpty() && worstNode <= 5000, notBack.isEmpty()
                    ? "slowest node ready " + worstNode + " ms after Redis was back"
                    : "not ready 20 s after Redis was back: " + notBack);
        } finally {
            watching.set(false);
            for (Thread watcher : watchers) {
                try {
                    watcher.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            cluster.startMissing();
        }
    }
}
