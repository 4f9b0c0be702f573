package dev.chat.node.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.MultiMap;

/**
 * What every open connection keeps beyond the chat's own state, trimmed: at 20 000 idle
 * connections the node's memory is mostly this (bench/README.md, "The JVM").
 * <ul>
 * <li>Vert.x and websockets-next each keep the upgrade request's headers for the connection's
 * life. The node reads them once, in {@link UpgradeGuard} and {@link ChatSocket}'s open; after the
 * upgrade check only the handshake's own headers, {@code Host} and {@code X-Real-IP} are left.</li>
 * <li>websockets-next gives each connection an unbounded queue of the frames waiting for the
 * endpoint, allocated in chunks of Mutiny's "small" buffer size: 256 slots (1 KB) by default,
 * where the node's non-blocking handlers never let more than a few wait. The queue still grows
 * chunk by chunk when it must.</li>
 * <li>The HTTP server gives every connection an idle-timeout handler ({@code quarkus.http.idle-timeout},
 * 30 min, meant for HTTP requests): a handler, its pipeline context and a scheduled task per
 * connection, and a promise and a listener for every frame written through it. A WebSocket here
 * can never go idle that long: {@link Pinger} writes a ping to every connection each
 * {@code chat.node.ping-interval}, and the gateway closes a connection its client left. So the
 * handler leaves a WebSocket's pipeline once the connection is open.</li>
 * </ul>
 */
public final class ConnectionFootprint {

    /** Slots per chunk of a connection's waiting-frame queue; Mutiny takes no fewer than 16. */
    static final int QUEUE_CHUNK = 16;

    /**
     * Headers a connection still needs after its upgrade check: the handshake's (Vert.x and Netty
     * read them when they switch protocols), Host (the connection's authority) and X-Real-IP
     * ({@link ChatSocket} reads the client's address once it is open).
     */
    static final Set<String> KEPT_HEADERS = Set.of("host", "upgrade", "connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-protocol", "sec-websocket-extensions", "x-real-ip");

    private ConnectionFootprint() {
    }

    /** Once at start, before the first connection. */
    public static void install() {
        Infrastructure.setBufferSizeS(QUEUE_CHUNK);
    }

    /**
     * Takes the HTTP server's idle-timeout handler out of an open WebSocket's pipeline, if it has
     * one. Call on the connection's event loop.
     */
    static void dropIdleTimeout(ChannelHandlerContext channel) {
        IdleStateHandler idle = channel == null ? null : channel.pipeline().get(IdleStateHandler.class);
        if (idle != null) {
            // removing it cancels its scheduled task (IdleStateHandler.handlerRemoved)
            channel.pipeline().remove(idle);
        }
    }

    /** Drops every header of an upgrade request that nothing reads after its check. */
    static void trimHeaders(MultiMap headers) {
        List<String> dropped = new ArrayList<>();
        for (String name : headers.names()) {
            if (!KEPT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                dropped.add(name);
            }
        }
        dropped.forEach(headers::remove);
    }
}
