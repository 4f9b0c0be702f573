package dev.chat.node.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.redis.client.Redis;

import dev.chat.testing.SmallRedisResource;
import dev.chat.testing.WsClient;

/**
 * A real redis-server with a small maxmemory and noeviction, filled up: sends and joins are
 * refused with {@code unavailable} saying the storage is full, nothing accepted before is lost,
 * and the chat works again once there is room.
 */
@QuarkusTest
@WithTestResource(SmallRedisResource.class)
class RedisFullTest {

    @TestHTTPResource("/ws")
    URI http;

    @Inject
    Redis redis;

    private WsClient connect() {
        WsClient client = WsClient.connect(URI.create(http.toString().replaceFirst("^http", "ws")));
        client.next("welcome");
        return client;
    }

    @Test
    void aFullRedisRefusesClearlyLosesNothingAndRecovers() {
        try (WsClient a = connect()) {
            a.join("general");
            a.next("joined");
            a.say("kept", "c-kept");
            a.next("message", m -> m.get("text").asText().equals("kept"));
            SmallRedisResource.Full full = SmallRedisResource.fill(redis);
            try {
                a.say("refused", "c-refused");
                JsonNode error = a.next("error");
                assertEquals("unavailable", error.get("code").asText());
                assertTrue(error.get("message").asText().contains("storage is full"), error.toString());
                try (WsClient b = connect()) {
                    b.join("general");
                    assertEquals("unavailable", b.next("error").get("code").asText(), "a join writes presence: refused too");
                }
            } finally {
                full.release();
            }
            a.say("after", "c-after");
            a.next("message", m -> m.get("text").asText().equals("after"));
            try (WsClient c = connect()) {
                c.join("general");
                List<String> texts = new ArrayList<>();
                c.next("joined").get("history").forEach(m -> texts.add(m.get("text").asText()));
                assertEquals(List.of("kept", "after"), texts, "nothing accepted was lost; the refused send was not stored");
            }
        }
    }
}
