package dev.chat.node.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import dev.chat.contract.Envelope;
import dev.chat.contract.RedisKeys;

/**
 * Cluster delivery through sharded pub/sub: publishes with {@code SPUBLISH} and subscribes with a
 * {@code SSUBSCRIBE} per room that has members on this node, on a subscriber connection to the
 * master that owns the room's hash slot (one connection per master; on a single Redis, one). The
 * same commands serve a single Redis 7 and a Redis Cluster, so there is one code path.
 *
 * <p>When a subscriber connection drops (Redis restarted, a master failed over), the broker asks
 * for the topology again and reconnects with backoff, resubscribes every room still wanted and
 * tells the listener, so the rooms catch up from history. When Redis drops one room's channel by
 * itself (its slot migrated: an unsolicited {@code sunsubscribe}), or answers {@code MOVED}, the
 * broker learns the new owner, subscribes there and has that room catch up the same way.
 */
public final class RedisBroker implements Broker, ShardSubscriber.Events {

    private static final Logger LOG = Logger.getLogger(RedisBroker.class);
    private static final int SUBSCRIBE_TRIES = 5;

    private final Vertx vertx;
    private final Redis redis;
    private final RedisKeys keys;
    private final Interest interest;
    private final ShardConnector connector;
    private final Duration reconnectDelay;
    private final Duration reconnectMaxDelay;
    private BrokerListener listener;

    // guarded by this
    private ShardTopology topology;
    private final Map<String, ShardSubscriber> shards = new HashMap<>();
    private final RoomSubscriptions subscriptions = new RoomSubscriptions();
    private boolean recovering;
    private volatile boolean stopped;
    private long attempt;

    /** Which rooms this node needs to hear; the hub knows. */
    public interface Interest {
        boolean wants(String room);

        Set<String> rooms();
    }

    /** @param connector {@link ShardConnector#single} or {@link ShardConnector#cluster} */
    public RedisBroker(Vertx vertx, Redis redis, RedisKeys keys, Interest interest, ShardConnector connector,
            Duration reconnectDelay, Duration reconnectMaxDelay) {
        this.vertx = vertx;
        this.redis = redis;
        this.keys = keys;
        this.interest = interest;
        this.connector = connector;
        this.reconnectDelay = reconnectDelay;
        this.reconnectMaxDelay = reconnectMaxDelay;
    }

    public void start(BrokerListener listener) {
        this.listener = listener;
        recover();
    }

    /** Whether every master has its subscriber connection now. */
    public synchronized boolean isConnected() {
        return topology != null && !recovering && shards.keySet().containsAll(topology.masters());
    }

