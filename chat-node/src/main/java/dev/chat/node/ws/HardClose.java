package dev.chat.node.ws;

import java.lang.reflect.Method;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.impl.WebSocketImplBase;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Closes a connection's TCP socket outright. A graceful close sends a close frame and waits for it
 * to be written, which never happens with a client that stopped reading: its connection, and the
 * memory queued for it, would stay forever. websockets-next does not expose the socket (nor does
 * Vert.x Web's wrapper of it), so this reaches it by reflection, in this one place; if that ever
 * fails, the graceful close stands.
 */
final class HardClose {

    private static final Logger LOG = Logger.getLogger(HardClose.class);
    private static final Method WEB_SOCKET = find();

    private HardClose() {
    }

    private static Method find() {
        try {
            Method method = Class.forName("io.quarkus.websockets.next.runtime.WebSocketConnectionBase")
                    .getDeclaredMethod("webSocket");
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("cannot reach WebSocket sockets (%s): slow clients are only closed gracefully", e);
            return null;
        }
    }

    /** Vert.x Web hands out a wrapper around the socket; its {@code delegate} is the socket. */
    private static Object unwrap(Object webSocket) throws ReflectiveOperationException {
        Object current = webSocket;
        for (int depth = 0; depth < 3 && current != null && !(current instanceof WebSocketImplBase<?>); depth++) {
            java.lang.reflect.Field delegate = current.getClass().getDeclaredField("delegate");
            delegate.setAccessible(true);
            current = delegate.get(current);
        }
        return current;
    }

    /** Drops the socket now; whatever is still queued for it is discarded. */
    static void close(WebSocketConnection connection) {
        if (WEB_SOCKET == null) {
            return;
        }
        try {
            // the connection already counts as closed (a close frame is queued), its socket does not
            if (unwrap(WEB_SOCKET.invoke(connection)) instanceof WebSocketImplBase<?> socket
                    && socket.connection() instanceof ConnectionBase transport && transport.channel().isOpen()) {
                LOG.debugf("dropping %s: its client does not read", connection.id());
                transport.channel().close();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("hard close of %s failed: %s", connection.id(), e);
        }
    }
}
