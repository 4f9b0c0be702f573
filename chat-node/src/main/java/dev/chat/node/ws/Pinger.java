package dev.chat.node.ws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.util.concurrent.EventExecutor;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;

import dev.chat.node.config.NodeConfig;

/**
 * Pings every connection each {@code chat.node.ping-interval}, with one timer per event loop
 * rather than one per connection (websockets-next's auto-ping): 20 000 idle connections then
 * cost 4 timers, not 20 000. The timer ticks every {@link #TICK_MILLIS} and pings one slice of
 * the loop's connections ({@link PingRounds}), so a round's pings are spread over its interval
 * instead of leaving all at once. Tracking happens on the connection's loop, so the loop's
 * rounds need no lock.
 */
@ApplicationScoped
public class Pinger {

    private static final Logger LOG = Logger.getLogger(Pinger.class);
    /** 4 ticks a second: at 20 000 connections on a loop and pings every 30 s, 167 pings a tick. */
    static final long TICK_MILLIS = 250;

    private final Map<EventExecutor, PingRounds<WebSocketConnection, ChannelHandlerContext>> byLoop = new ConcurrentHashMap<>();

    @Inject
    NodeConfig config;

    /** Call on the connection's loop; {@code channel} may be null (pinged through websockets-next). */
    void track(WebSocketConnection connection, EventExecutor loop, ChannelHandlerContext channel) {
        // the finished ping frame goes in below the encoder where it can (see NettyAccess.encoder)
        ChannelHandlerContext belowEncoder = NettyAccess.encoder(channel);
        byLoop.computeIfAbsent(loop, this::start).put(connection, belowEncoder != null ? belowEncoder : channel);
    }

    /** Call on the connection's loop. */
    void forget(WebSocketConnection connection, EventExecutor loop) {
        PingRounds<WebSocketConnection, ChannelHandlerContext> rounds = byLoop.get(loop);
        if (rounds != null) {
            rounds.remove(connection);
        }
    }

    private PingRounds<WebSocketConnection, ChannelHandlerContext> start(EventExecutor loop) {
        long interval = config.node().pingInterval().toMillis();
        int slices = PingRounds.slicesFor(interval, TICK_MILLIS);
        PingRounds<WebSocketConnection, ChannelHandlerContext> rounds = new PingRounds<>(slices);
        long tick = Math.max(1, interval / slices);
        loop.scheduleAtFixedRate(() -> ping(rounds.next()), tick, tick, TimeUnit.MILLISECONDS);
        return rounds;
    }

    private static void ping(Map<WebSocketConnection, ChannelHandlerContext> connections) {
        for (Map.Entry<WebSocketConnection, ChannelHandlerContext> entry : connections.entrySet()) {
            ChannelHandlerContext channel = entry.getValue();
            if (channel != null && channel.handler() instanceof WebSocketFrameEncoder) {
                // idle connections cost their pings: the same two bytes for all, no frame object
                channel.writeAndFlush(WireFrames.PING.duplicate(), channel.voidPromise());
            } else if (channel != null) {
                channel.writeAndFlush(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER), channel.voidPromise());
            } else {
                entry.getKey().sendPing(Buffer.buffer()).subscribe().with(ok -> {
                }, failure -> LOG.debugf("ping failed: %s", failure.getMessage()));
            }
        }
    }
}
