package dev.chat.node.ws;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.chat.testing.RedisTestResource;
import dev.chat.testing.WsClient;

/** History is wiped on the clear boundary by Redis expiry, with no timer of the node involved. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@TestProfile(ClearingTest.ShortClearInterval.class)
class ClearingTest {

    public static class ShortClearInterval implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.general.clear-interval", "2s");
        }
    }

    @TestHTTPResource("/ws")
    URI http;

    @Test
    void aClientJoiningAfterTheBoundarySeesNoneOfTheOldMessages() {
        URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        String text = UUID.randomUUID().toString();
        try (WsClient a = WsClient.connect(ws)) {
            a.next("welcome");
            a.join("general");
            a.next("joined");
            a.say(text);
            a.next("message", m -> m.get("text").asText().equals(text));
        }
        assertTrue(historyHas(ws, text), "kept until the boundary");
        Awaitility.await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200))
                .until(() -> !historyHas(ws, text));
    }

    private static boolean historyHas(URI ws, String text) {
        try (WsClient c = WsClient.connect(ws)) {
            c.next("welcome");
            c.join("general");
            JsonNode joined = c.next("joined");
            for (JsonNode m : joined.get("history")) {
                if (m.get("text").asText().equals(text)) {
                    return true;
                }
            }
            return false;
        }
    }
}
