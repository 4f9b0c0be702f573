package dev.chat.node.ws;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import dev.chat.testing.RedisTestResource;
import dev.chat.testing.WsClient;

/** What an open connection keeps besides the chat's own state (see {@link ConnectionFootprint}). */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class ConnectionFootprintTest {

    @TestHTTPResource("/ws")
    URI http;

    @Inject
    OpenConnections connections;

    @Test
    void anOpenConnectionKeepsOnlyTheHeadersReadAfterItsUpgrade() {
        Map<String, String> sent = Map.of("X-Real-IP", "203.0.113.7", "X-Forwarded-Port", "8080",
                "User-Agent", "a browser with a long product string", "X-Anything", "kept by nothing");
        try (WsClient client = WsClient.connect(URI.create(http.toString().replaceFirst("^http", "ws")), sent)) {
            client.next("welcome");
            await().atMost(Duration.ofSeconds(5)).until(() -> connections.listAll().size() == 1);
            WebSocketConnection open = connections.listAll().iterator().next();
            Set<String> kept = open.handshakeRequest().headers().keySet();
            assertTrue(ConnectionFootprint.KEPT_HEADERS.containsAll(kept), "kept: " + kept);
            assertEquals("203.0.113.7", open.handshakeRequest().header("X-Real-IP"));
            assertTrue(kept.contains("sec-websocket-key"), "the handshake's own headers stay: " + kept);
        }
    }

    @Test
    void anOpenWebSocketHasNoIdleTimeoutHandlerOnlyItsPings() {
        try (WsClient client = WsClient.connect(URI.create(http.toString().replaceFirst("^http", "ws")), Map.of())) {
            client.next("welcome");
            await().atMost(Duration.ofSeconds(5)).until(() -> connections.listAll().size() == 1);
            ChannelHandlerContext channel = NettyAccess.channel(connections.listAll().iterator().next());
            assertNotNull(channel, "the node reaches the connection's channel (NettyAccessTest)");
            List<String> handlers = channel.pipeline().names();
            assertNull(channel.pipeline().get(IdleStateHandler.class), "pipeline: " + handlers);
            assertNotNull(channel.pipeline().get(WebSocketFrameEncoder.class), "still a WebSocket: " + handlers);
            client.join("general");
            client.next("joined");
        }
    }

    @Test
    void eachConnectionsQueueOfWaitingFramesStartsSmall() {
        // websockets-next sizes every connection's queue of waiting frames by Mutiny's small buffer
        assertEquals(ConnectionFootprint.QUEUE_CHUNK, Infrastructure.getBufferSizeS());
    }
}
