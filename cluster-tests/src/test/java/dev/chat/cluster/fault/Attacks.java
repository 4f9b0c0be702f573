package dev.chat.cluster.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.cluster.LocalCluster;
import dev.chat.testing.WsClient;

/**
 * The attacks of one person with a script against everyone else (issue: nobody can break it for
 * others), each returning its figures: locking newcomers out through history, free joins, the
 * room list's cache, look-alike room names, uploads by strangers, and Redis read, misused or full.
 * {@link HostileInputFaultIT} runs them against its cluster and checks the figures.
 */
final class Attacks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Attacks() {
    }

    /**
     * Ten connections fill a room with 1 000 messages of 2 000 characters (about 2 MiB, twice the
     * outbound bound); then a member who was there before resumes from before them, and a newcomer
     * joins. Without a budget for history replies, the resume would be cut off (1008).
     */
    static Map<String, Object> historyLockOut(LocalCluster cluster) {
        Map<String, Object> out = new TreeMap<>();
        String room = ClusterState.createRoom(cluster, "lockout");
        String since;
        String token;
        try (WsClient victim = cluster.connect()) {
            token = victim.next("welcome").get("token").asText();
            victim.join(room);
            victim.next("joined");
            victim.say("before the flood", "victim-0");
            since = victim.next("message", m -> "victim-0".equals(m.path("clientId").asText())).get("id").asText();
        }
        String text = "x".repeat(2000);
        List<WsClient> hostiles = new ArrayList<>();
        int refusedControl = 0;
        try {
            for (int h = 0; h < 10; h++) {
                WsClient hostile = cluster.connect();
                hostiles.add(hostile);
                hostile.next("welcome");
                hostile.join(room);
                hostile.next("joined");
            }
            for (int h = 0; h < hostiles.size(); h++) {
                for (int i = 0; i < 100; i++) {
                    hostiles.get(h).say(text, "flood-" + h + "-" + i);
                }
            }
            for (int h = 0; h < hostiles.size(); h++) {
                String last = "flood-" + h + "-99";
                hostiles.get(h).next("message", m -> last.equals(m.path("clientId").asText()), Duration.ofSeconds(30));
            }
            // the six-character escape of a control character is refused outright
            hostiles.get(0).say("\u0001".repeat(2000));
            if ("bad_request".equals(hostiles.get(0).next("error").path("code").asText())) {
                refusedControl++;
            }
        } finally {
            hostiles.forEach(WsClient::close);
        }
        out.put("stored", ClusterState.storedIds(cluster, room).size());
        out.put("controlCharactersRefused", refusedControl);
        try (WsClient back = WsClient.connect(URI.create(cluster.ws() + "?token=" + token))) {
            back.next("welcome");
            back.join(room, since);
            JsonNode joined = back.next("joined", f -> true, Duration.ofSeconds(20));
            out.put("resumeMessages", joined.get("history").size());
            out.put("resumeChars", joined.toString().length());
            out.put("resumeRecovered", joined.path("recovered").asBoolean());
            out.put("resumeTruncated", joined.path("truncated").asBoolean(false));
            back.say("still here", "victim-1");
            back.next("message", m -> "victim-1".equals(m.path("clientId").asText()));
            out.put("resumeConnectionOpen", !back.closed().isDone());
        } catch (AssertionError e) {
            out.put("resumeConnectionOpen", false);
            out.put("resumeFailure", e.getMessage().substring(0, Math.min(120, e.getMessage().length())));
        }
        try (WsClient newcomer = cluster.connect()) {
            newcomer.next("welcome");
            newcomer.join(room);
            out.put("newcomerMessages", newcomer.next("joined", f -> true, Duration.ofSeconds(20)).get("history").size());
        }
        return out;
    }

    /**
     * One client pipelines joins at one node for {@code window}, reconnecting whenever it is cut
     * off. Returns how they were answered; the caller compares the others' latencies.
     */
    static Map<String, Object> joinFlood(int port, Duration window) {
        Map<String, Object> out = new TreeMap<>();
        Map<String, Integer> answers = new TreeMap<>();
        Map<Integer, Integer> closes = new TreeMap<>();
        long deadline = System.nanoTime() + window.toNanos();
        int sent = 0;
        int connections = 0;
        for (int round = 0; round < 200 && System.nanoTime() < deadline; round++) {
            try (RawWebSocket ws = RawWebSocket.open(port, "/ws", Map.of(), 0)) {
                connections++;
                if (ws.status() != 101) {
                    answers.merge("upgrade " + ws.status(), 1, Integer::sum);
                    continue;
                }
                ws.read(5000); // welcome
                // first a burst under the frame bound (answered join by join: rate_limited past the
                // burst), then 300 at once (past it: cut off, the rest dropped unhandled)
                int burst = round == 0 ? 15 : 300;
                try {
                    for (int i = 0; i < burst; i++) {
                        ws.sendText("{\"type\":\"join\",\"room\":\"general\"}");
                        sent++;
                    }
                } catch (IOException closedMeanwhile) {
                    answers.merge("closed while sending", 1, Integer::sum);
                }
                for (int i = 0; i < 1000; i++) {
                    RawWebSocket.Frame frame;
                    try {
                        frame = ws.read(1000);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    if (frame.opcode() == RawWebSocket.CLOSE) {
                        closes.merge(frame.closeCode(), 1, Integer::sum);
                        break;
                    }
                    if (frame.opcode() == RawWebSocket.TEXT) {
                        JsonNode json = parse(frame.text());
                        String type = json.path("type").asText();
                        answers.merge("error".equals(type) ? "error " + json.path("code").asText() : type, 1, Integer::sum);
                    }
                }
            } catch (IOException e) {
                answers.merge(e.getClass().getSimpleName(), 1, Integer::sum);
            }
        }
        out.put("joinsSent", sent);
        out.put("connections", connections);
        out.put("answers", answers);
        out.put("closes", closes);
        return out;
    }

    /** 30 listings with random query strings at once: how many reached the registry (its SMEMBERS of the index). */
    static Map<String, Object> cacheBypass(LocalCluster cluster) {
        Map<String, Object> out = new TreeMap<>();
        long before = commandCalls(cluster, "smembers");
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            statuses.merge(cluster.get("/api/rooms?x=" + UUID.randomUUID()).statusCode(), 1, Integer::sum);
        }
        out.put("statuses", statuses);
        out.put("registryListings", commandCalls(cluster, "smembers") - before);
        return out;
    }

    /** A room name and its look-alikes (case, full-width letters, a bidi override). */
    static Map<String, Object> lookAlikes(LocalCluster cluster) {
        Map<String, Object> out = new TreeMap<>();
        String suffix = UUID.randomUUID().toString().substring(0, 4);
        out.put("original", create(cluster, "Look alike " + suffix));
        out.put("upperCase", create(cluster, "LOOK ALIKE " + suffix.toUpperCase()));
        out.put("fullWidth", create(cluster, "\uFF2C\uFF4F\uFF4F\uFF4B alike " + suffix));
        out.put("bidiOverride", create(cluster, "Look alike\u202E " + suffix));
        return out;
    }

    private static int create(LocalCluster cluster, String name) {
        return cluster.post("/api/rooms", JSON.createObjectNode().put("name", name).put("clearIntervalSeconds", 600)
                .put("expirySeconds", 600).toString()).statusCode();
    }

    /** Uploads to General without a token, as a stranger (a valid token, not in the room), and as a member. */
    static Map<String, Object> uploads(LocalCluster cluster) throws Exception {
        Map<String, Object> out = new TreeMap<>();
        byte[] png = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        out.put("withoutToken", upload(cluster, png, null));
        try (WsClient stranger = cluster.connect()) {
            out.put("stranger", upload(cluster, png, stranger.next("welcome").get("token").asText()));
        }
        try (WsClient member = cluster.connect()) {
            String token = member.next("welcome").get("token").asText();
            member.join("general");
            member.next("joined");
            out.put("member", upload(cluster, png, token));
        }
        return out;
    }

    private static int upload(LocalCluster cluster, byte[] image, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(cluster.http("/api/rooms/general/attachments"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(image));
        if (token != null) {
            request.header("X-Identity-Token", token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * The gateway's edges: its own 429 (60 requests at once, past its per-address rate) keeps the
     * security headers, and a token in the URL of an old page never reaches its access log.
     */
    static Map<String, Object> gatewayEdges(LocalCluster cluster) throws Exception {
        Map<String, Object> out = new TreeMap<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 60 && limited == null; i++) {
            HttpResponse<String> response = cluster.get("/api/rooms/general");
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        out.put("tooManyRequests", limited == null ? "none" : limited.statusCode() + " " + limited.body());
        out.put("csp", limited == null ? "" : limited.headers().firstValue("Content-Security-Policy").orElse("missing"));
        out.put("nosniff", limited == null ? "" : limited.headers().firstValue("X-Content-Type-Options").orElse("missing"));
        out.put("retryAfter", limited == null ? "" : limited.headers().firstValue("Retry-After").orElse("missing"));
        String marker = "tok" + UUID.randomUUID().toString().replace("-", "");
        try (WsClient old = WsClient.connect(URI.create(cluster.ws() + "?token=" + marker))) {
            old.next("welcome");
        }
        java.nio.file.Path log = cluster.dir().resolve("logs").resolve("gateway-access.log");
        String logged = java.nio.file.Files.readString(log);
        out.put("accessLogHasWs", logged.contains("GET /ws "));
        out.put("accessLogHasToken", logged.contains(marker));
        return out;
    }

    /** WebSockets through the gateway from one address until it refuses one: how many it took, and its answer. */
    static Map<String, Object> gatewayConnections(LocalCluster cluster, int limit) {
        Map<String, Object> out = new TreeMap<>();
        List<WsClient> held = new ArrayList<>();
        try {
            for (int i = 0; i < limit + 10; i++) {
                try {
                    WsClient client = cluster.connect();
                    client.next("welcome");
                    held.add(client);
                } catch (RuntimeException refused) {
                    Throwable cause = refused.getCause();
                    out.put("refusal", cause instanceof java.net.http.WebSocketHandshakeException handshake
                            ? handshake.getResponse().statusCode() : String.valueOf(cause));
                    break;
                }
            }
            out.put("opened", held.size());
        } finally {
            held.forEach(WsClient::close);
        }
        return out;
    }

    /** What Redis lets a client without a password, and the chat node's own user, do. */
    static Map<String, Object> redisAccess(LocalCluster cluster) {
        Map<String, Object> out = new TreeMap<>();
        out.put("anonymousRead", first(ClusterState.redisAs(cluster, null, null, "GET", "chat:{general}:meta")));
        out.put("anonymousPing", first(ClusterState.redisAs(cluster, null, null, "PING")));
        String node = cluster.secrets().get("REDIS_NODE_PASSWORD");
        out.put("nodeFlushAll", first(ClusterState.redisAs(cluster, "chat-node", node, "FLUSHALL")));
        out.put("nodeConfig", first(ClusterState.redisAs(cluster, "chat-node", node, "CONFIG", "GET", "maxmemory")));
        out.put("nodeOtherKeys", first(ClusterState.redisAs(cluster, "chat-node", node, "GET", "other:key")));
        out.put("policy", ClusterState.redis(cluster, "CONFIG", "GET", "maxmemory-policy").get(1));
        out.put("maxmemory", ClusterState.redis(cluster, "CONFIG", "GET", "maxmemory").get(1));
        return out;
    }

    /**
     * Redis full (its limit set under what it holds, as when the data grew past it): a member's
     * send and a room creation are refused clearly; once there is room again both work, and what
     * was accepted before is still there.
     */
    static Map<String, Object> redisFull(LocalCluster cluster, String room) {
        Map<String, Object> out = new TreeMap<>();
        String limit = ClusterState.redis(cluster, "CONFIG", "GET", "maxmemory").get(1);
        try (WsClient member = cluster.connect()) {
            member.next("welcome");
            member.join(room);
            member.next("joined");
            member.say("accepted before", "full-0");
            String kept = member.next("message", m -> "full-0".equals(m.path("clientId").asText())).get("id").asText();
            long used = Long.parseLong(ClusterState.redis(cluster, "INFO", "memory").stream()
                    .filter(l -> l.startsWith("used_memory:")).findFirst().orElseThrow().substring(12).trim());
            ClusterState.redis(cluster, "CONFIG", "SET", "maxmemory", Long.toString(used - 1024 * 1024));
            try {
                member.say("refused while full", "full-1");
                JsonNode error = member.next("error");
                out.put("sendRefusal", error.path("code").asText() + ": " + error.path("message").asText());
                HttpResponse<String> create = cluster.post("/api/rooms", JSON.createObjectNode().put("name",
                        "Full " + UUID.randomUUID().toString().substring(0, 4)).put("clearIntervalSeconds", 600)
                        .put("expirySeconds", 600).toString());
                out.put("createRefusal", create.statusCode() + " " + create.body());
                out.put("listingWhileFull", cluster.get("/api/rooms").statusCode());
            } finally {
                ClusterState.redis(cluster, "CONFIG", "SET", "maxmemory", limit);
            }
            member.say("accepted after", "full-2");
            member.next("message", m -> "full-2".equals(m.path("clientId").asText()));
            out.put("recoveredSend", true);
            out.put("keptBefore", ClusterState.storedIds(cluster, room).contains(Long.parseLong(kept)));
            out.put("refusedNotStored", member.seen("message").stream()
                    .noneMatch(m -> "full-1".equals(m.path("clientId").asText())));
        } catch (AssertionError e) {
            out.put("recoveredSend", false);
            out.put("failure", e.getMessage().substring(0, Math.min(160, e.getMessage().length())));
        }
        return out;
    }

    private static String first(List<String> lines) {
        return lines.isEmpty() ? "" : lines.get(0);
    }

    private static long commandCalls(LocalCluster cluster, String command) {
        for (String line : ClusterState.redis(cluster, "INFO", "commandstats")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                String calls = line.substring(line.indexOf("calls=") + 6);
                return Long.parseLong(calls.substring(0, calls.indexOf(',')));
            }
        }
        return 0;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode().put("type", "unparseable");
        }
    }
}
