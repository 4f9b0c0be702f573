package dev.chat.node.ws;

import java.lang.reflect.Method;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.impl.WebSocketImplBase;

/**
 * Closes a connection's TCP socket outright. A graceful close sends a close frame and waits for it
 * to be written, which never happens with a client that stopped reading: its connection, and the
 * memory queued for it, would stay forever. websockets-next does not expose the socket, so this
 * reaches it by reflection, in this one place; if that ever fails, the graceful close stands.
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

    static void close(WebSocketConnection connection) {
        if (WEB_SOCKET == null || connection.isClosed()) {
            return;
        }
        try {
            if (WEB_SOCKET.invoke(connection) instanceof WebSocketImplBase<?> socket) {
                socket.connection().close();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("hard close of %s failed: %s", connection.id(), e);
        }
    }
}
