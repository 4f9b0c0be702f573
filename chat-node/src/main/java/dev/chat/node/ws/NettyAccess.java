package dev.chat.node.ws;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

import org.jboss.logging.Logger;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.impl.WebSocketImplBase;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * The one place that reaches below websockets-next's public API, to the Netty channel of a
 * connection: the fan-out writes the same encoded bytes to many sockets and flushes each once
 * (websockets-next only takes a String per recipient and flushes every frame), and a client that
 * stopped reading is dropped outright. websockets-next does not expose the socket (nor does
 * Vert.x Web's wrapper of it), so this uses reflection; when that fails (the internals moved),
 * {@link #channel} answers null and callers fall back to the public API. {@code NettyAccessTest}
 * fails when that happens, so an upgrade cannot lose the fast path unnoticed.
 */
public final class NettyAccess {

    private static final Logger LOG = Logger.getLogger(NettyAccess.class);
    private static final Method WEB_SOCKET = find();

    private NettyAccess() {
    }

    private static Method find() {
        try {
            Method method = Class.forName("io.quarkus.websockets.next.runtime.WebSocketConnectionBase")
                    .getDeclaredMethod("webSocket");
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("cannot reach WebSocket sockets (%s): using websockets-next's own sends", e);
            return null;
        }
    }

    /** Vert.x Web hands out a wrapper around the socket; its {@code delegate} is the socket. */
    private static Object unwrap(Object webSocket) throws ReflectiveOperationException {
        Object current = webSocket;
        for (int depth = 0; depth < 3 && current != null && !(current instanceof WebSocketImplBase<?>); depth++) {
            Field delegate = current.getClass().getDeclaredField("delegate");
            delegate.setAccessible(true);
            current = delegate.get(current);
        }
        return current;
    }

    /**
     * The Netty context Vert.x writes the connection's frames through, or null when it cannot be
     * reached. Writing through it goes through the same encoder, in the same order, as Vert.x.
     */
    public static ChannelHandlerContext channel(WebSocketConnection connection) {
        if (WEB_SOCKET == null) {
            return null;
        }
        try {
            if (unwrap(WEB_SOCKET.invoke(connection)) instanceof WebSocketImplBase<?> socket
                    && socket.connection() instanceof ConnectionBase transport) {
                return transport.channelHandlerContext();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("no channel for %s: %s", connection.id(), e);
        }
        return null;
    }

    /**
     * The context of the connection's WebSocket frame encoder, when frames may be written below
     * it as finished bytes ({@link WireFrames}); null when there is none, or when a handler between
     * it and the connection's own context changes frames on their way (a compression extension:
     * its frames are then written through it, as Vert.x writes them).
     */
    static ChannelHandlerContext encoder(ChannelHandlerContext connection) {
        if (connection == null) {
            return null;
        }
        ChannelHandlerContext encoder = connection.pipeline().context(WebSocketFrameEncoder.class);
        if (encoder == null) {
            return null;
        }
        for (var entry : connection.pipeline()) {
            if (entry.getValue() instanceof io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder) {
                return null;
            }
        }
        return encoder;
    }

    /** Drops the socket now; whatever is still queued for it is discarded. */
    static void hardClose(WebSocketConnection connection) {
        ChannelHandlerContext channel = channel(connection);
        // the connection already counts as closed (a close frame is queued), its socket does not
        if (channel != null && channel.channel().isOpen()) {
            LOG.debugf("dropping %s: its client does not read", connection.id());
            channel.channel().close();
        }
    }
}
