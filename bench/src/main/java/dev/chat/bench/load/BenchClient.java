package dev.chat.bench.load;

import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * One simulated visitor: opens the WebSocket, joins its room, counts what it receives and, for a
 * sender, sends on a fixed schedule (open loop: a late tick sends every message that came due, and
 * the lateness is recorded, never hidden). Runs on its loop's thread only.
 */
final class BenchClient {

    /** The page's wait before it joins again after {@code unavailable} (frontend JOIN_RETRY_MS). */
    private static final long JOIN_RETRY_MS = 2_000;

    private static final String IGNORED_PRESENCE = "\"type\":\"presence\"";
    private static final String IGNORED_NOTICE = "\"type\":\"notice\"";
    /** Who is here: kilobytes per frame in a room of hundreds, and not measured. */
    private static final String IGNORED_ROSTER_START = "{\"type\":\"roster\"";

    private final LoadLoop loop;
    private final Plan plan;
    final int index;
    final int room;
    final Receipts receipts;
    private WebSocket socket;
    private String token;
    private String lastId;
    private long openedAtMicros;
    private long droppedAtMicros;
    private boolean resuming;
    private boolean rehearsing;
    boolean joined;
    boolean gone;
    String node;
    long joinedAtMicros;

    // sender state
    long nextDueMicros = -1;
    long seq;
    long sent;
    long sendErrors;

    BenchClient(LoadLoop loop, Plan plan, int index) {
        this.loop = loop;
        this.plan = plan;
        this.index = index;
        this.room = plan.roomOf(index);
        this.receipts = new Receipts(Math.max(1, plan.sendersIn(room)));
    }

    boolean isSender() {
        return plan.isSender(index);
    }

    void open(WebSocketClient client) {
        openedAtMicros = Clock.micros();
        String uri = plan.wsUrl() + (token == null ? "" : "?token=" + token);
        WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(uri)
                .setTimeout(plan.joinTimeoutMillis());
        client.connect(options).onComplete(result -> {
            if (result.failed()) {
                fail("connect: " + Errors.key(result.cause()));
                return;
            }
            WebSocket opened = result.result();
            socket = opened;
            opened.textMessageHandler(this::onFrame);
            opened.closeHandler(closed -> onClosed(opened));
            opened.exceptionHandler(failure -> loop.tallies.error("socket: " + Errors.key(failure)));
        });
    }

    /**
     * Storm: the socket is dropped and the visitor comes back with its token and last id after
     * {@code delayMillis} (0: at once). Its rejoin is timed from the drop, so the delay counts;
     * a rehearsal's is not counted at all.
     */
    void dropAndResume(WebSocketClient client, long delayMillis, boolean rehearsal) {
        WebSocket old = socket;
        socket = null;
        joined = false;
        resuming = true;
        rehearsing = rehearsal;
        droppedAtMicros = Clock.micros();
        openedAtMicros = droppedAtMicros; // the join timeout runs from the drop
        if (!rehearsal) {
            loop.tallies.dropped++;
        }
        if (old != null) {
            old.close((short) 1001);
        }
        if (delayMillis <= 0) {
            open(client);
        } else {
            loop.getVertx().setTimer(delayMillis, id -> open(client));
        }
    }

    boolean checkJoinTimeout(long nowMicros) {
        if (!joined && !gone && nowMicros - openedAtMicros > plan.joinTimeoutMillis() * 1000) {
            fail("join timeout");
            return true;
        }
        return false;
    }

    private void fail(String why) {
        if (gone) {
            return;
        }
        gone = true;
        loop.tallies.error(why);
        if (!resuming) {
            loop.tallies.failed++;
        }
        if (socket != null) {
            socket.close();
        }
        loop.settled(this);
    }

    private void onClosed(WebSocket closed) {
        if (closed != socket || gone) {
            return; // an old socket closing after a storm's reconnect
        }
        Short code = closed.closeStatusCode();
        loop.tallies.error("closed by server: " + code);
        boolean wasJoined = joined;
        gone = true;
        joined = false;
        if (!wasJoined && !resuming) {
            loop.tallies.failed++;
            loop.settled(this);
        }
    }