    /**
     * Brings the room's subscription in line with whether the hub still wants it. Completes when
     * Redis confirmed the room's subscription (so nothing published from then on is missed), or
     * fails when its master is unreachable.
     */
    public synchronized CompletionStage<Void> sync(String room) {
        CompletableFuture<Void> current = subscriptions.get(room);
        if (interest.wants(room)) {
            if (current != null) {
                return current;
            }
            CompletableFuture<Void> subscribed = new CompletableFuture<>();
            subscriptions.put(room, subscribed);
            subscribe(room, subscribed, SUBSCRIBE_TRIES);
            return subscribed;
        }
        if (current != null) {
            String endpoint = subscriptions.remove(room);
            ShardSubscriber shard = endpoint == null ? null : shards.get(endpoint);
            if (shard != null) {
                shard.unsubscribe(keys.channel(room));
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    public CompletionStage<Void> publish(String room, Envelope envelope) {
        return redis.send(Request.cmd(Command.SPUBLISH).arg(keys.channel(room)).arg(envelope.encode())).<Void>mapEmpty()
                .toCompletionStage();
    }

    public void stop() {
        List<ShardSubscriber> open;
        synchronized (this) {
            stopped = true;
            open = new ArrayList<>(shards.values());
            shards.clear();
            subscriptions.clear();
        }
        open.forEach(ShardSubscriber::close);
        connector.close();
    }

    private void subscribe(String room, CompletableFuture<Void> subscribed, int tries) {
        String channel = keys.channel(room);
        ShardSubscriber shard;
        synchronized (this) {
            if (!subscriptions.current(room, subscribed)) {
                // replaced meanwhile (its slot moved, the connection was lost) or given up (the room emptied)
                subscriptions.settleFromCurrent(room, subscribed);
                return;
            }
            shard = topology == null ? null : shards.get(topology.ownerOf(channel));
            if (shard == null) {
                subscriptions.failed(room, subscribed);
                subscribed.completeExceptionally(new IllegalStateException("Redis is unreachable"));
                return;
            }
            subscriptions.on(room, shard.endpoint());
        }
        shard.subscribe(channel).whenComplete((ok, failure) -> {
            if (failure == null) {
                subscribed.complete(null);
                boolean catchUp;
                synchronized (this) {
                    catchUp = subscriptions.caughtUp(room);
                }
                if (catchUp) {
                    listener.onResubscribed(room);
                }
            } else if (ShardSubscriber.retryable(failure) && tries > 1) {
                // the topology was stale or the slot is moving: learn the owner and subscribe there
                LOG.debugf("subscribing %s: %s", room, failure.getMessage());
                vertx.setTimer(Math.max(1, reconnectDelay.toMillis()),
                        id -> refreshTopology().onComplete(done -> subscribe(room, subscribed, tries - 1)));
            } else {
                synchronized (this) {
                    subscriptions.failed(room, subscribed);
                }
                subscribed.completeExceptionally(failure);
            }
        });
    }

    @Override
    public void onMessage(String channel, String payload) {
        String room = keys.roomOfChannel(channel);
        Envelope envelope = Envelope.parse(payload);
        if (room != null && envelope != null) {
            listener.onEnvelope(room, envelope);
        }
    }

    @Override
    public void onDropped(ShardSubscriber from, String channel) {
        String room = keys.roomOfChannel(channel);
        synchronized (this) {
            if (room == null || !from.endpoint().equals(subscriptions.endpointOf(room))) {
                return;
            }
            subscriptions.lost(room);
        }
        LOG.infof("Redis dropped the channel of %s (its slot moved): subscribing on its new owner", room);
        refreshTopology().onComplete(done -> resubscribeWanted());
    }

    @Override
    public void onLost(ShardSubscriber lost, Throwable failure) {
        synchronized (this) {
            if (shards.get(lost.endpoint()) != lost) {
                return;
            }
            shards.remove(lost.endpoint());
            subscriptions.lostOn(lost.endpoint());
            attempt = Math.max(attempt, 1);
        }
        LOG.warnf("Redis subscriber connection to %s lost%s", lost.endpoint(),
                failure == null ? "" : ": " + failure.getMessage());
        scheduleRecover();
    }

    /** Learns the topology, opens a subscriber connection to every master that has none, resubscribes. */
    private void recover() {
        synchronized (this) {
            if (recovering || stopped) {
                return;
            }
            recovering = true;
        }
        refreshTopology().onComplete(result -> {
            synchronized (this) {
                recovering = false;
            }
            if (result.failed() || !isConnected()) {
                LOG.debugf("Redis subscriber connection failed: %s",
                        result.failed() ? result.cause().getMessage() : "a master is unreachable");
                scheduleRecover();
                return;
            }
            boolean again;
            Set<String> masters;
            synchronized (this) {
                again = attempt > 0;
                attempt = 0;
                masters = Set.copyOf(shards.keySet());
            }
            LOG.infof("Redis subscriber connected to %s%s", masters, again ? " again: resubscribing" : "");
            if (!again) {
                resubscribeWanted();
                return;
            }
            // the rooms catch up from history: through the service's client, once it answers too
            ClientReady.await(vertx, redis, reconnectDelay, () -> stopped).onSuccess(ready -> {
                listener.onReconnected();
                resubscribeWanted();
            });
        });
    }

    /** A new topology, with a subscriber connection to each of its masters; connections to former masters closed. */
    private Future<Void> refreshTopology() {
        return connector.topology().compose(fresh -> {
            List<ShardSubscriber> stale = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            synchronized (this) {
                topology = fresh;
                for (ShardSubscriber shard : List.copyOf(shards.values())) {
                    if (!fresh.masters().contains(shard.endpoint())) {
                        shards.remove(shard.endpoint());
                        subscriptions.lostOn(shard.endpoint());
                        stale.add(shard);
                    }
                }
                fresh.masters().stream().filter(m -> !shards.containsKey(m)).forEach(missing::add);
            }
            stale.forEach(ShardSubscriber::close);
            List<Future<Void>> opened = new ArrayList<>();
            for (String endpoint : missing) {
                opened.add(connector.connect(endpoint).map(conn -> {
                    ShardSubscriber shard = new ShardSubscriber(endpoint, conn, this);
                    boolean keep;
                    synchronized (this) {
                        keep = !stopped && !shards.containsKey(endpoint);
                        if (keep) {
                            shards.put(endpoint, shard);
                        }
                    }
                    if (!keep) {
                        shard.close();
                    }
                    return null;
                }));
            }
            return Future.join(opened).mapEmpty();
        });
    }

    private void resubscribeWanted() {
        for (String room : interest.rooms()) {
            sync(room);
        }
    }

    private void scheduleRecover() {
        long delay;
        synchronized (this) {
            if (stopped) {
                return;
            }
            attempt++;
            delay = Math.min(reconnectMaxDelay.toMillis(), reconnectDelay.toMillis() << Math.min(attempt - 1, 10));
        }
        vertx.setTimer(Math.max(1, delay), id -> recover());
    }
}
