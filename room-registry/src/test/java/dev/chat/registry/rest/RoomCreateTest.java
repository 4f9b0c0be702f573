package dev.chat.registry.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.chat.contract.RedisKeys;
import dev.chat.registry.TestRedis;
import dev.chat.registry.service.OwnerTokens;
import dev.chat.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** {@code GET /api/rooms/options} and {@code POST /api/rooms}: success, every refusal, and that refusals write nothing. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class RoomCreateTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    TestRedis test;

    @BeforeEach
    void setUp() {
        // General exists before any picture is taken, so its creation is never mistaken for a write.
        given().get("/api/rooms/general").then().statusCode(200);
    }

    static ValidatableResponse post(String body, String address) {
        return given().header("X-Real-IP", address).contentType(ContentType.JSON).body(body).post("/api/rooms")
                .then();
    }

    static String body(String name, long clear, long expiry) {
        return "{\"name\":\"" + name + "\",\"clearIntervalSeconds\":" + clear + ",\"expirySeconds\":" + expiry + "}";
    }

    @Test
    void optionsAreTheConfiguredDurationsInSeconds() {
        given().get("/api/rooms/options").then().statusCode(200).contentType(ContentType.JSON)
                .body(is("{\"clearIntervals\":[60,120,180,300,600],\"expiries\":[120,300,600]}"));
    }

    @Test
    void createsARoomAndAnswersItWithItsLocationAndOwnerToken() {
        long before = System.currentTimeMillis();
        var response = given().header("X-Real-IP", TestRedis.freshAddress()).contentType(ContentType.JSON)
                .body("{\"name\":\"  Study group \",\"clearIntervalSeconds\":180,\"expirySeconds\":300,"
                        + "\"historyForNewcomers\":false}")
                .post("/api/rooms").then().statusCode(201).contentType(ContentType.JSON)
                .body("id", matchesPattern("[a-z2-7]{10}"))
                .body("name", is("Study group"))
                .body("clearIntervalSeconds", is(180))
                .body("expirySeconds", is(300))
                .body("users", is(0))
                .body("ownerToken", matchesPattern("[A-Za-z0-9_-]{43,}"))
                .extract();
        long after = System.currentTimeMillis();
        String id = response.path("id");
        String token = response.path("ownerToken");
        long createdAt = ((Number) response.path("createdAt")).longValue();
        long expiresAt = ((Number) response.path("expiresAt")).longValue();
        long nextClearAt = ((Number) response.path("nextClearAt")).longValue();

        assertEquals("/api/rooms/" + id, response.header("Location"));
        assertTrue(createdAt >= before && createdAt <= after);
        assertEquals(createdAt + 300_000, expiresAt);
        assertEquals(createdAt + 180_000, nextClearAt);

        Map<String, String> meta = redis.hash(String.class).hgetall(keys.meta(id));
        assertEquals("Study group", meta.get("name"));
        assertEquals("180", meta.get("clearIntervalSeconds"));
        assertEquals("300", meta.get("expirySeconds"));
        assertEquals("false", meta.get("historyForNewcomers"));
        assertEquals(OwnerTokens.hash(token), meta.get("ownerTokenHash"));
        assertFalse(meta.containsValue(token), "the token itself is never stored");
        long pttl = redis.key().pttl(keys.meta(id));
        assertTrue(pttl > 290_000 && pttl <= 300_000, "the meta key expires with the room: " + pttl);
        assertTrue(test.roomIndex().contains(id));
        assertEquals(id, test.nameIndex().get("study group"));

        given().get("/api/rooms/" + id).then().statusCode(200).body("name", is("Study group"))
                .body("ownerToken", nullValue());
        given().get("/api/rooms").then().statusCode(200).body("find { it.id == '" + id + "' }.name", is("Study group"));
    }

    @Test
    void historyForNewcomersDefaultsToTrue() {
        String id = post(body("Defaults", 60, 120), TestRedis.freshAddress()).statusCode(201).extract().path("id");
        assertEquals("true", redis.hash(String.class).hget(keys.meta(id), "historyForNewcomers"));
    }

    @Test
    void nameLengthCountsCodePoints() {
        String forty = "\uD83D\uDE00".repeat(40);
        post(body(forty, 60, 120), TestRedis.freshAddress()).statusCode(201).body("name", is(forty));
        Map<String, String> before = test.picture();
        post(body(forty + "x", 60, 120), TestRedis.freshAddress()).statusCode(400).body("field", is("name"));
        assertEquals(before, test.picture());
    }

    static Stream<Arguments> invalidBodies() {
        String ok = "\"clearIntervalSeconds\":60,\"expirySeconds\":120";
        return Stream.of(
                Arguments.of("", null),
                Arguments.of("not json", null),
                Arguments.of("[1,2]", null),
                Arguments.of("\"a string\"", null),
                Arguments.of("null", null),
                Arguments.of("{\"name\":\"Twice\",\"name\":\"Again\"," + ok + "}", null),
                Arguments.of("{\"name\":\"Trailing\"," + ok + "} {}", null),
                Arguments.of("{\"name\":\"Extra\"," + ok + ",\"color\":\"red\"}", "color"),
                Arguments.of("{" + ok + "}", "name"),
                Arguments.of("{\"name\":null," + ok + "}", "name"),
                Arguments.of("{\"name\":\"\"," + ok + "}", "name"),
                Arguments.of("{\"name\":\"   \"," + ok + "}", "name"),
                Arguments.of("{\"name\":42," + ok + "}", "name"),
                Arguments.of("{\"name\":\"" + "n".repeat(41) + "\"," + ok + "}", "name"),
                Arguments.of("{\"name\":\"bell\\u0007\"," + ok + "}", "name"),
                Arguments.of("{\"name\":\"two\\nlines\"," + ok + "}", "name"),
                Arguments.of("{\"name\":\"Room\",\"expirySeconds\":120}", "clearIntervalSeconds"),
                Arguments.of("{\"name\":\"Room\",\"clearIntervalSeconds\":\"60\",\"expirySeconds\":120}",
                        "clearIntervalSeconds"),
                Arguments.of("{\"name\":\"Room\",\"clearIntervalSeconds\":61,\"expirySeconds\":120}",
                        "clearIntervalSeconds"),
                Arguments.of("{\"name\":\"Room\",\"clearIntervalSeconds\":60.5,\"expirySeconds\":120}",
                        "clearIntervalSeconds"),
                Arguments.of("{\"name\":\"Room\",\"clearIntervalSeconds\":1e30,\"expirySeconds\":120}",
                        "clearIntervalSeconds"),
                Arguments.of("{\"name\":\"Room\",\"clearIntervalSeconds\":60}", "expirySeconds"),
                Arguments.of("{\"name\":\"Room\",\"clearIntervalSeconds\":60,\"expirySeconds\":true}", "expirySeconds"),
                Arguments.of("{\"name\":\"Room\",\"clearIntervalSeconds\":60,\"expirySeconds\":60}", "expirySeconds"),
                Arguments.of("{\"name\":\"Room\"," + ok + ",\"historyForNewcomers\":\"yes\"}", "historyForNewcomers"),
                Arguments.of("{\"name\":\"Room\"," + ok + ",\"historyForNewcomers\":1}", "historyForNewcomers"),
                Arguments.of("{\"name\":\"Room\"," + ok + ",\"historyForNewcomers\":null}", "historyForNewcomers"));
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void invalidBodiesAre400WithTheFieldAndWriteNothing(String body, String field) {
        Map<String, String> before = test.picture();
        given().header("X-Real-IP", TestRedis.freshAddress()).contentType(ContentType.JSON).body(body)
                .post("/api/rooms").then().statusCode(400).contentType(ContentType.JSON)
                .body("error", matchesPattern(".+"))
                .body("field", field == null ? nullValue() : is(field));
        assertEquals(before, test.picture());
    }

    @Test
    void aBodyThatIsNotDeclaredJsonIsStillParsedAndRefusedAsJson() {
        Map<String, String> before = test.picture();
        given().header("X-Real-IP", TestRedis.freshAddress()).contentType(ContentType.TEXT).body("hello")
                .post("/api/rooms").then().statusCode(400).contentType(ContentType.JSON)
                .body("error", matchesPattern("body is not valid JSON.*"));
        assertEquals(before, test.picture());
    }

    @Test
    void aNameInUseIsAConflictWhateverItsCase() {
        post(body("Study Hall", 60, 120), TestRedis.freshAddress()).statusCode(201);
        Map<String, String> before = test.picture();

        for (String again : new String[] { "Study Hall", "study hall", "STUDY HALL", "  sTuDy HaLl ",
                "\uFF33tudy \uFF28all", "\uFF53\uFF54\uFF55\uFF44\uFF59 hall" }) {
            post(body(again, 120, 300), TestRedis.freshAddress()).statusCode(409).contentType(ContentType.JSON)
                    .body("field", is("name")).body("error", matchesPattern(".*already exists.*"));
        }
        assertEquals(before, test.picture());
    }

    @Test
    void aCreationBeyondTheMostLiveRoomsIs507AndWritesNothingButAGoneRoomMakesRoom() {
        int live = (int) test.roomIndex().stream().filter(id -> redis.key().exists(keys.meta(id))).count();
        java.util.List<String> filler = new java.util.ArrayList<>();
        for (int i = live; i < 100; i++) { // %test.chat.rooms.max-live
            String id = String.format("full%06d", i);
            filler.add(id);
            test.writeRoom(new dev.chat.contract.RoomMeta(id, "Filler " + i, 60, null, System.currentTimeMillis(), true), null);
        }
        try {
            Map<String, String> before = test.picture();
            post(body("One too many", 60, 120), TestRedis.freshAddress()).statusCode(507).contentType(ContentType.JSON)
                    .body("error", matchesPattern("the chat has the most rooms it may hold \\(100\\).*"));
            assertEquals(before, test.picture());
            redis.key().del(keys.meta(filler.get(0))); // a room expires
            post(body("One too many", 60, 120), TestRedis.freshAddress()).statusCode(201);
        } finally {
            redis.set(String.class).srem(keys.roomIndex(), filler.toArray(String[]::new));
            redis.key().del(filler.stream().map(keys::meta).toArray(String[]::new));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "General", "general", " GENERAL ", "\uFF27eneral" })
    void generalsNameIsTaken(String name) {
        Map<String, String> before = test.picture();
        post(body(name, 60, 120), TestRedis.freshAddress()).statusCode(409).body("field", is("name"));
        assertEquals(before, test.picture());
    }

    @Test
    void theSixthCreationInAMinuteFromOneAddressIs429() {
        // Five creations and the sixth must fall in one fixed window: do not start near its end.
        await().atMost(Duration.ofSeconds(15)).until(() -> System.currentTimeMillis() % 60_000 < 45_000);
        String address = TestRedis.freshAddress();
        for (int i = 1; i <= 5; i++) {
            post(body("Busy " + i, 60, 120), address).statusCode(201);
        }
        Map<String, String> before = test.picture();

        String retryAfter = post(body("Busy 6", 60, 120), address).statusCode(429).contentType(ContentType.JSON)
                .body("error", matchesPattern(".+")).extract().header("Retry-After");

        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds >= 1 && seconds <= 60, "Retry-After " + retryAfter);
        assertEquals(before, test.picture(), "a refused creation writes nothing, its counter included");
        // Another address has a counter of its own.
        post(body("Busy 6", 60, 120), TestRedis.freshAddress()).statusCode(201);
    }

    @Test
    void theLimitKeysOnTheAddressNginxSaw() {
        await().atMost(Duration.ofSeconds(15)).until(() -> System.currentTimeMillis() % 60_000 < 45_000);
        String address = TestRedis.freshAddress();
        for (int i = 1; i <= 5; i++) {
            // a different, client-forged X-Forwarded-For each time must not reset the count
            given().header("X-Real-IP", address).header("X-Forwarded-For", TestRedis.freshAddress() + ", " + address)
                    .contentType(ContentType.JSON).body(body("Forged " + i, 60, 120)).post("/api/rooms").then()
                    .statusCode(201);
        }
        given().header("X-Real-IP", address).header("X-Forwarded-For", TestRedis.freshAddress())
                .contentType(ContentType.JSON).body(body("Forged 6", 60, 120)).post("/api/rooms").then()
                .statusCode(429);
    }

    @Test
    void twoRoomsGetDifferentIdsAndTokens() {
        var first = post(body("First", 60, 120), TestRedis.freshAddress()).statusCode(201).extract();
        var second = post(body("Second", 60, 120), TestRedis.freshAddress()).statusCode(201).extract();
        assertNotEquals(first.path("id"), (Object) second.path("id"));
        assertNotEquals(first.path("ownerToken"), (Object) second.path("ownerToken"));
    }
}
