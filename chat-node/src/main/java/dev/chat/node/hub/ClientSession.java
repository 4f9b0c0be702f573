package dev.chat.node.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import dev.chat.node.identity.User;
import dev.chat.node.limits.SessionLimits;
import dev.chat.node.protocol.ServerFrames;

/**
 * One browser connection on this node. Its frames are handled one after another (a join must
 * finish before the next frame is looked at). Everything it writes, and its delivery state
 * (cursor, buffered deliveries during a join, owed echoes), lives on its socket's event loop:
 * the hub posts to the session's {@link LoopOutbox} and never holds a lock while it writes.
 */
public final class ClientSession {

    private volatile User user;
    private volatile String userJson;
    private final Outbound outbound;
    private final LoopOutbox outbox;
    private final SessionLimits limits;
    private final String address;

    private CompletionStage<?> tail = CompletableFuture.completedFuture(null);

    // guarded by this
    String room;

    // confined to the session's loop (tasks of its outbox)
    private long cursor;
    /** Deliveries that arrive while a join waits for its snapshot; null when not joining. */
    List<Held> pending;
    /** Echoes owed for resent messages not delivered yet: sent right after them, in order. */
    private java.util.Map<Long, Utf8Frame> owedEchoes;
    /** Written to in the outbox's current run, so flushed when it ends. */
    boolean written;

    private record Held(long seq, Utf8Frame frame) {
    }

    public ClientSession(User user, Outbound outbound) {
        this(user, outbound, null, null);
    }

    /** @param address the client's address, for per-address limits; null when not counted */
    public ClientSession(User user, Outbound outbound, SessionLimits limits, String address) {
        this.user = user;
        this.userJson = ServerFrames.userJson(user);
        this.outbound = outbound;
        this.outbox = LoopOutbox.of(outbound.loop());
        this.limits = limits;
        this.address = address;
    }

    public SessionLimits limits() {
        return limits;
    }

    public String address() {
        return address;
    }

    /** Closes the connection after every frame queued before it has been written. */
    public void close(int code, String reason) {
        outbox.post(() -> outbound.close(code, reason));
    }

    public User user() {
        return user;
    }

    /** A new display name; the id stays, so presence and ownership are unchanged. */
    public void rename(User renamed) {
        if (!renamed.id().equals(user.id())) {
            throw new IllegalArgumentException("a rename keeps the user id");
        }
        this.userJson = ServerFrames.userJson(renamed);
        this.user = renamed;
    }

    /** Another identity (a token presented in the first frame); only while the session is in no room. */
    public synchronized void adopt(User identified) {
        if (room != null) {
            throw new IllegalStateException("an identity is adopted before joining");
        }
        this.userJson = ServerFrames.userJson(identified);
        this.user = identified;
    }

    /** The user's JSON, written once per connection rather than once per message. */
    public String userJson() {
        return userJson;
    }

    /** Queues a frame for this session alone, after everything queued for it before. */
    public void send(String frame) {
        outbox.post(() -> {
            outbound.send(frame);
            outbox.written(this);
        });
    }

    LoopOutbox outbox() {
        return outbox;
    }

    /** Runs work on this session's event loop, in order with what is queued for it. */
    public void onLoop(Runnable task) {
        outbox.post(task);
    }

    /** The room this session is in (or joining), null before the first join. */
    public synchronized String room() {
        return room;
    }

    synchronized void room(String room) {
        this.room = room;
    }

    synchronized void leftRoom(String left) {
        if (left.equals(room)) {
            room = null;
        }
    }

    /** Runs {@code step} after every step queued before it has finished, whatever their outcome. */
    public synchronized CompletionStage<Void> serially(Supplier<CompletionStage<?>> step) {
        CompletionStage<Void> next = tail.handle((ok, failure) -> null)
                .thenCompose(ignored -> step.get())
                .thenApply(ignored -> null);
        tail = next;
        return next;
    }

    // ---- on the session's loop only ----

    void sendNow(Utf8Frame frame) {
        outbound.send(frame);
        outbox.written(this);
    }

    void flushWritten() {
        written = false;
        outbound.flush();
    }

    void deliver(long seq, Utf8Frame frame) {
        if (pending != null) {
            pending.add(new Held(seq, frame));
        } else if (seq > cursor) {
            cursor = seq;
            sendNow(frame);
            if (owedEchoes != null && owedEchoes.remove(seq) != null) {
                sendNow(frame);
            }
        }
    }

    /** Answers a resend of an already accepted message without getting ahead of the stream. */
    void echo(long seq, Utf8Frame frame) {
        if (pending == null && seq <= cursor) {
            sendNow(frame);
            return;
        }
        if (owedEchoes == null) {
            owedEchoes = new java.util.HashMap<>(4);
        }
        if (owedEchoes.size() < 64) {
            owedEchoes.put(seq, frame);
        }
    }

    void startPending() {
        pending = new ArrayList<>();
    }

    void stopPending() {
        pending = null;
    }

    /** Sends {@code joined}, then what arrived after its snapshot while the join was under way. */
    void finishJoin(Utf8Frame joined, long snapshotSeq) {
        sendNow(joined);
        List<Held> buffered = pending;
        pending = null;
        cursor = snapshotSeq;
        if (buffered != null) {
            for (Held d : buffered) {
                deliver(d.seq(), d.frame());
            }
        }
    }
}
