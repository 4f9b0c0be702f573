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

import dev.chat.contract.RedisKeys;
import dev.chat.node.service.ConnectionGate;
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
            return Map.ofEntries(Map.entry("chat.limits.send-burst", "3"), Map.entry("chat.limits.send-per-second", "2"),
                    Map.entry("chat.limits.max-errors", "5"), Map.entry("chat.limits.connections-per-address", "4"),
                    Map.entry("chat.drain.timeout", "5s"), Map.entry("chat.limits.join-burst", "3"),
                    Map.entry("chat.limits.join-per-second", "1"), Map.entry("chat.limits.nick-burst", "2"),
                    Map.entry("chat.limits.nick-per-second", "0.5"), Map.entry("chat.limits.max-queued-frames", "8"),
                    Map.entry("chat.limits.max-history-reply-bytes", "4096"));
        }
    }

    @TestHTTPResource("/ws")
    URI http;

    @Inject
    ConnectionGate chat;

    @Inject
    io.vertx.redis.client.Redis redis;

    @Inject
    dev.chat.node.config.NodeConfig config;

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
    void joinsAndRenamesOverTheirRatesAreRefusedWithARetryHint() {
        try (WsClient a = WsClient.connect(ws())) {
            a.next("welcome");
            for (int i = 0; i < 4; i++) {
                a.join("general");
            }
            JsonNode error = a.next("error");
            assertEquals("rate_limited", error.get("code").asText());
            assertTrue(error.get("retryAfterMs").asLong() > 0 && error.get("retryAfterMs").asLong() <= 1000, error.toString());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> a.seen("joined").size() == 3);

            for (int i = 0; i < 3; i++) {
                a.sendJson("{\"type\":\"nick\",\"name\":\"Name " + i + "\"}");
            }
            JsonNode nickError = a.next("error");
            assertEquals("rate_limited", nickError.get("code").asText());
            assertTrue(nickError.get("retryAfterMs").asLong() > 0 && nickError.get("retryAfterMs").asLong() <= 2000,
                    nickError.toString());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> a.seen("identity").size() == 2);
            assertEquals(List.of("Name 0", "Name 1"),
                    a.seen("identity").stream().map(f -> f.get("user").get("name").asText()).toList(),
                    "the refused rename changed nothing");
            assertTrue(!a.closed().isDone(), "a refused join or rename leaves the connection open");
        }
    }

    @Test
    void aClientThatPipelinesMoreFramesThanItsBoundIsClosed() {
        try (WsClient a = WsClient.connect(ws())) {
            a.next("welcome");
            // joins take Redis round trips: the frames behind the first wait their turn
            for (int i = 0; i < 200 && !a.closed().isDone(); i++) {
                try {
                    a.join("general");
                } catch (RuntimeException closedMeanwhile) {
                    break; // the node closed the connection while this frame was being sent
                }
            }
            assertEquals(1008, a.closed().orTimeout(10, TimeUnit.SECONDS).join());
            assertTrue(a.closeReason().contains("too many frames waiting"), a.closeReason());
        }
    }

    @Test
    void aHistoryOverTheReplyBudgetIsTrimmedOldestFirstAndSaysSoWithoutClosingTheConnection() {
        RedisKeys keys = new RedisKeys(config.redis().keyPrefix());
        String room = TestRooms.create(redis, keys, 600, null, true);
        List<String> texts = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            texts.add(i + " " + "x".repeat(500)); // 20 frames of ~650 characters: ~13 KiB against a budget of 4 KiB
        }
        TestRooms.fillHistory(redis, keys, room, texts);
        try (WsClient fresh = WsClient.connect(ws()); WsClient resuming = WsClient.connect(ws())) {
            fresh.next("welcome");
            fresh.join(room);
            JsonNode joined = fresh.next("joined");
            List<String> kept = new ArrayList<>();
            joined.get("history").forEach(m -> kept.add(m.get("text").asText()));
            assertTrue(kept.size() >= 4 && kept.size() < 20, "trimmed to the budget: " + kept.size());
            assertEquals(texts.subList(20 - kept.size(), 20), kept, "the newest messages are kept, in order");
            assertTrue(joined.get("truncated").asBoolean(), joined.toString().substring(0, 80));
            assertTrue(joined.get("recovered").asBoolean(), "a fresh join has no gap to recover");

            resuming.next("welcome");
            resuming.join(room, "2");
            JsonNode resumed = resuming.next("joined");
            assertEquals(false, resumed.get("recovered").asBoolean(), "messages 3.. did not all fit: a gap remains");
            assertTrue(resumed.get("truncated").asBoolean());
            assertEquals("20 ", resumed.get("history").get(resumed.get("history").size() - 1).get("text").asText().substring(0, 3));
            resuming.join(room, "18");
            JsonNode small = resuming.next("joined");
            assertEquals(true, small.get("recovered").asBoolean(), "two messages fit: nothing is missing");
            assertTrue(small.get("truncated") == null, small.toString().substring(0, 80));
            assertTrue(!fresh.closed().isDone() && !resuming.closed().isDone(), "nobody is cut off");
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
    void cleartextHttp2IsNotSpokenNeitherByUpgradeNorByPreface() throws Exception {
        for (String request : new String[] {
                "GET /ws HTTP/1.1\r\nHost: " + http.getHost() + "\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                        + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n",
                "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" }) {
            try (java.net.Socket socket = new java.net.Socket(http.getHost(), http.getPort())) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                byte[] answer = new byte[12];
                int read = socket.getInputStream().readNBytes(answer, 0, answer.length);
                String status = new String(answer, 0, read, java.nio.charset.StandardCharsets.US_ASCII);
                assertTrue(!status.contains("101") && !status.startsWith("\u0000"), "answered " + status + " to " + request);
            }
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
