package dev.chat.node.ws;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;

import dev.chat.node.hub.ClientSession;
import dev.chat.node.service.ChatService;

/** The browser's endpoint: hands every event to {@link ChatService} and holds no logic itself. */
@WebSocket(path = "/ws")
public class ChatSocket {

    private static final Logger LOG = Logger.getLogger(ChatSocket.class);
    private static final TypedKey<ClientSession> SESSION = new TypedKey<>("chat.session");

    @Inject
    ChatService chat;

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        ClientSession session = chat.open(Query.param(connection.handshakeRequest().query(), "token"),
                frame -> connection.sendText(frame).subscribe().with(ok -> {
                }, failure -> LOG.debugf("send to %s failed: %s", connection.id(), failure.getMessage())));
        connection.userData().put(SESSION, session);
    }

    @OnTextMessage
    @NonBlocking
    void text(WebSocketConnection connection, String text) {
        chat.onText(connection.userData().get(SESSION), text);
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        ClientSession session = connection.userData().get(SESSION);
        if (session != null) {
            chat.close(session);
        }
    }

    @OnError
    @NonBlocking
    void error(WebSocketConnection connection, Throwable failure) {
        if (TooBig.isMessageTooBig(failure)) {
            // Vert.x only reports an over-long fragmented message; it leaves the socket open
            connection.close(TooBig.CLOSE_REASON).subscribe().with(ok -> {
            }, ignored -> {
            });
            return;
        }
        LOG.debugf("connection %s: %s", connection.id(), failure.toString());
    }
}
