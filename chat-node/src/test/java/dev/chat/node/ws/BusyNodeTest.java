package dev.chat.node.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.chat.testing.RedisTestResource;
import dev.chat.testing.WsClient;

/**
 * A node that already works on as many joins as it takes answers a join with {@code busy} and a
 * time to come back, and changes nothing: the connection stays, in no room. (Bounds of 0, in
 * progress and in line, make every join one too many.)
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@TestProfile(BusyNodeTest.NoRoomForJoins.class)
class BusyNodeTest {

    public static class NoRoomForJoins implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.limits.max-joins-in-progress", "0", "chat.limits.max-joins-queued", "0",
                    "chat.limits.busy-retry-after", "400ms");
        }
    }

    @TestHTTPResource("/ws")
    URI http;

    @Test
    void aJoinBeyondTheBoundIsAnsweredBusyWithARetryHintAndChangesNothing() {
        try (WsClient client = WsClient.connect(URI.create(http.toString().replaceFirst("^http", "ws")))) {
            client.next("welcome");
            client.join("general");
            JsonNode busy = client.next("error");
            assertEquals("busy", busy.get("code").asText());
            long wait = busy.get("retryAfterMs").asLong();
            assertTrue(wait >= 400 && wait <= 800, "retryAfterMs " + wait);

            client.say("hello");
            assertEquals("not_in_room", client.next("error").get("code").asText(), "the refused join entered no room");
        }
    }

    @Test
    void busyIsNeverCountedAsTheClientsAbuse() {
        try (WsClient client = WsClient.connect(URI.create(http.toString().replaceFirst("^http", "ws")))) {
            client.next("welcome");
            // more refusals than chat.limits.max-errors (20 within 10 s) would allow for bad frames
            for (int i = 0; i < 25; i++) {
                client.join("general");
                assertEquals("busy", client.next("error").get("code").asText());
            }
            client.say("still here");
            assertEquals("not_in_room", client.next("error").get("code").asText(), "not closed for abuse (1008)");
            assertTrue(!client.closed().isDone(), "the connection is still open");
        }
    }
}
