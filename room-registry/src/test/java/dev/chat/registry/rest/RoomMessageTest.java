package dev.chat.registry.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contract.RedisKeys;
import dev.chat.registry.ShardChannel;
import dev.chat.registry.TestRedis;
import dev.chat.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * {@code POST /api/rooms/{id}/messages} with {@code chat.api-key} set: only with the key, only
 * valid text, and an accepted message is a normal {@code message} of user System: next id of the
 * room, in its history, published to the chat nodes.
 */
@QuarkusTest
@TestProfile(RoomMessageTest.WithApiKey.class)
@WithTestResource(RedisTestResource.class)
class RoomMessageTest {

    static final String KEY = "test-key-5b1f0c";

    public static class WithApiKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.api-key", KEY);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    io.vertx.redis.client.Redis client;

    @Inject
    TestRedis test;

    @BeforeEach
    void setUp() {
        given().get("/api/rooms/general").then().statusCode(200);
    }

    static ValidatableResponse post(String room, String key, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("X-Api-Key", key);
        }
        return request.post("/api/rooms/" + room + "/messages").then();
    }

    private static String room(String name) {
        return RoomCreateTest.post(RoomCreateTest.body(name, 60, 120), TestRedis.freshAddress()).statusCode(201)
                .extract().path("id");
    }

    @Test
    void aPostedMessageIsTheRoomsNextMessageFromSystemInHistoryAndOnTheChannel() throws Exception {
        String room = room("Announcements");
        redis.value(String.class).set(keys.seq(room), "41"); // messages a chat node accepted before
        Queue<String> published = new ConcurrentLinkedQueue<>();
        ShardChannel subscriber = ShardChannel.listen(client, keys.channel(room), published::add);
        long before = System.currentTimeMillis();
        try {
            post(room, KEY, "{\"text\":\"Deploy finished \\\"v2\\\" ✅\"}").statusCode(202)
                    .contentType(ContentType.JSON).body("id", is("42"));
            post(room, KEY, "{\"text\":\"second\"}").statusCode(202).body("id", is("43"));
            await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 2);
        } finally {
            subscriber.close();
        }

        List<StreamMessage<String, String, String>> history = redis.stream(String.class)
                .xrange(keys.history(room), StreamRange.of("-", "+"));
        assertEquals(List.of("42-0", "43-0"), history.stream().map(StreamMessage::id).toList());
        String frame = history.get(0).payload().get("f");
        assertEquals(List.of("M 42 registry\n" + frame, "M 43 registry\n" + history.get(1).payload().get("f")),
                List.copyOf(published));

        JsonNode message = JSON.readTree(frame);
        assertEquals("message", message.get("type").asText());
        assertEquals(room, message.get("room").asText());
        assertEquals("42", message.get("id").asText());
        assertEquals(JSON.readTree("{\"id\":\"system\",\"name\":\"System\"}"), message.get("user"));
        assertEquals("Deploy finished \"v2\" ✅", message.get("text").asText());
        long ts = message.get("ts").asLong();
        assertTrue(ts >= before && ts <= System.currentTimeMillis(), "ts " + ts);
        assertTrue(!message.has("clientId") && !message.has("attachments"), frame);
        assertEquals("43", redis.value(String.class).get(keys.seq(room)));
        long pttl = redis.key().pttl(keys.history(room));
        assertTrue(pttl > 0 && pttl <= 60_000, "history lives until the next clear: " + pttl);
    }

    @Test
    void generalTakesMessagesToo() {
        post("general", KEY, "{\"text\":\"hello everyone\"}").statusCode(202).body("id", matchesPattern("[0-9]+"));
    }

    @Test
    void aMissingOrWrongKeyIs401AndWritesNothing() {
        String room = room("Guarded feed");
        Map<String, String> before = test.picture();
        post(room, null, "{\"text\":\"hi\"}").statusCode(401).contentType(ContentType.JSON)
                .header("WWW-Authenticate", matchesPattern(".*X-Api-Key.*"))
                .body("error", is("missing or wrong X-Api-Key"));
        post(room, "", "{\"text\":\"hi\"}").statusCode(401).contentType(ContentType.JSON);
        post(room, KEY + "x", "{\"text\":\"hi\"}").statusCode(401).contentType(ContentType.JSON);
        post(room, KEY.toUpperCase(), "{\"text\":\"hi\"}").statusCode(401).contentType(ContentType.JSON);
        // the key is checked before anything else: an unknown room or bad body does not tell more
        post("nosuchroom", "wrong", "{\"text\":\"hi\"}").statusCode(401);
        post(room, "wrong", "not json").statusCode(401);
        assertEquals(before, test.picture());
    }

    @ParameterizedTest
    @ValueSource(strings = { "{}", "{\"text\":null}", "{\"text\":\"\"}", "{\"text\":\"  \\n \"}", "{\"text\":7}",
            "{\"text\":\"hi\",\"user\":\"admin\"}" })
    void badTextIs400NamingTheFieldAndWritesNothing(String body) {
        String room = room("Strict " + Integer.toHexString(body.hashCode()));
        Map<String, String> before = test.picture();
        post(room, KEY, body).statusCode(400).contentType(ContentType.JSON).body("error", matchesPattern(".+"))
                .body("field", matchesPattern("text|user"));
        assertEquals(before, test.picture());
    }

    @Test
    void textOverTheLimitIs400AndTheLimitItselfIsFine() {
        String room = room("Long texts");
        // code points, not UTF-16 units: 2000 emoji are 4000 chars
        post(room, KEY, "{\"text\":\"" + "😀".repeat(2000) + "\"}").statusCode(202);
        Map<String, String> before = test.picture();
        post(room, KEY, "{\"text\":\"" + "😀".repeat(2001) + "\"}").statusCode(400).body("field", is("text"));
        post(room, KEY, "{\"text\":\"" + "a".repeat(2001) + "\"}").statusCode(400).body("field", is("text"));
        assertEquals(before, test.picture());
    }

    @Test
    void aBodyThatIsNotAJsonObjectIs400WithoutField() {
        post("general", KEY, "hello").statusCode(400).contentType(ContentType.JSON).body("field", nullValue());
        post("general", KEY, "[\"hi\"]").statusCode(400).body("field", nullValue());
    }

    @Test
    void anUnknownRoomIs404AndWritesNothing() {
        Map<String, String> before = test.picture();
        post("nosuchroom", KEY, "{\"text\":\"hi\"}").statusCode(404).contentType(ContentType.JSON)
                .body("error", is("no such room: nosuchroom"));
        post("Not_Valid", KEY, "{\"text\":\"hi\"}").statusCode(404).contentType(ContentType.JSON);
        assertEquals(before, test.picture());
    }
}
