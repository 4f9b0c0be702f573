package dev.chat.cluster.fault;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Scenario 5: hostile input. Several connections send over 10 000 generated malformed, oversized
 * and protocol-breaking frames while junk upgrade requests and random bytes hit the nodes' and the
 * gateway's ports. Every frame must be answered with an {@code error} (the connection surviving)
 * or end its connection with a policy or protocol close code; no node may go down; and clients
 * chatting meanwhile in their own room must notice nothing.
 */
class HostileInputFaultIT extends FaultCluster {

    private static final String PROMISE = ">= 10 000 generated malformed/oversized frames (bad JSON, 10k-deep nesting, "
            + "huge numbers, invalid UTF-8, nulls, wrong types, binary, oversized, broken framing) from 4 connections at a "
            + "time plus junk upgrade requests and random bytes on every node's and the gateway's port: each frame "
            + "answered with an error or its connection closed with 1002/1003/1007/1008/1009, 0 unanswered; Origin not "
            + "allowed -> 403, same-host Origin -> 101; an address's 21st connection to a node -> 429; 0 node crashes "
            + "(every node alive and ready); well-behaved clients meanwhile see no error and lose nothing. Then one person "
            + "against everyone else: 1 000 messages of 2 000 characters cannot lock a member out (the resume is trimmed "
            + "to its budget, recovered:false, never 1008) and control characters are refused; a join flood from one "
            + "client is refused (rate_limited, 1008) while the others' p99 stays within 2x of a quiet window (+25 ms); "
            + "random query strings do not get past the room list's cache; look-alike room names are taken; uploads need a "
            + "member's token; Redis refuses anonymous clients and the node's user anything but the chat's keys, runs "
            + "noeviction, and when full refuses clearly, loses nothing and recovers";

    private static final int FRAMES = 10_400;
    private static final int WORKERS = 4;
    private static final Set<Integer> POLICY_CODES = Set.of(1002, 1003, 1007, 1008, 1009);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Counts of one run, shared by the workers. */
    private static final class Tally {
        final Map<String, Integer> outcomes = new TreeMap<>();
        final Map<String, Integer> errorCodes = new TreeMap<>();
        final Map<Integer, Integer> closeCodes = new TreeMap<>();
        final Map<String, Integer> unansweredKinds = new TreeMap<>();
        final Map<String, Integer> badCloses = new TreeMap<>();
        final Map<String, Integer> upgradeRefusals = new TreeMap<>();
        final Map<String, Map<String, Integer>> junk = new TreeMap<>();
        final Map<String, Map<String, Integer>> byKind = new TreeMap<>();
        final List<String> junkBroken = new ArrayList<>();
        int sent;
        int connections;

        synchronized void outcome(String what) {
            outcomes.merge(what, 1, Integer::sum);
        }

        synchronized void outcome(Hostile.Attack attack, String what, String detail) {
            outcomes.merge(what, 1, Integer::sum);
            byKind.computeIfAbsent(attack.kind(), k -> new TreeMap<>()).merge(detail, 1, Integer::sum);
        }

        synchronized int get(String what) {
            return outcomes.getOrDefault(what, 0);
        }
    }

    @Test
    void hostileInputDoesNotHurtTheCluster() {
        Scenario s = Scenario.begin("hostile-input", "Hostile input: malformed frames and junk upgrades", PROMISE,
                "HostileInputFaultIT");
        s.method("4 raw connections at a time (one straight to each node, one through nginx) each send a generated" +
                " hostile frame (26 kinds, seeds 1000-1003) and wait up to 3 s for its answer, reconnecting when " +
                "closed; meanwhile 18 kinds of junk requests x 5 rounds hit every node's port and the gateway's; " +
                "afterwards 25 simultaneous upgrades to one node, 60 unknown-type frames on one connection (max-" +
                "errors set to 30), 120 sends at once (limit set to 100/s, burst 100; under the 128 frames a connection may have waiting); 3 resuming clients (1 per " +
                "node) chat every 100 ms in their own room throughout. Then: 10 connections send 1 000 messages of 2 000 " +
                "'x' to a new room, a member who was there before resumes from before them, a newcomer joins; 4 s of the " +
                "calm load alone, then 4 s of one client pipelining joins at node 1 (15 at once, then 300 at a time, reconnecting whenever cut off), each " +
                "window's send-to-receive latencies of the calm clients; 30 GET /api/rooms?x=<random> counted in Redis' " +
                "SMEMBERS calls; rooms named as an existing one in capitals, full-width letters, with a bidi override; " +
                "uploads without a token, by a stranger, by a member; redis-cli without a password and as chat-node; " +
                "60 GET /api/rooms/general at once (the gateway's 429 and its headers), a WebSocket with ?token= " +
                "(the gateway's access log), WebSockets through the gateway from one address until refused " +
                "(GATEWAY_CONNECTIONS_PER_ADDRESS set to 40); " +
                "after the load, Redis' maxmemory set 1 MiB under what it holds, a send and a creation, then restored.");
        try {
            run(s);
        } catch (Throwable e) {
            s.crashed(e);
        } finally {
            saveLogs("hostile-input");
        }
        s.verify();
    }

