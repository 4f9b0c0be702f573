package dev.chat.node.ws;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.chat.node.service.ChatService;
import dev.chat.testing.RedisTestResource;
import dev.chat.testing.WsClient;

/** Abuse and overload: each limit answers clearly and leaves everything else as it was. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@TestProfile(LimitsTest.TightLimits.class)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class LimitsTest {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.limits.send-burst", "3", "chat.limits.send-per-second", "2",
                    "chat.limits.max-errors", "5", "chat.limits.connections-per-address", "4",
                    "chat.drain.timeout", "5s");
        }
    }

    @TestHTTPResource("/ws")
    URI http;

    @Inject
    ChatService chat;

    private URI ws() {
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }

    private int upgradeStatus(java.util.function.Consumer<WebSocket.Builder> headers) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.accept(builder);
        CompletionException e = assertThrows(CompletionException.class,
                () -> builder.buildAsync(ws(), new WebSocket.Listener() {
                }).orTimeout(10, TimeUnit.SECONDS).join());
        assertTrue(e.getCause() instanceof WebSocketHandshakeException, e.toString());
        return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }

    @Test
    void sendsOverTheRateAreRefusedWithARetryHint() {
        try (WsClient a = WsClient.connect(ws())) {
            a.next("welcome");
            a.join("general");
            a.next("joined");
            for (int i = 0; i < 4; i++) {
                a.say("burst " + i);
            }
            JsonNode error = a.next("error");
            assertEquals("rate_limited", error.get("code").asText());
            assertTrue(error.get("retryAfterMs").asLong() > 0 && error.get("retryAfterMs").asLong() <= 500, error.toString());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> a.seen("message").size() == 3);
            assertEquals(List.of("burst 0", "burst 1", "burst 2"),
                    a.seen("message").stream().map(m -> m.get("text").asText()).toList(), "the refused send went nowhere");
        }
    }

    @Test
    void persistentAbuseClosesTheConnectionWithPolicyViolation() {
        try (WsClient a = WsClient.connect(ws())) {
            a.next("welcome");
            for (int i = 0; i < 10 && !a.closed().isDone(); i++) {
                a.sendJson("{not json");
            }
            assertEquals(1008, a.closed().orTimeout(10, TimeUnit.SECONDS).join());
            assertTrue(a.seen("error").size() >= 5);
        }
    }

    @Test
    void binaryFramesAreRefusedAndTheConnectionSurvives() {
        try (WsClient a = WsClient.connect(ws())) {
            a.next("welcome");
            a.socket().sendBinary(ByteBuffer.wrap(new byte[] { 1, 2, 3 }), true).join();
            assertEquals("bad_request", a.next("error").get("code").asText());
            a.join("general");
            a.next("joined");
        }
    }

    @Test
    void aForeignOriginIsRefusedBeforeTheUpgradeAndTheOwnOriginPasses() {
        assertEquals(403, upgradeStatus(b -> b.header("Origin", "http://evil.example")));
        String own = "http://" + http.getHost() + ":" + http.getPort();
        try (WsClient ok = WsClient.connect(ws(), Map.of("Origin", own))) {
            ok.next("welcome");
        }
    }

    @Test
    void anAddressGetsNoMoreConnectionsThanItsLimit() {
        List<WsClient> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                WsClient c = WsClient.connect(ws());
                c.next("welcome");
                held.add(c);
            }
            assertEquals(429, upgradeStatus(b -> {
            }));
            held.remove(0).close();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
                try (WsClient again = WsClient.connect(ws())) {
                    again.next("welcome");
                    return true;
                } catch (RuntimeException refused) {
                    return false;
                }
            });
        } finally {
            held.forEach(WsClient::close);
        }
    }

    /** Last: this node is draining for good afterwards. */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void drainingTellsClientsToReconnectNowAndRefusesNewOnes() throws Exception {
        WsClient a = WsClient.connect(ws());
        WsClient b = WsClient.connect(ws());
        a.next("welcome");
        b.next("welcome");
        Thread drainer = new Thread(() -> chat.drain(Duration.ofSeconds(5)));
        drainer.start();
        assertEquals(1012, a.closed().orTimeout(10, TimeUnit.SECONDS).join());
        assertEquals(1012, b.closed().orTimeout(10, TimeUnit.SECONDS).join());
        drainer.join(10_000);
        assertTrue(!drainer.isAlive(), "drain returns once the clients are gone");
        assertEquals(0, chat.openConnections());
        given().get("/q/health/ready").then().statusCode(503);
        assertEquals(503, upgradeStatus(b2 -> {
        }));
    }
}
