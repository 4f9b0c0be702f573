package dev.chat.registry.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contract.IdentityKey;
import dev.chat.contract.IdentityToken;
import dev.chat.contract.MessageFrames;
import dev.chat.contract.RedisKeys;
import dev.chat.contract.RoomMeta;
import dev.chat.registry.TestRedis;
import dev.chat.registry.service.MessageHistory;
import dev.chat.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * {@code GET /api/rooms/{id}/messages}: the stored frames newest first, paged with
 * {@code before}/{@code limit}, only the current clear period, and for a room that hides its
 * history from newcomers only what the token's user could see.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class RoomHistoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    TestRedis test;

    private String room(boolean historyForNewcomers) {
        String id = "h" + UUID.randomUUID().toString().replace("-", "").substring(0, 9);
        test.writeRoom(new RoomMeta(id, "History " + id, 60, 120L, System.currentTimeMillis(), historyForNewcomers),
                Duration.ofMinutes(2));
        return id;
    }

    /** Messages {@code first..last} as a chat node stores them; returns their frames by id. */
    private List<String> append(String room, long first, long last) {
        List<String> frames = new ArrayList<>();
        for (long id = first; id <= last; id++) {
            String frame = MessageFrames.message(room, MessageFrames.userJson("u-" + (id % 3), "Quiet Otter"),
                    "message " + id + " “quoted” 😀\n<b>", 1_763_900_000_000L + id, id % 2 == 0 ? "c-" + id : null,
                    List.of()).withId(id);
            redis.stream(String.class).xadd(keys.history(room), new XAddArgs().id(id + "-0"), Map.of("f", frame));
            frames.add(frame);
        }
        redis.value(String.class).set(keys.seq(room), Long.toString(last));
        return frames;
    }

    private static ValidatableResponse get(String room, String query, String token) {
        RequestSpecification request = given();
        if (token != null) {
            request.header("X-Identity-Token", token);
        }
        return request.get("/api/rooms/" + room + "/messages" + query).then();
    }

    private static List<String> ids(ValidatableResponse response) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode message : JSON.readTree(response.statusCode(200).extract().asString())) {
            ids.add(message.get("id").asText());
        }
        return ids;
    }

    private static List<String> range(long from, long downTo) {
        List<String> ids = new ArrayList<>();
        for (long id = from; id >= downTo; id--) {
            ids.add(Long.toString(id));
        }
        return ids;
    }

    /** A token as a chat node signs it, with the test profile's key. */
    private static String token(String userId) {
        return TestRedis.token(userId, "Quiet Otter");
    }

    @Test
    void theNewestComeFirstAsTheExactStoredFramesAndBeforePagesBackToTheStart() throws Exception {
        String room = room(true);
        List<String> frames = append(room, 1, 7);

        String body = get(room, "?limit=3", null).statusCode(200).contentType(ContentType.JSON)
                .header("Cache-Control", "private, no-store").extract().asString();
        assertEquals("[" + frames.get(6) + "," + frames.get(5) + "," + frames.get(4) + "]", body,
                "the frames the WebSocket sent, byte for byte, newest first");
        assertEquals(JSON.readTree(frames.get(6)), JSON.readTree(body).get(0));

        assertEquals(range(4, 2), ids(get(room, "?before=5&limit=3", null)));
        assertEquals(List.of("1"), ids(get(room, "?before=2&limit=3", null)));
        assertEquals(List.of(), ids(get(room, "?before=1", null)));
        assertEquals(range(7, 1), ids(get(room, "?before=9007199254740993", null)), "ids above any stored");
    }

    @Test
    void withoutLimitAPageHasTheDefaultSizeAndTheLimitGoesUpToTheMaximum() throws Exception {
        String room = room(true);
        append(room, 1, 120);
        assertEquals(range(120, 71), ids(get(room, "", null)));
        assertEquals(range(120, 21), ids(get(room, "?limit=100", null)));
        assertEquals(range(20, 1), ids(get(room, "?before=21&limit=100", null)));
    }

    /** The rules themselves are {@code HistoryQueryParserTest}'s; here, that they answer as the API does. */
    @ParameterizedTest
    @ValueSource(strings = { "?limit=101", "?limit=ten", "?before=0", "?before=abc&limit=5" })
    void aBadBeforeOrLimitIs400NamingItAndNoRoomIsLookedAt(String query) {
        String field = query.startsWith("?limit") ? "limit" : "before";
        get("nosuchroom", query, null).statusCode(400).contentType(ContentType.JSON).body("field", is(field));
    }

    @Test
    void anUnknownOrMalformedRoomIs404() {
        get("nosuchroom", "", null).statusCode(404).contentType(ContentType.JSON)
                .body("error", is("no such room: nosuchroom"));
        get("Not-A-Room-Id", "", null).statusCode(404).body("error", is("no such room: Not-A-Room-Id"));
    }

    @Test
    void onlyTheCurrentClearPeriodIsThere() throws Exception {
        String room = room(true);
        append(room, 1, 3);
        assertEquals(range(3, 1), ids(get(room, "", null)));
        // the chat nodes set the history to expire at the next clear boundary
        redis.key().pexpire(keys.history(room), 200);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> ids(get(room, "", null)).isEmpty());
    }

    @Test
    void aRoomThatHidesItsHistoryAnswersOnlyAUserWhoWasThereAndOnlyWithWhatCameAfter() throws Exception {
        String room = room(false);
        append(room, 1, 9);
        String alice = "u-alice-" + UUID.randomUUID();
        // what a chat node writes on a first join in this clear period (HSETNX): the seq then
        redis.hash(String.class).hset(keys.firstJoins(room), alice, "4");

        get(room, "", null).statusCode(403).contentType(ContentType.JSON).body("error", is(MessageHistory.NO_READER));
        get(room, "", "forged.token").statusCode(403).body("error", is(MessageHistory.NO_READER));
        String foreign = new IdentityToken(IdentityKey.of(IdentityKey.bytes("another-secret-0123456789")),
                Duration.ofDays(30)).issue(alice, "Quiet Otter", System.currentTimeMillis());
        get(room, "", foreign).statusCode(403).body("error", is(MessageHistory.NO_READER));
        get(room, "", token("u-bob")).statusCode(403).body("error", is(MessageHistory.NOT_MEMBER));

        String token = token(alice);
        assertEquals(range(9, 5), ids(get(room, "", token)));
        assertEquals(range(9, 8), ids(get(room, "?limit=2", token)));
        assertEquals(range(6, 5), ids(get(room, "?before=7", token)));
        assertEquals(List.of(), ids(get(room, "?before=5", token)));
        // a room that shows its history ignores the token
        String open = room(true);
        append(open, 1, 2);
        assertEquals(range(2, 1), ids(get(open, "", token("u-bob"))));
    }
}
