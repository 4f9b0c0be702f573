package dev.chat.node.ops;

import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import dev.chat.contract.RedisKeys;
import dev.chat.node.metrics.LatencyWindow;
import dev.chat.node.metrics.NodeMetrics;

/**
 * Publishes this node's figures for the operations view ({@code GET /api/ops} of the registry):
 * every {@code chat.ops.heartbeat-interval} a small JSON object under {@link RedisKeys#opsNode}
 * with a TTL, and the node in the {@link RedisKeys#opsNodes} index with the time it lapses. A
 * node that dies simply stops writing and leaves the view when its key expires; one that stops
 * cleanly removes itself. The view thus needs no Prometheus and no list of nodes.
 */
public final class OpsHeartbeat {

    private static final Logger LOG = Logger.getLogger(OpsHeartbeat.class);
    /** The rate chart: 60 steps of 10 s, the last 10 minutes. */
    static final long HISTORY_STEP_MS = 10_000;
    static final int HISTORY_STEPS = 60;

    private final Vertx vertx;
    private final Redis redis;
    private final RedisKeys keys;
    private final String nodeId;
    private final NodeMetrics metrics;
    private final BooleanSupplier draining;
    private final long intervalMillis;
    private final long ttlMillis;
    private final LatencyWindow latency;
    private final RateHistory history = new RateHistory(HISTORY_STEP_MS, HISTORY_STEPS);
    private long timer = -1;
    // guarded by this: the totals of the previous beat, for the current rates
    private long lastAt = -1;
    private long lastReceived;
    private long lastDelivered;

    public OpsHeartbeat(Vertx vertx, Redis redis, RedisKeys keys, String nodeId, NodeMetrics metrics,
            OpsConfig config, BooleanSupplier draining) {
        this.vertx = vertx;
        this.redis = redis;
        this.keys = keys;
        this.nodeId = nodeId;
        this.metrics = metrics;
        this.draining = draining;
        this.intervalMillis = config.heartbeatInterval().toMillis();
        this.ttlMillis = config.heartbeatTtl().toMillis();
        this.latency = new LatencyWindow(config.latencyWindow().toMillis());
    }

    public void start() {
        beat();
        timer = vertx.setPeriodic(intervalMillis, id -> beat());
    }

    /** Stops beating and takes this node out of the view at once. */
    public Future<Void> stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        return Future.join(redis.send(Request.cmd(Command.DEL).arg(keys.opsNode(nodeId))),
                redis.send(Request.cmd(Command.ZREM).arg(keys.opsNodes()).arg(nodeId))).mapEmpty();
    }

    void beat() {
        long now = System.currentTimeMillis();
        String payload = payload(now).encode();
        redis.send(Request.cmd(Command.SET).arg(keys.opsNode(nodeId)).arg(payload).arg("PX").arg(ttlMillis))
                .compose(ok -> redis.send(Request.cmd(Command.ZADD).arg(keys.opsNodes()).arg(now + ttlMillis).arg(nodeId)))
                // index entries of nodes that died lapse here, whoever notices first
                .compose(ok -> redis.send(Request.cmd(Command.ZREMRANGEBYSCORE).arg(keys.opsNodes()).arg("-inf").arg(now)))
                .onFailure(e -> LOG.debugf("operations heartbeat not written: %s", e.getMessage()));
    }

    /** The heartbeat's JSON (docs/protocol.md, "Operations view"). */
    synchronized JsonObject payload(long now) {
        long received = metrics.receivedTotal();
        long delivered = metrics.deliveredTotal();
        double seconds = lastAt < 0 ? 0 : (now - lastAt) / 1000.0;
        double receivedRate = seconds > 0 ? Math.max(0, received - lastReceived) / seconds : 0;
        double deliveredRate = seconds > 0 ? Math.max(0, delivered - lastDelivered) / seconds : 0;
        lastAt = now;
        lastReceived = received;
        lastDelivered = delivered;
        history.record(now, received, delivered);
        RateHistory.Window window = history.window(now);
        return new JsonObject()
                .put("node", nodeId)
                .put("at", now)
                .put("draining", draining.getAsBoolean())
                .put("connections", metrics.connections())
                .put("rooms", metrics.localRooms())
                .put("received", received)
                .put("delivered", delivered)
                .put("receivedPerSecond", round(receivedRate))
                .put("deliveredPerSecond", round(deliveredRate))
                .put("sendP99Ms", latency.percentileMillis(now, metrics.sendSnapshot(), 0.99))
                .put("history", new JsonObject()
                        .put("endAt", window.endAt())
                        .put("stepMs", window.stepMillis())
                        .put("received", rates(window.received()))
                        .put("delivered", rates(window.delivered())));
    }

    private static JsonArray rates(double[] values) {
        JsonArray array = new JsonArray();
        for (double v : values) {
            array.add(round(v));
        }
        return array;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
