package dev.chat.node.ws;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.netty.channel.ChannelHandlerContext;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.websockets.next.OpenConnections;

import dev.chat.testing.RedisTestResource;

/**
 * The fast path's one reach below websockets-next: fails when an upgrade moves the internals it
 * uses (the node would fall back to per-recipient sends and per-connection pings). Also shows
 * the per-loop pinger pings, and that sockets run on Netty's native epoll transport.
 */
@QuarkusTest
@TestProfile(NettyAccessTest.FastPings.class)
@WithTestResource(RedisTestResource.class)
class NettyAccessTest {

    public static class FastPings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // two slices of a round (Pinger ticks every 250 ms): connections take turns, each pinged every 600 ms
            return Map.of("chat.node.ping-interval", "600ms");
        }
    }

    @TestHTTPResource("/ws")
    URI http;

    @Inject
    OpenConnections connections;

    @Test
    void theChannelOfAWebSocketIsReachableAndEveryConnectionIsPingedByItsLoop() throws Exception {
        URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        List<AtomicInteger> pings = new ArrayList<>();
        List<WebSocket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                AtomicInteger count = new AtomicInteger();
                pings.add(count);
                clients.add(HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
                        count.incrementAndGet();
                        webSocket.request(1);
                        return null;
                    }
                }).get());
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> connections.listAll().size() == 6);
            ChannelHandlerContext channel = NettyAccess.channel(connections.listAll().iterator().next());
            assertNotNull(channel, "websockets-next's internals moved: see NettyAccess");
            assertTrue(channel.channel().isActive());
            // quarkus.vertx.prefer-native-transport with the epoll jar on the class path
            assertEquals("EpollSocketChannel", channel.channel().getClass().getSimpleName(),
                    "the WebSocket runs on NIO: is netty-transport-native-epoll (linux-x86_64) missing?");
            assertNotNull(NettyAccess.encoder(channel),
                    "no WebSocket encoder to write finished frames below: see NettyAccess.encoder");
            // every connection, whichever slice it fell in, keeps being pinged
            await().atMost(Duration.ofSeconds(8)).until(() -> pings.stream().allMatch(n -> n.get() >= 3));
        } finally {
            clients.forEach(WebSocket::abort);
        }
    }
}