    private void onFrame(String frame) {
        if (frame.startsWith(IGNORED_ROSTER_START) || frame.contains(IGNORED_PRESENCE) || frame.contains(IGNORED_NOTICE)) {
            // counts, rosters and join/leave notices reach every member of a big room every second
            // and are not measured: not parsed (the unescaped pattern cannot occur inside a text;
            // a roster written with another field first is merely parsed and then ignored)
            return;
        }
        long now = Clock.micros();
        ServerFrame parsed;
        try {
            parsed = ServerFrame.parse(frame);
        } catch (IllegalArgumentException e) {
            loop.tallies.error("unparsable frame");
            return;
        }
        switch (parsed.type() == null ? "" : parsed.type()) {
            case "message" -> onMessage(parsed, now, false);
            case "welcome" -> {
                token = parsed.token();
                node = parsed.node();
                if (resuming) {
                    if (!rehearsing) {
                        Percentiles.record(loop.tallies.rewelcome, now - droppedAtMicros);
                    }
                } else {
                    Percentiles.record(loop.tallies.welcome, now - openedAtMicros);
                }
                if (!resuming) {
                    loop.tallies.nodes.merge(parsed.node() == null ? "?" : parsed.node(), 1L, Long::sum);
                }
                socket.writeTextMessage(ClientFrames.join(plan.roomIds().get(room), resuming ? lastId : null));
            }
            case "joined" -> onJoined(parsed, now);
            case "error" -> {
                String code = parsed.code() == null ? "?" : parsed.code();
                loop.tallies.error("error frame: " + code);
                if (!joined && (code.equals("busy") || code.equals("unavailable"))) {
                    // as the page does: the join goes again after the wait (within the join timeout)
                    long wait = parsed.retryAfterMs() >= 0 ? parsed.retryAfterMs() : JOIN_RETRY_MS;
                    loop.getVertx().setTimer(Math.max(1, wait), id -> rejoin());
                } else if (!joined) {
                    fail("join refused: " + code);
                } else if (isSender()) {
                    sendErrors++; // every send is answered by its message or by one error
                }
            }
            case "expired" -> loop.tallies.error("room expired");
            default -> {
                // presence, notice, cleared, identity: not measured
            }
        }
    }

    private void rejoin() {
        if (!joined && !gone && socket != null) {
            socket.writeTextMessage(ClientFrames.join(plan.roomIds().get(room), resuming ? lastId : null));
        }
    }

    private void onJoined(ServerFrame joinedFrame, long now) {
        for (ServerFrame message : joinedFrame.history()) {
            onMessage(message, now, true);
        }
        if (resuming && !joinedFrame.recovered()) {
            loop.tallies.error("resume not recovered");
        }
        joined = true;
        joinedAtMicros = now;
        if (resuming) {
            if (!rehearsing) {
                Percentiles.record(loop.tallies.rejoin, now - droppedAtMicros);
                loop.tallies.rejoined++;
            }
            resuming = false;
            rehearsing = false;
        } else {
            Percentiles.record(loop.tallies.join, now - openedAtMicros);
            loop.tallies.joined++;
            loop.settled(this);
        }
    }

    private void onMessage(ServerFrame message, long now, boolean replay) {
        if (message.id() != null) {
            lastId = message.id();
        }
        BenchText.Stamp stamp = BenchText.parse(message.text(), plan.runId());
        if (stamp == null || plan.roomOf(stamp.sender()) != room) {
            return;
        }
        switch (receipts.record(plan.slotOf(stamp.sender()), stamp.seq(), replay)) {
            case DUPLICATE -> loop.tallies.duplicates++;
            case SEEN_IN_REPLAY -> loop.tallies.replayed++;
            case NEW_OUT_OF_ORDER -> {
                loop.tallies.reordered++;
                loop.arrived(stamp.dueMicros(), now);
            }
            case NEW -> loop.arrived(stamp.dueMicros(), now);
        }
    }

    /** Sends every message due by {@code now} (and before {@code endMicros}); returns how many. */
    int sendDue(long now, long endMicros) {
        int count = 0;
        while (nextDueMicros >= 0 && nextDueMicros <= now && nextDueMicros < endMicros) {
            long due = nextDueMicros;
            if (joined && socket != null) {
                String text = BenchText.of(plan.runId(), index, seq, due, plan.size());
                socket.writeTextMessage(ClientFrames.send(text,
                        plan.clientIds() ? plan.runId() + "-" + index + "-" + seq : null));
                sent++;
                seq++;
                count++;
                if (loop.measuring(due)) {
                    Percentiles.record(loop.tallies.sendLag, now - due);
                }
            } else {
                loop.tallies.error("send skipped: not joined");
            }
            loop.tallies.scheduled++;
            nextDueMicros = due + (long) (1_000_000 / plan.rateAt(due - loop.measureStartMicros()));
        }
        return count;
    }
}