    private void run(Scenario s) throws Exception {
        String room = ClusterState.createRoom(cluster, "fault hostile");
        List<String> nodes = cluster.chatNodes();
        Tally tally = new Tally();
        try (Fleet fleet = Fleet.spread(cluster, room, "w", 1)) {
            fleet.joinAll();
            fleet.startLoad("calm", Duration.ofMillis(100), "", Duration.ofSeconds(120));
            long started = System.nanoTime();
            long deadline = started + Duration.ofSeconds(90).toNanos();

            ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 1);
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                // three workers straight at one node each, one through the gateway
                int port = w < nodes.size() ? cluster.port(nodes.get(w)) : cluster.gatewayPort();
                long seed = 1000 + w;
                work.add(pool.submit(() -> attack(port, new Hostile(seed, "h" + seed), FRAMES / WORKERS, deadline, tally)));
            }
            work.add(pool.submit(() -> junk(cluster, nodes, deadline, tally)));
            for (Future<?> f : work) {
                f.get(Math.max(1, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS);
            }
            pool.shutdownNow();
            long barrageMs = (System.nanoTime() - started) / 1_000_000;

            Map<String, Integer> flood = flood(cluster.port(nodes.get(0)), 25);
            Map<String, Object> abuse = abuse(cluster.port(nodes.get(1)));
            Map<String, Object> sendFlood = sendFlood(cluster.port(nodes.get(2)));

            Map<String, Object> lockOut = Attacks.historyLockOut(cluster);
            long quietFrom = System.nanoTime();
            fleet.awaitTraffic(Duration.ofSeconds(4));
            long quietTo = System.nanoTime();
            Map<String, Object> joinFlood = Attacks.joinFlood(cluster.port(nodes.get(0)), Duration.ofSeconds(4));
            long floodTo = System.nanoTime();
            List<Double> quietLatency = new ArrayList<>();
            List<Double> floodLatency = new ArrayList<>();
            for (ResumingClient c : fleet.clients()) {
                quietLatency.addAll(c.latenciesMillis(quietFrom, quietTo));
                floodLatency.addAll(c.latenciesMillis(quietTo, floodTo));
            }
            double quietP99 = Fleet.percentile(quietLatency, 99);
            double floodP99 = Fleet.percentile(floodLatency, 99);
            Map<String, Object> cache = Attacks.cacheBypass(cluster);
            Map<String, Object> names = Attacks.lookAlikes(cluster);
            Map<String, Object> uploads = Attacks.uploads(cluster);
            Map<String, Object> redisAccess = Attacks.redisAccess(cluster);
            Map<String, Object> gatewayConnections = Attacks.gatewayConnections(cluster, GATEWAY_CONNECTIONS_PER_ADDRESS);

            fleet.stopLoad();
            boolean quiet = fleet.awaitQuiet(Duration.ofSeconds(15));

            Map<String, String> health = new TreeMap<>();
            List<String> hurt = new ArrayList<>();
            for (String node : nodes) {
                boolean alive = cluster.alive(node);
                int ready = cluster.readiness(node);
                health.put(node, (alive ? "alive" : "DEAD") + "/ready=" + ready);
                if (!alive || ready != 200) {
                    hurt.add(node);
                }
            }

            int answered = tally.get("answered-error") + tally.get("answered-accepted");
            int closedPolicy = tally.get("closed-policy");
            int closedNoCode = tally.get("closed-no-code");
            int closedNoCodePayload = tally.get("closed-no-code-payload");
            int closedOther = tally.get("closed-other-code");
            int unanswered = tally.get("unanswered");
            Map<String, Integer> wellErrors = NodeKillFaultIT.errors(fleet);
            Map<String, List<Integer>> wellCloses = new TreeMap<>();
            fleet.clients().forEach(c -> {
                if (!c.closeCodes().isEmpty()) {
                    wellCloses.put(c.name(), c.closeCodes());
                }
            });

            s.figure("framesSent", tally.sent);
            s.figure("answeredWithError", tally.get("answered-error"));
            s.figure("answeredAccepted", tally.get("answered-accepted"));
            s.figure("closedWithPolicyCode", closedPolicy);
            s.figure("closedWithoutCode", closedNoCode);
            s.figure("closedOtherCode", closedOther);
            s.figure("unanswered", unanswered);
            s.figure("errorCodes", tally.errorCodes);
            s.figure("closeCodes", tally.closeCodes);
            s.figure("unansweredKinds", tally.unansweredKinds);
            s.figure("badCloses", tally.badCloses);
            s.figure("outcomesByKind", tally.byKind);
            s.figure("hostileConnections", tally.connections);
            s.figure("hostileUpgradeRefusals", tally.upgradeRefusals);
            s.figure("junkRequests", tally.junk.values().stream().mapToInt(m -> m.values().stream().mapToInt(Integer::intValue).sum()).sum());
            s.figure("junkAnswers", tally.junk);
            s.figure("connectionFlood25", flood);
            s.figure("persistentAbuse", abuse);
            s.figure("sendFlood120", sendFlood);
            s.figure("barrageMs", barrageMs);
            s.figure("nodeHealth", health);
            s.figure("nodeCrashes", nodes.stream().filter(n -> !cluster.alive(n)).count());
            s.figure("wellBehavedErrors", wellErrors);
            s.figure("wellBehavedDisconnects", wellCloses);
            s.figure("quietAfterLoad", quiet);
            Fleet.Audit audit = fleet.audit("hostile-input", ClusterState.storedIds(cluster, room));
            audit.report(s);
            Map<String, Object> redisFull = Attacks.redisFull(cluster, room);
            // last: its burst leaves this address rate-limited at the gateway for a few seconds
            Map<String, Object> edges = Attacks.gatewayEdges(cluster);

            s.figure("historyLockOut", lockOut);
            s.figure("joinFlood", joinFlood);
            s.figure("latencyP99QuietMs", Fleet.ms(quietP99));
            s.figure("latencyP99JoinFloodMs", Fleet.ms(floodP99));
            s.figure("latencySamplesQuietFlood", quietLatency.size() + "/" + floodLatency.size());
            s.figure("roomListCacheBypass", cache);
            s.figure("lookAlikeRoomNames", names);
            s.figure("uploads", uploads);
            s.figure("redisAccess", redisAccess);
            s.figure("redisFull", redisFull);
            s.figure("gatewayEdges", edges);
            s.figure("gatewayConnectionsPerAddress", gatewayConnections);

            s.check("atLeast10000Frames", tally.sent >= 10_000, tally.sent + " hostile frames sent");
            s.check("everyFrameAnswered", unanswered == 0, unanswered + " frames got neither an answer nor a close within 3 s: "
                    + tally.unansweredKinds);
            s.check("closedOnlyWithPolicyCodes", closedOther == 0 && closedNoCodePayload == 0,
                    closedOther + " closes with a code other than 1002/1003/1007/1008/1009, " + closedNoCodePayload
                            + " payload frames ended by a close without code: " + tally.badCloses);
            s.check("noNodeHurt", hurt.isEmpty(), "after the barrage: " + health);
            s.check("junkUpgradesRefused", tally.junkBroken.isEmpty(),
                    tally.junkBroken.isEmpty() ? "every junk upgrade got the answer the contract gives it"
                            : String.join("; ", tally.junkBroken.subList(0, Math.min(12, tally.junkBroken.size())))
                                    + (tally.junkBroken.size() > 12 ? " ... (" + tally.junkBroken.size() + ")" : ""));
            s.check("connectionsPerAddressLimited", flood.getOrDefault("101", 0) <= 20 && flood.getOrDefault("429", 0) >= 1,
                    "25 simultaneous upgrades from one address to one node: " + flood);
            int abuseErrors = (Integer) abuse.get("errorsBeforeClose");
            s.check("persistentAbuseClosed1008", Integer.valueOf(1008).equals(abuse.get("closeCode"))
                    && abuseErrors <= MAX_ERRORS + 1, "60 unknown-type frames in a row (max-errors " + MAX_ERRORS + "): " + abuse);
            s.check("sendFloodRateLimited", (Integer) sendFlood.get("rateLimited") > 0
                    && (Long) sendFlood.get("retryAfterMs") > 0, "120 sends at once (limit 100/s, burst 100): " + sendFlood);
            s.check("historyCannotLockOut", Boolean.TRUE.equals(lockOut.get("resumeConnectionOpen"))
                    && Boolean.FALSE.equals(lockOut.get("resumeRecovered")) && Boolean.TRUE.equals(lockOut.get("resumeTruncated"))
                    && (Integer) lockOut.getOrDefault("resumeChars", Integer.MAX_VALUE) < 1_048_576
                    && (Integer) lockOut.getOrDefault("newcomerMessages", 0) > 0
                    && Integer.valueOf(1).equals(lockOut.get("controlCharactersRefused")), "after 1 000 big messages: " + lockOut);
            @SuppressWarnings("unchecked")
            Map<String, Integer> floodAnswers = (Map<String, Integer>) joinFlood.get("answers");
            @SuppressWarnings("unchecked")
            Map<Integer, Integer> floodCloses = (Map<Integer, Integer>) joinFlood.get("closes");
            s.check("joinFloodRefused", floodAnswers.getOrDefault("error rate_limited", 0) > 0
                    && floodCloses.getOrDefault(1008, 0) > 0 && cluster.alive(nodes.get(0)), "a join flood from one client: " + joinFlood);
            s.check("othersUnharmedByJoinFlood", floodP99 >= 0 && quietP99 >= 0
                    && floodP99 <= Math.max(2 * quietP99, quietP99 + 25), "the calm clients' p99 " + Fleet.ms(quietP99)
                    + " quiet, " + Fleet.ms(floodP99) + " during the join flood (" + floodLatency.size() + " samples)");
            @SuppressWarnings("unchecked")
            Map<Integer, Integer> cacheStatuses = (Map<Integer, Integer>) cache.get("statuses");
            s.check("roomListCacheNotBypassed", (Long) cache.get("registryListings") <= 2
                    && cacheStatuses.getOrDefault(200, 0) == 30, "30 listings with random query strings: " + cache);
            s.check("lookAlikeRoomNamesRefused", Integer.valueOf(201).equals(names.get("original"))
                    && Integer.valueOf(409).equals(names.get("upperCase")) && Integer.valueOf(409).equals(names.get("fullWidth"))
                    && Integer.valueOf(400).equals(names.get("bidiOverride")), "creations: " + names);
            s.check("uploadsNeedAMembersToken", Integer.valueOf(401).equals(uploads.get("withoutToken"))
                    && Integer.valueOf(403).equals(uploads.get("stranger")) && Integer.valueOf(201).equals(uploads.get("member")),
                    "uploads: " + uploads);
            s.check("redisLockedDown", String.valueOf(redisAccess.get("anonymousRead")).startsWith("NOPERM")
                    && "PONG".equals(redisAccess.get("anonymousPing"))
                    && String.valueOf(redisAccess.get("nodeFlushAll")).startsWith("NOPERM")
                    && String.valueOf(redisAccess.get("nodeConfig")).startsWith("NOPERM")
                    && String.valueOf(redisAccess.get("nodeOtherKeys")).startsWith("NOPERM")
                    && "noeviction".equals(redisAccess.get("policy")) && !"0".equals(redisAccess.get("maxmemory")),
                    "Redis: " + redisAccess);
            s.check("redisFullRefusesClearlyLosesNothingRecovers",
                    String.valueOf(redisFull.get("sendRefusal")).startsWith("unavailable: ")
                            && String.valueOf(redisFull.get("sendRefusal")).contains("full")
                            && String.valueOf(redisFull.get("createRefusal")).startsWith("503")
                            && String.valueOf(redisFull.get("createRefusal")).contains("full")
                            && Integer.valueOf(200).equals(redisFull.get("listingWhileFull"))
                            && Boolean.TRUE.equals(redisFull.get("recoveredSend")) && Boolean.TRUE.equals(redisFull.get("keptBefore"))
                            && Boolean.TRUE.equals(redisFull.get("refusedNotStored")), "Redis full: " + redisFull);
            s.check("gatewayEdgesHold", String.valueOf(edges.get("tooManyRequests")).startsWith("429")
                    && String.valueOf(edges.get("csp")).contains("connect-src 'self';") && "nosniff".equals(edges.get("nosniff"))
                    && "1".equals(edges.get("retryAfter")) && Boolean.TRUE.equals(edges.get("accessLogHasWs"))
                    && Boolean.FALSE.equals(edges.get("accessLogHasToken")), "the gateway: " + edges);
            int gatewayOpened = (Integer) gatewayConnections.get("opened");
            s.check("gatewayLimitsConnectionsPerAddress", Integer.valueOf(429).equals(gatewayConnections.get("refusal"))
                    && gatewayOpened <= GATEWAY_CONNECTIONS_PER_ADDRESS && gatewayOpened >= GATEWAY_CONNECTIONS_PER_ADDRESS - 10,
                    "WebSockets through the gateway from one address (limit " + GATEWAY_CONNECTIONS_PER_ADDRESS
                            + ", 3 of them held by the calm clients): " + gatewayConnections);
            s.check("wellBehavedUndisturbed", wellErrors.isEmpty() && wellCloses.isEmpty(),
                    "well-behaved clients' errors " + wellErrors + ", disconnects " + wellCloses);
        } finally {
            cluster.startMissing();
        }
    }

    /** One worker: a connection at a time, one hostile frame, its answer, again; reconnects when closed. */
    private static void attack(int port, Hostile hostile, int quota, long deadline, Tally tally) {
        RawWebSocket ws = null;
        int sent = 0;
        int attempts = 0;
        try {
            while (sent < quota && System.nanoTime() < deadline && attempts < quota * 3 && tally.get("unanswered") < 100) {
                attempts++;
                if (ws == null) {
                    RawWebSocket[] opened = { null };
                    // a refused connection (per-address limit) is retried until one opens
                    Fleet.until(Duration.ofSeconds(1), Duration.ofMillis(20), () -> (opened[0] = connect(port, tally)) != null);
                    ws = opened[0];
                    if (ws == null) {
                        continue;
                    }
                }
                Hostile.Attack attack = hostile.next();
                try {
                    attack.writer().write(ws);
                } catch (IOException e) {
                    // the node had already closed the connection (after the last answer)
                    tally.outcome("closed-before-send");
                    ws.close();
                    ws = null;
                    continue;
                }
                sent++;
                synchronized (tally) {
                    tally.sent++;
                }
                if (!answer(ws, attack, tally)) {
                    ws.close();
                    ws = null;
                }
            }
        } finally {
            if (ws != null) {
                ws.close();
            }
        }
    }

    private static RawWebSocket connect(int port, Tally tally) {
        try {
            RawWebSocket ws = RawWebSocket.open(port, "/ws", Map.of(), 0);
            synchronized (tally) {
                tally.connections++;
            }
            if (ws.status() != 101) {
                synchronized (tally) {
                    tally.upgradeRefusals.merge(Integer.toString(ws.status()), 1, Integer::sum);
                }
                ws.close();
                return null;
            }
            RawWebSocket.Frame welcome = ws.read(5000);
            if (welcome.opcode() != RawWebSocket.TEXT || !welcome.text().contains("\"welcome\"")) {
                ws.close();
                return null;
            }
            return ws;
        } catch (IOException e) {
            synchronized (tally) {
                tally.upgradeRefusals.merge(e.getClass().getSimpleName(), 1, Integer::sum);
            }
            return null;
        }
    }

    /**
     * Reads until the frame's answer: an {@code error}, an answer to an accepted frame, or the end
     * of the connection. Presence, notices and other people's messages are not answers.
     * @return whether the connection is still usable
     */
    private static boolean answer(RawWebSocket ws, Hostile.Attack attack, Tally tally) {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        try {
            while (true) {
                int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                RawWebSocket.Frame frame = ws.read(left);
                switch (frame.opcode()) {
                    case RawWebSocket.TEXT -> {
                        JsonNode json = parse(frame.text());
                        String type = json.path("type").asText();
                        if ("error".equals(type)) {
                            tally.outcome(attack, "answered-error", "error " + json.path("code").asText("?"));
                            synchronized (tally) {
                                tally.errorCodes.merge(json.path("code").asText("?"), 1, Integer::sum);
                            }
                            return true;
                        }
                        if ("identity".equals(type) || "joined".equals(type)
                                || ("message".equals(type) && attack.clientId().equals(json.path("clientId").asText()))) {
                            tally.outcome(attack, "answered-accepted", "accepted (" + type + ")");
                            return true;
                        }
                        // presence, notice, someone else's message: not an answer, read on
                    }
                    case RawWebSocket.CLOSE -> {
                        int code = frame.closeCode();
                        synchronized (tally) {
                            tally.closeCodes.merge(code, 1, Integer::sum);
                        }
                        if (POLICY_CODES.contains(code)) {
                            tally.outcome(attack, "closed-policy", "close " + code);
                        } else {
                            tally.outcome(attack, "closed-other-code", "close " + code);
                            synchronized (tally) {
                                tally.badCloses.merge(attack.kind() + ":" + code, 1, Integer::sum);
                            }
                        }
                        return false;
                    }
                    default -> {
                        // ping, pong, binary: not an answer
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            tally.outcome(attack, "unanswered", "unanswered");
            synchronized (tally) {
                tally.unansweredKinds.merge(attack.kind(), 1, Integer::sum);
            }
            return false;
        } catch (EOFException | SocketException e) {
            tally.outcome(attack, "closed-no-code", e instanceof EOFException ? "closed, no close frame (eof)"
                    : "closed, no close frame (reset)");
            if (!attack.framing()) {
                tally.outcome("closed-no-code-payload");
                String how = e instanceof EOFException ? "eof" : "reset";
                synchronized (tally) {
                    tally.badCloses.merge(attack.kind() + ":no close frame (" + how + ")", 1, Integer::sum);
                }
            }
            return false;
        } catch (IOException e) {
            tally.outcome(attack, "closed-no-code", "closed: " + e.getClass().getSimpleName());
            return false;
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode().put("type", "unparseable");
        }
    }

    /** Junk upgrades and random bytes, a few rounds over every node's port and the gateway's. */
    private static void junk(dev.chat.cluster.LocalCluster cluster, List<String> nodes, long deadline, Tally tally) {
        List<String> targets = new ArrayList<>(nodes);
        targets.add("gateway");
        Hostile hostile = new Hostile(7, "junk");
        for (int round = 0; round < 5 && System.nanoTime() < deadline; round++) {
            for (String target : targets) {
                int port = cluster.port(target);
                for (Hostile.Junk junk : hostile.junk(port)) {
                    String answer;
                    try (RawWebSocket ws = RawWebSocket.raw(port, junk.bytes(), 0, 1500)) {
                        answer = ws.status() == 0 ? "no answer" : Integer.toString(ws.status());
                    } catch (IOException e) {
                        answer = e.getClass().getSimpleName();
                    }
                    String where = target.equals("gateway") ? "gateway" : "node";
                    synchronized (tally) {
                        tally.junk.computeIfAbsent(where + ":" + junk.kind(), k -> new TreeMap<>()).merge(answer, 1, Integer::sum);
                        boolean broken = junk.expect() != null && (junk.expect().equals("not 101")
                                ? answer.equals("101") || answer.startsWith("5")
                                : !answer.equals(junk.expect()));
                        if (broken && tally.junkBroken.stream().noneMatch(b -> b.startsWith(where + ":" + junk.kind() + " "))) {
                            tally.junkBroken.add(where + ":" + junk.kind() + " answered " + answer + " (expected " + junk.expect() + ")");
                        }
                    }
                }
            }
        }
    }

    /** 60 frames of an unknown type in a row on one connection: how many errors before the close, and its code. */
    private static Map<String, Object> abuse(int port) throws IOException {
        Map<String, Object> out = new TreeMap<>();
        int errors = 0;
        Object code = "none";
        try (RawWebSocket ws = RawWebSocket.open(port, "/ws", Map.of(), 0)) {
            ws.read(5000); // welcome
            loop:
            for (int i = 0; i < 60; i++) {
                try {
                    ws.sendText("{\"type\":\"hack\"}");
                } catch (IOException e) {
                    break;
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (true) {
                    RawWebSocket.Frame frame;
                    try {
                        frame = ws.read((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    } catch (SocketTimeoutException e) {
                        code = "no answer";
                        break loop;
                    } catch (IOException e) {
                        code = "closed without code";
                        break loop;
                    }
                    if (frame.opcode() == RawWebSocket.CLOSE) {
                        code = frame.closeCode();
                        break loop;
                    }
                    if (frame.opcode() == RawWebSocket.TEXT && frame.text().contains("\"error\"")) {
                        errors++;
                        break;
                    }
                }
            }
        }
        out.put("errorsBeforeClose", errors);
        out.put("closeCode", code);
        return out;
    }

    /** Joins General and sends 120 messages at once: how many were accepted and how many rate limited. */
    private static Map<String, Object> sendFlood(int port) throws IOException {
        Map<String, Object> out = new TreeMap<>();
        int accepted = 0;
        int limited = 0;
        int otherErrors = 0;
        long retryAfter = -1;
        Object code = "none";
        try (RawWebSocket ws = RawWebSocket.open(port, "/ws", Map.of(), 0)) {
            ws.read(5000); // welcome
            ws.sendText("{\"type\":\"join\",\"room\":\"general\"}");
            String flood = "flood-" + System.nanoTime();
            for (int i = 0; i < 120; i++) {
                ws.sendText("{\"type\":\"send\",\"text\":\"flood " + i + "\",\"clientId\":\"" + flood + "-" + i + "\"}");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            for (int i = 0; i < 2000 && System.nanoTime() < deadline; i++) {
                RawWebSocket.Frame frame;
                try {
                    frame = ws.read((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (SocketTimeoutException e) {
                    break;
                } catch (IOException e) {
                    code = "closed without code";
                    break;
                }
                if (frame.opcode() == RawWebSocket.CLOSE) {
                    code = frame.closeCode();
                    break;
                }
                if (frame.opcode() != RawWebSocket.TEXT) {
                    continue;
                }
                JsonNode json = parse(frame.text());
                String type = json.path("type").asText();
                if ("message".equals(type) && json.path("clientId").asText().startsWith(flood)) {
                    accepted++;
                } else if ("error".equals(type) && "rate_limited".equals(json.path("code").asText())) {
                    limited++;
                    retryAfter = Math.max(retryAfter, json.path("retryAfterMs").asLong(-1));
                } else if ("error".equals(type)) {
                    otherErrors++;
                }
            }
        }
        out.put("accepted", accepted);
        out.put("rateLimited", limited);
        out.put("retryAfterMs", retryAfter);
        out.put("otherErrors", otherErrors);
        out.put("closeCode", code);
        return out;
    }

    /** Opens {@code n} upgrades at once from this address straight to one node; the answers' statuses. */
    private static Map<String, Integer> flood(int port, int n) {
        Map<String, Integer> statuses = new TreeMap<>();
        List<RawWebSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                try {
                    RawWebSocket ws = RawWebSocket.open(port, "/ws", Map.of(), 0);
                    open.add(ws);
                    statuses.merge(Integer.toString(ws.status()), 1, Integer::sum);
                } catch (IOException e) {
                    statuses.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                }
            }
        } finally {
            open.forEach(RawWebSocket::close);
        }
        return statuses;
    }
}
