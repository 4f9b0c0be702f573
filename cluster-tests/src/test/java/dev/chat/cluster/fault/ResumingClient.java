package dev.chat.cluster.fault;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A client that behaves like the page after a fault: when its socket closes it reconnects through
 * the gateway (at once after 1012, after a short backoff otherwise) with its identity token, joins
 * again with {@code since} = the last id it saw and resends its unacknowledged sends with the same
 * {@code clientId}. It records what the fault tests judge: the ids it saw in arrival order, which
 * of its sends were acknowledged (their {@code message} came back), errors, close codes, the time
 * from a close to the next {@code joined}, and send-to-receive latencies from a stamp in the text.
 */
public final class ResumingClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STAMP = Pattern.compile(" n\\d+ t(-?\\d{1,19}) ");
    private static final int MAX_CONNECT_ATTEMPTS = 200;
    private static final int MAX_RETRANSMISSIONS = 30;

    private final String name;
    private final URI ws;
    private final String room;
    private final HttpClient http;
    private final ScheduledExecutorService timer;

    // guarded by this
    private WebSocket socket;
    private int epoch;
    private boolean wantRoom;
    private boolean joined;
    private boolean joinSent;
    private boolean everJoined;
    private boolean closedForGood;
    private boolean retryUnacked;
    private String token;
    private String node;
    private long lastId;
    private long closedAtNanos = -1;
    private int connectAttempts;
    private int consecutiveFailures;
    private int counter;
    private CompletableFuture<?> sendTail = CompletableFuture.completedFuture(null);
    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Long> acked = new LinkedHashMap<>();
    private final Set<String> retransmitted = new HashSet<>();
    private final List<Long> view = new ArrayList<>();
    private final Set<Long> viewIds = new HashSet<>();
    private final List<String> violations = new ArrayList<>();
    private final Map<String, Integer> errors = new TreeMap<>();
    private final Map<Integer, Integer> upgradeRefusals = new TreeMap<>();
    private final List<Integer> closeCodes = new ArrayList<>();
    private final List<Long> closeNanos = new ArrayList<>();
    private final List<Long> reconnectMillis = new ArrayList<>();
    private final List<String> nodes = new ArrayList<>();
    private final List<long[]> latencies = new ArrayList<>(); // {sent nanos, latency micros}
    private final List<long[]> arrivals = new ArrayList<>(); // {id, nanos, 1 live / 0 in joined / 2 own again}
    private int duplicates;
    private int reorders;
    private int dupEchoes;
    private int recoveredFalse;
    private long transmitted;
    private int transmittedThisConnection;
    private int answeredThisConnection;
    private int unansweredAtClose;

    private record Pending(String text, long createdNanos, long lastSentNanos, int transmissions) {
    }

    private ResumingClient(String name, URI ws, String room) {
        this.name = name;
        this.ws = ws;
        this.room = room;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "client-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects (the join follows {@link #join()}); the welcome arrives asynchronously. */
    public static ResumingClient connect(String name, URI ws, String room) {
        ResumingClient client = new ResumingClient(name, ws, room);
        client.connectNow();
        return client;
    }

    public String name() {
        return name;
    }

    /** Joins the room now (or as soon as the welcome is in) and after every reconnection. */
    public synchronized void join() {
        wantRoom = true;
        if (socket != null && node != null && !joinSent) {
            sendJoin();
        }
    }

    /** Resend an unacknowledged send, on the same connection, once it has waited 1 s (after {@code unavailable}). */
    public synchronized void retryUnacknowledged() {
        if (!retryUnacked) {
            retryUnacked = true;
            timer.scheduleWithFixedDelay(this::retryTick, 250, 250, TimeUnit.MILLISECONDS);
        }
    }

    /** Queues one message (text: {@code <tag> <name> n<k> t<nanoTime> <padding>}) and sends it when joined. */
    public synchronized void send(String tag, String padding) {
        if (closedForGood) {
            return;
        }
        counter++;
        String clientId = name + "-" + counter;
        String text = tag + " " + name + " n" + counter + " t" + System.nanoTime() + " " + padding;
        pending.put(clientId, new Pending(text, System.nanoTime(), 0, 0));
        if (joined) {
            transmit(clientId);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Connection

    private synchronized void connectNow() {
        if (closedForGood) {
            return;
        }
        if (++connectAttempts > MAX_CONNECT_ATTEMPTS) {
            violations.add("gave up after " + MAX_CONNECT_ATTEMPTS + " connection attempts");
            return;
        }
        int attempt = ++epoch;
        URI uri = token == null ? ws : URI.create(ws + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(3)).buildAsync(uri, new Listener(attempt))
                .whenComplete((webSocket, failure) -> connected(attempt, webSocket, failure));
    }

    private synchronized void connected(int attempt, WebSocket webSocket, Throwable failure) {
        if (attempt != epoch || closedForGood) {
            if (webSocket != null) {
                webSocket.abort();
            }
            return;
        }
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            int status = cause instanceof WebSocketHandshakeException h ? h.getResponse().statusCode() : 0;
            upgradeRefusals.merge(status, 1, Integer::sum);
            scheduleReconnect(backoff(++consecutiveFailures));
        }
    }

    private synchronized void opened(int attempt, WebSocket webSocket) {
        if (attempt != epoch || closedForGood) {
            webSocket.abort();
            return;
        }
        socket = webSocket;
        sendTail = CompletableFuture.completedFuture(null);
        transmittedThisConnection = 0;
        answeredThisConnection = 0;
    }

    private synchronized void lost(int attempt, int code) {
        if (attempt != epoch) {
            return;
        }
        epoch++; // later callbacks of this socket are stale
        closeCodes.add(code);
        closeNanos.add(System.nanoTime());
        unansweredAtClose += Math.max(0, transmittedThisConnection - answeredThisConnection);
        transmittedThisConnection = 0;
        answeredThisConnection = 0;
        if (socket != null) {
            socket.abort();
        }
        socket = null;
        node = null;
        joined = false;
        joinSent = false;
        if (closedForGood) {
            return;
        }
        if (closedAtNanos < 0) {
            closedAtNanos = System.nanoTime();
        }
        // 1012: the node restarts; the contract says reconnect now and resume
        scheduleReconnect(code == 1012 ? 0 : backoff(++consecutiveFailures));
    }

    private static long backoff(int failures) {
        long base = Math.min(1000, 100L << Math.min(failures - 1, 4));
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    private void scheduleReconnect(long delayMillis) {
        timer.schedule(this::connectNow, delayMillis, TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------------------------------
    // Frames

    private void sendJoin() {
        joinSent = true;
        ObjectNode join = JSON.createObjectNode().put("type", "join").put("room", room);
        if (everJoined) {
            join.put("since", Long.toString(lastId));
        }
        write(join.toString());
    }

    private void transmit(String clientId) {
        Pending p = pending.get(clientId);
        if (p.transmissions > 0) {
            retransmitted.add(clientId);
        }
        pending.put(clientId, new Pending(p.text, p.createdNanos, System.nanoTime(), p.transmissions + 1));
        transmitted++;
        transmittedThisConnection++;
        write(JSON.createObjectNode().put("type", "send").put("text", p.text).put("clientId", clientId).toString());
    }

    private void write(String frame) {
        WebSocket target = socket;
        if (target == null) {
            return;
        }
        sendTail = sendTail.handle((ok, failure) -> null)
                .thenCompose(ignored -> target.sendText(frame, true))
                .orTimeout(10, TimeUnit.SECONDS);
    }

    private synchronized void retryTick() {
        if (!joined || closedForGood) {
            return;
        }
        long now = System.nanoTime();
        int resent = 0;
        for (String clientId : new ArrayList<>(pending.keySet())) {
            Pending p = pending.get(clientId);
            if (resent < 5 && p.transmissions > 0 && p.transmissions < MAX_RETRANSMISSIONS
                    && now - p.lastSentNanos > 1_000_000_000L) {
                transmit(clientId);
                resent++;
            }
        }
    }

    private synchronized void onFrame(int attempt, JsonNode frame) {
        if (attempt != epoch) {
            return;
        }
        switch (frame.path("type").asText()) {
            case "welcome" -> {
                token = frame.path("token").asText(null);
                node = frame.path("node").asText();
                nodes.add(node);
                if (wantRoom) {
                    sendJoin();
                }
            }
            case "joined" -> {
                if (!room.equals(frame.path("room").asText())) {
                    return;
                }
                for (JsonNode message : frame.path("history")) {
                    onMessage(message, false);
                }
                if (everJoined && !frame.path("recovered").asBoolean(true)) {
                    recoveredFalse++;
                }
                joined = true;
                everJoined = true;
                consecutiveFailures = 0;
                if (closedAtNanos >= 0) {
                    reconnectMillis.add((System.nanoTime() - closedAtNanos) / 1_000_000);
                    closedAtNanos = -1;
                }
                for (String clientId : new ArrayList<>(pending.keySet())) {
                    transmit(clientId);
                }
            }
            case "message" -> {
                if (room.equals(frame.path("room").asText())) {
                    onMessage(frame, true);
                }
            }
            case "error" -> {
                errors.merge(frame.path("code").asText("?"), 1, Integer::sum);
                answeredThisConnection++;
            }
            default -> {
                // presence, notice, identity: not judged here
            }
        }
    }

    private void onMessage(JsonNode message, boolean live) {
        long id = Long.parseLong(message.path("id").asText());
        String clientId = message.path("clientId").asText(null);
        boolean ours = clientId != null && clientId.startsWith(name + "-");
        if (live && ours) {
            answeredThisConnection++;
        }
        arrivals.add(new long[] { id, System.nanoTime(), live ? 1 : 0 });
        if (viewIds.contains(id)) {
            if (live && ours && retransmitted.contains(clientId)) {
                arrivals.get(arrivals.size() - 1)[2] = 2;
                dupEchoes++; // the original message, answering a resend: expected
            } else {
                duplicates++;
                note("duplicate id " + id + (live ? " (live)" : " (in joined history)"));
            }
            return;
        }
        if (id < lastId) {
            reorders++;
            note("id " + id + " after " + lastId);
        }
        view.add(id);
        viewIds.add(id);
        lastId = Math.max(lastId, id);
        if (ours && pending.remove(clientId) != null) {
            acked.put(clientId, id);
        }
        if (live) {
            Matcher stamp = STAMP.matcher(message.path("text").asText());
            if (stamp.find()) {
                long sent = Long.parseLong(stamp.group(1));
                latencies.add(new long[] { sent, (System.nanoTime() - sent) / 1000 });
            }
        }
    }

    private void note(String violation) {
        if (violations.size() < 10) {
            violations.add(violation);
        }
    }

    // ---------------------------------------------------------------------------------------
    // What was seen

    public synchronized boolean joined() {
        return joined;
    }

    public synchronized String node() {
        return node;
    }

    public synchronized List<String> nodes() {
        return List.copyOf(nodes);
    }

    public synchronized long lastId() {
        return lastId;
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    public synchronized List<Long> view() {
        return List.copyOf(view);
    }

    public synchronized Map<String, Long> acked() {
        return Map.copyOf(acked);
    }

    public synchronized int sent() {
        return counter;
    }

    public synchronized long transmitted() {
        return transmitted;
    }

    public synchronized int duplicates() {
        return duplicates;
    }

    public synchronized int reorders() {
        return reorders;
    }

    public synchronized int dupEchoes() {
        return dupEchoes;
    }

    public synchronized int recoveredFalse() {
        return recoveredFalse;
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    public synchronized Map<String, Integer> errors() {
        return Map.copyOf(errors);
    }

    public synchronized int errorCount() {
        return errors.values().stream().mapToInt(Integer::intValue).sum();
    }

    public synchronized Map<Integer, Integer> upgradeRefusals() {
        return Map.copyOf(upgradeRefusals);
    }

    public synchronized List<Integer> closeCodes() {
        return List.copyOf(closeCodes);
    }

    public synchronized List<Long> closeNanos() {
        return List.copyOf(closeNanos);
    }

    public synchronized List<Long> reconnectMillis() {
        return List.copyOf(reconnectMillis);
    }

    /**
     * The ids in arrival order as runs of consecutive ids, each with its arrival time (ms after
     * {@code originNanos}) and how it came: {@code 1-187@2100ms 208-231@7900ms 188-207@8010ms(joined)}.
     */
    public synchronized String arrivalRuns(long originNanos) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < arrivals.size();) {
            long[] first = arrivals.get(i);
            int j = i + 1;
            while (j < arrivals.size() && arrivals.get(j)[0] == arrivals.get(j - 1)[0] + 1
                    && arrivals.get(j)[2] == first[2]) {
                j++;
            }
            long last = arrivals.get(j - 1)[0];
            out.append(first[0]).append(last == first[0] ? "" : "-" + last).append('@')
                    .append((first[1] - originNanos) / 1_000_000).append("ms")
                    .append(first[2] == 0 ? "(joined)" : first[2] == 2 ? "(own again)" : "").append(' ');
            i = j;
        }
        return out.toString().trim();
    }

    /** Sends on the connection now open that got neither their {@code message} nor an error yet. */
    public synchronized int unansweredNow() {
        return Math.max(0, transmittedThisConnection - answeredThisConnection);
    }

    /** Sends that got no answer before their connection closed (the fault's victims). */
    public synchronized int unansweredAtClose() {
        return unansweredAtClose;
    }

    /** Latencies (ms) of live messages whose stamp lies in [fromNanos, toNanos). */
    public synchronized List<Double> latenciesMillis(long fromNanos, long toNanos) {
        List<Double> out = new ArrayList<>();
        for (long[] l : latencies) {
            if (l[0] >= fromNanos && l[0] < toNanos) {
                out.add(l[1] / 1000.0);
            }
        }
        return out;
    }

    @Override
    public void close() {
        WebSocket open;
        synchronized (this) {
            closedForGood = true;
            open = socket;
            socket = null;
            epoch++;
        }
        if (open != null) {
            open.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS)
                    .exceptionally(failure -> null).join();
            open.abort();
        }
        timer.shutdownNow();
    }

    private final class Listener implements WebSocket.Listener {
        private final int attempt;
        private final StringBuilder partial = new StringBuilder();

        Listener(int attempt) {
            this.attempt = attempt;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            opened(attempt, webSocket);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    onFrame(attempt, JSON.readTree(text));
                } catch (Exception e) {
                    synchronized (ResumingClient.this) {
                        note("unparseable frame: " + text.substring(0, Math.min(80, text.length())));
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost(attempt, statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(attempt, 1006);
        }
    }
}
