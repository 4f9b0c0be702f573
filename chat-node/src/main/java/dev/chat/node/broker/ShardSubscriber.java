package dev.chat.node.broker;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * One subscriber connection to one master (or the single Redis): a {@code SSUBSCRIBE} or
 * {@code SUNSUBSCRIBE} per channel, nothing else. Each such command gets exactly one reply, in
 * order (its confirmation push, or an error such as {@code MOVED}), so a subscription completes
 * only when Redis confirmed it; a {@code sunsubscribe} push nobody asked for means Redis dropped
 * the channel itself (its slot moved away).
 */
final class ShardSubscriber {

    /** What the broker hears from one subscriber connection. */
    interface Events {
        void onMessage(String channel, String payload);

        /** Redis dropped the channel without being asked (its slot left this master). */
        void onDropped(ShardSubscriber from, String channel);

        void onLost(ShardSubscriber lost, Throwable failure);
    }

    private record Pending(boolean subscribe, String channel, CompletableFuture<Void> done) {
    }

    private final String endpoint;
    private final RedisConnection connection;
    private final Events events;
    /**
     * Where every command is queued and written, one after another: callers on different event
     * loops would otherwise write in another order than they queued (a write from the
     * connection's own loop goes out at once, one from elsewhere is handed over to it), and a
     * reply would then be matched to the wrong command, after which none would match again.
     * Null off a Vert.x thread (unit tests): then in the caller's order.
     */
    private final Context context = Vertx.currentContext();
    // guarded by this: commands sent and not answered yet, oldest first
    private final Deque<Pending> pending = new ArrayDeque<>();
    private boolean closed;

    ShardSubscriber(String endpoint, RedisConnection connection, Events events) {
        this.endpoint = endpoint;
        this.connection = connection;
        this.events = events;
        connection.handler(this::onReply);
        connection.exceptionHandler(failure -> lost(failure));
        connection.endHandler(ignored -> lost(null));
    }

    /** MOVED, ASK (slot migrating), TRYAGAIN, CLUSTERDOWN (failover under way): worth another try elsewhere or later. */
    static boolean retryable(Throwable failure) {
        String message = failure.getMessage();
        return message != null && (message.startsWith("MOVED") || message.startsWith("ASK")
                || message.startsWith("TRYAGAIN") || message.startsWith("CLUSTERDOWN"));
    }

    String endpoint() {
        return endpoint;
    }

    /** Completes once Redis confirmed the subscription; fails with its error (e.g. {@code MOVED ...}). */
    CompletionStage<Void> subscribe(String channel) {
        return send(true, channel);
    }

    CompletionStage<Void> unsubscribe(String channel) {
        return send(false, channel);
    }

    private CompletionStage<Void> send(boolean subscribe, String channel) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (context == null) {
            write(subscribe, channel, done);
        } else {
            context.runOnContext(ignored -> write(subscribe, channel, done));
        }
        return done;
    }

    private void write(boolean subscribe, String channel, CompletableFuture<Void> done) {
        synchronized (this) {
            if (closed) {
                done.completeExceptionally(new IllegalStateException("Redis connection lost"));
                return;
            }
            pending.addLast(new Pending(subscribe, channel, done));
            connection.send(Request.cmd(subscribe ? Command.SSUBSCRIBE : Command.SUNSUBSCRIBE).arg(channel))
                    .onFailure(failure -> lost(failure));
        }
    }

    void close() {
        shut();
    }

    /** Closes the connection and fails what waits on it; false when it was closed already. */
    private boolean shut() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
        }
        failPending();
        connection.close();
        return true;
    }

    private void onReply(Response reply) {
        if (reply == null) {
            return;
        }
        if (reply.type() == ResponseType.ERROR) {
            Pending head = poll(null, false);
            if (head != null) {
                head.done().completeExceptionally(new IllegalStateException(reply.toString()));
            }
            return;
        }
        if (reply.size() < 3) {
            return;
        }
        String kind = reply.get(0).toString();
        String channel = reply.get(1).toString();
        switch (kind) {
            case "smessage", "message" -> events.onMessage(channel, reply.get(2).toString());
            case "ssubscribe" -> complete(poll(channel, true));
            case "sunsubscribe" -> {
                Pending asked = poll(channel, false);
                if (asked != null) {
                    asked.done().complete(null);
                } else {
                    events.onDropped(this, channel);
                }
            }
            default -> {
                // other pushes (none are expected on this connection)
            }
        }
    }

    private static void complete(Pending pending) {
        if (pending != null) {
            pending.done().complete(null);
        }
    }

    /** The oldest command if it is the one this reply answers (any one for an error), else null. */
    private synchronized Pending poll(String channel, boolean subscribe) {
        Pending head = pending.peekFirst();
        if (head == null || channel != null && (head.subscribe() != subscribe || !head.channel().equals(channel))) {
            return null;
        }
        return pending.pollFirst();
    }

    private void lost(Throwable failure) {
        if (shut()) {
            events.onLost(this, failure);
        }
    }

    private void failPending() {
        Deque<Pending> failed;
        synchronized (this) {
            failed = new ArrayDeque<>(pending);
            pending.clear();
        }
        failed.forEach(p -> p.done().completeExceptionally(new IllegalStateException("Redis connection lost")));
    }
}
