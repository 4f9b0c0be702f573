package dev.chat.node.broker;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import dev.chat.contract.Envelope;
import dev.chat.contract.RedisKeys;

/**
 * Cluster delivery: publishes to and subscribes to rooms' Redis channels. One dedicated subscriber
 * connection carries a SUBSCRIBE per room that has members on this node, and nothing else; when it
 * drops, the broker reconnects with backoff, resubscribes every room still wanted and tells the
 * listener so the rooms can catch up from history.
 */
public final class RedisBroker implements Broker {

    private static final Logger LOG = Logger.getLogger(RedisBroker.class);

    private final Vertx vertx;
    private final Redis redis;
    private final RedisKeys keys;
    private final Interest interest;
    private final Duration reconnectDelay;
    private final Duration reconnectMaxDelay;
    private BrokerListener listener;

    // guarded by this: the connection and which rooms are subscribed on it (or being subscribed)
    private RedisConnection connection;
    private final Map<String, CompletableFuture<Void>> subscriptions = new HashMap<>();
    private boolean connecting;
    private boolean stopped;
    private long attempt;

    /** Which rooms this node needs to hear; the hub knows. */
    public interface Interest {
        boolean wants(String room);

        Set<String> rooms();
    }

    public RedisBroker(Vertx vertx, Redis redis, RedisKeys keys, Interest interest, Duration reconnectDelay,
            Duration reconnectMaxDelay) {
        this.vertx = vertx;
        this.redis = redis;
        this.keys = keys;
        this.interest = interest;
        this.reconnectDelay = reconnectDelay;
        this.reconnectMaxDelay = reconnectMaxDelay;
    }

    public void start(BrokerListener listener) {
        this.listener = listener;
        connect();
    }

    public synchronized boolean isConnected() {
        return connection != null;
    }

    public synchronized Set<String> subscribedRooms() {
        return Set.copyOf(subscriptions.keySet());
    }

    /**
     * Brings the room's subscription in line with whether the hub still wants it. Completes when the
     * room is subscribed (so nothing published from then on is missed), or fails when Redis is
     * unreachable.
     */
    public synchronized CompletionStage<Void> sync(String room) {
        boolean want = interest.wants(room);
        CompletableFuture<Void> current = subscriptions.get(room);
        if (want) {
            if (current != null) {
                return current;
            }
            if (connection == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("Redis is unreachable"));
            }
            CompletableFuture<Void> subscribed = new CompletableFuture<>();
            subscriptions.put(room, subscribed);
            connection.send(Request.cmd(Command.SUBSCRIBE).arg(keys.channel(room))).onComplete(result -> {
                if (result.succeeded()) {
                    subscribed.complete(null);
                } else {
                    subscribed.completeExceptionally(result.cause());
                }
            });
            return subscribed;
        }
        if (current != null) {
            subscriptions.remove(room);
            if (connection != null) {
                connection.send(Request.cmd(Command.UNSUBSCRIBE).arg(keys.channel(room)));
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    public CompletionStage<Void> publish(String room, Envelope envelope) {
        return redis.send(Request.cmd(Command.PUBLISH).arg(keys.channel(room)).arg(envelope.encode())).<Void>mapEmpty()
                .toCompletionStage();
    }

    public void stop() {
        RedisConnection toClose;
        synchronized (this) {
            stopped = true;
            toClose = connection;
            connection = null;
            subscriptions.clear();
        }
        if (toClose != null) {
            toClose.send(Request.cmd(Command.UNSUBSCRIBE)).onComplete(ignored -> toClose.close());
        }
    }

    private synchronized void connect() {
        if (connecting || stopped || connection != null) {
            return;
        }
        connecting = true;
        redis.connect().onComplete(result -> {
            if (result.failed()) {
                synchronized (this) {
                    connecting = false;
                }
                LOG.debugf("Redis subscriber connection failed: %s", result.cause().getMessage());
                scheduleReconnect();
                return;
            }
            RedisConnection conn = result.result();
            conn.handler(this::onPush);
            conn.exceptionHandler(failure -> lost(conn, failure));
            conn.endHandler(ignored -> lost(conn, null));
            boolean resubscribing;
            synchronized (this) {
                connecting = false;
                if (stopped) {
                    conn.close();
                    return;
                }
                connection = conn;
                resubscribing = attempt > 0;
                attempt = 0;
            }
            LOG.infof("Redis subscriber connected%s", resubscribing ? " again: resubscribing" : "");
            if (resubscribing) {
                listener.onReconnected();
            }
            for (String room : interest.rooms()) {
                sync(room).thenRun(() -> {
                    if (resubscribing) {
                        listener.onResubscribed(room);
                    }
                });
            }
        });
    }

    private void lost(RedisConnection conn, Throwable failure) {
        Map<String, CompletableFuture<Void>> pending;
        synchronized (this) {
            if (connection != conn) {
                return;
            }
            connection = null;
            pending = new HashMap<>(subscriptions);
            subscriptions.clear();
            attempt = Math.max(attempt, 1);
        }
        LOG.warnf("Redis subscriber connection lost%s", failure == null ? "" : ": " + failure.getMessage());
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("Redis connection lost")));
        conn.close();
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        long delay;
        synchronized (this) {
            if (stopped) {
                return;
            }
            attempt++;
            delay = Math.min(reconnectMaxDelay.toMillis(), reconnectDelay.toMillis() << Math.min(attempt - 1, 10));
        }
        vertx.setTimer(Math.max(1, delay), id -> connect());
    }

    private void onPush(Response push) {
        if (push == null || push.size() < 3) {
            return;
        }
        String kind = push.get(0).toString();
        if (!"message".equals(kind) && !"smessage".equals(kind)) {
            return;
        }
        String room = keys.roomOfChannel(push.get(1).toString());
        Envelope envelope = Envelope.parse(push.get(2).toString());
        if (room != null && envelope != null) {
            listener.onEnvelope(room, envelope);
        }
    }
}
