package dev.chat.node.ws;

import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.EventExecutor;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.impl.ContextInternal;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.chat.contract.ClientAddressPolicy;
import dev.chat.node.config.NodeConfig;
import dev.chat.node.hub.BoundedOutbound;
import dev.chat.node.hub.ClientSession;
import dev.chat.node.hub.Outbound;
import dev.chat.node.metrics.NodeMetrics;
import dev.chat.node.service.ConnectionGate;
import dev.chat.node.service.SessionCommands;

/**
 * The browser's endpoint: a connection passes the {@link ConnectionGate}, its frames go to the
 * {@link SessionCommands}; it holds no logic itself.
 */
@WebSocket(path = "/ws")
public class ChatSocket {

    private static final Logger LOG = Logger.getLogger(ChatSocket.class);
    private static final TypedKey<ClientSession> SESSION = new TypedKey<>("chat.session");
    private static final TypedKey<EventExecutor> LOOP = new TypedKey<>("chat.loop");

    @Inject
    ConnectionGate gate;

    @Inject
    SessionCommands commands;

    @Inject
    NodeConfig config;

    @ConfigProperty(name = "quarkus.websockets-next.server.max-message-size")
    int maxMessageSize;

    @Inject
    Vertx vertx;

    @Inject
    Pinger pinger;

    @Inject
    NodeMetrics metrics;

    @Inject
    ClientAddressPolicy addresses;

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        var handshake = connection.handshakeRequest();
        String address = ClientAddress.of(addresses, ClientAddress.hostOf(handshake.remoteAddress()),
                handshake.header("X-Real-IP"));
        long maxOutbound = config.limits().maxOutboundBytes();
        // on the connection's event loop (@NonBlocking), which owns its socket
        ChannelHandlerContext channel = NettyAccess.channel(connection);
        ConnectionFootprint.dropIdleTimeout(channel);
        EventExecutor loop = channel != null ? channel.executor()
                : ((ContextInternal) Vertx.currentContext()).nettyEventLoop();
        Outbound outbound = channel != null ? new RawOutbound(connection, channel, maxOutbound)
                : new BoundedOutbound(new Socket(connection, vertx), maxOutbound, loop);
        ClientSession session = gate.open(Query.param(handshake.query(), "token"), outbound, address);
        connection.userData().put(SESSION, session);
        connection.userData().put(LOOP, loop);
        pinger.track(connection, loop, channel);
    }

    @OnTextMessage
    @NonBlocking
    void text(WebSocketConnection connection, String text) {
        if (text.length() > maxMessageSize) {
            // a single frame under the transport's frame limit but over the message limit
            new Socket(connection, vertx).close(TooBig.CLOSE_REASON.getCode(), TooBig.CLOSE_REASON.getMessage());
            return;
        }
        commands.onText(connection.userData().get(SESSION), text);
    }

    @OnBinaryMessage
    @NonBlocking
    void binary(WebSocketConnection connection, Buffer data) {
        commands.onUnsupported(connection.userData().get(SESSION), "binary");
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        metrics.closed(connection.closeReason() == null ? null : connection.closeReason().getCode());
        ClientSession session = connection.userData().get(SESSION);
        if (session != null) {
            commands.close(session);
        }
        EventExecutor loop = connection.userData().get(LOOP);
        if (loop != null) {
            pinger.forget(connection, loop);
        }
    }

    @OnError
    @NonBlocking
    void error(WebSocketConnection connection, Throwable failure) {
        if (TooBig.isMessageTooBig(failure)) {
            // Vert.x only reports an over-long fragmented message; it leaves the socket open
            new Socket(connection, vertx).close(TooBig.CLOSE_REASON.getCode(), TooBig.CLOSE_REASON.getMessage());
            return;
        }
        LOG.debugf("connection %s: %s", connection.id(), failure.toString());
    }

    private record Socket(WebSocketConnection connection, Vertx vertx) implements BoundedOutbound.Socket {

        private static final long ABORT_AFTER_MS = 2_000;

        @Override
        public CompletionStage<Void> sendText(String frame) {
            return connection.sendText(frame).subscribeAsCompletionStage();
        }

        @Override
        public void close(int code, String reason) {
            connection.close(new CloseReason(code, reason)).subscribe().with(ok -> {
            }, failure -> LOG.debugf("close of %s failed: %s", connection.id(), failure.getMessage()));
        }

        @Override
        public void abortLater() {
            vertx.setTimer(ABORT_AFTER_MS, id -> NettyAccess.hardClose(connection));
        }
    }
}
