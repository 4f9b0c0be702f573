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
 * finish before the next frame is looked at); the delivery state is guarded by the room it is in.
 */
public final class ClientSession {

    private volatile User user;
    private volatile String userJson;
    private final Outbound outbound;
    private final SessionLimits limits;
    private final String address;

    private CompletionStage<?> tail = CompletableFuture.completedFuture(null);

    // guarded by the LocalRoom this session is a member of
    String room;
    long cursor;
    List<Delivery> pending;
    /** Echoes owed for resent messages not delivered yet: sent right after them, in order. */
    java.util.Map<Long, String> owedEchoes;

    public ClientSession(User user, Outbound outbound) {
        this(user, outbound, null, null);
    }

    /** @param address the client's address, for per-address limits; null when not counted */
    public ClientSession(User user, Outbound outbound, SessionLimits limits, String address) {
        this.user = user;
        this.userJson = ServerFrames.userJson(user);
        this.outbound = outbound;
        this.limits = limits;
        this.address = address;
    }

    public SessionLimits limits() {
        return limits;
    }

    public String address() {
        return address;
    }

    public void close(int code, String reason) {
        outbound.close(code, reason);
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

    public void send(String frame) {
        outbound.send(frame);
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

    void deliver(long seq, String frame) {
        if (pending != null) {
            pending.add(new Delivery(seq, frame));
        } else if (seq > cursor) {
            cursor = seq;
            outbound.send(frame);
            if (owedEchoes != null && owedEchoes.remove(seq) != null) {
                outbound.send(frame);
            }
        }
    }

    /** Answers a resend of an already accepted message without getting ahead of the stream. */
    void echo(long seq, String frame) {
        if (pending == null && seq <= cursor) {
            outbound.send(frame);
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

    void finishPending(long snapshotSeq) {
        List<Delivery> buffered = pending;
        pending = null;
        cursor = snapshotSeq;
        if (buffered != null) {
            for (Delivery d : buffered) {
                deliver(d.seq(), d.frame());
            }
        }
    }
}
