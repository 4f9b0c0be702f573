package dev.chat.registry.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contract.GeneralRoom;
import dev.chat.contract.Presence;
import dev.chat.contract.RedisKeys;
import dev.chat.contract.RoomMeta;
import dev.chat.registry.TestRedis;
import dev.chat.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** {@code GET /api/rooms} and {@code GET /api/rooms/{id}} against a real Redis. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class RoomListingTest {

    private static final List<String> ROOM_FIELDS = List.of("id", "name", "clearIntervalSeconds", "expirySeconds",
            "users", "createdAt", "nextClearAt", "expiresAt");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    TestRedis test;


    @Test
    void generalIsListedFirstWithTheConfiguredClearInterval() {
        given().get("/api/rooms").then().statusCode(200).contentType(ContentType.JSON)
                .body("[0].id", is("general"))
                .body("[0].name", is("General"))
                // %test.chat.general.clear-interval=7m, not the 5m default
                .body("[0].clearIntervalSeconds", is(420))
                .body("[0].expirySeconds", nullValue())
                .body("[0].expiresAt", nullValue());
        assertEquals("420", redis.hash(String.class).hget(keys.meta(GeneralRoom.ID), "clearIntervalSeconds"));
    }

    @Test
    void roomJsonHasExactlyTheContractFieldsAndTypes() throws Exception {
        test.writeRoom(new RoomMeta("shape00001", "Shape", 60, 300L, System.currentTimeMillis(), true),
                Duration.ofSeconds(300));
        long before = System.currentTimeMillis();
        JsonNode room = JSON.readTree(given().get("/api/rooms/shape00001").then().statusCode(200)
                .contentType(ContentType.JSON).extract().asString());
        long after = System.currentTimeMillis();

        assertEquals(ROOM_FIELDS, fieldNames(room));
        assertTrue(room.get("id").isTextual() && room.get("name").isTextual());
        for (String number : List.of("clearIntervalSeconds", "expirySeconds", "users", "createdAt", "nextClearAt",
                "expiresAt")) {
            assertTrue(room.get(number).isIntegralNumber(), number + " is an integer: " + room.get(number));
        }
        assertEquals(300, room.get("expirySeconds").asLong());
        long expiresAt = room.get("expiresAt").asLong();
        assertTrue(expiresAt > before + 290_000 && expiresAt <= after + 300_000, "expiresAt = now + PTTL: " + expiresAt);

        JsonNode general = JSON.readTree(given().get("/api/rooms/general").then().statusCode(200).extract().asString());
        assertEquals(ROOM_FIELDS, fieldNames(general));
        assertTrue(general.get("expirySeconds").isNull() && general.get("expiresAt").isNull(),
                "General's expiry fields are present and null");
    }

    @Test
    void usersCountsOnlyUsersOnNodesThatHaveNotLapsed() {
        test.writeRoom(new RoomMeta("presence01", "Presence", 60, null, System.currentTimeMillis(), true), null);
        long now = System.currentTimeMillis();
        List<String> presence = Presence.keys(keys, "presence01");
        // written as the nodes write them, each node with its own lapse time: alice on two nodes is
        // one user, and "also" is still present through node-1 though node-3 lapsed
        for (Object[] entry : new Object[][] { { "alice", "node-1", now + 60_000 }, { "alice", "node-2", now + 60_000 },
                { "bob", "node-1", now + 60_000 }, { "lapsed", "node-3", now - 1_000 }, { "also", "node-3", now - 1_000 },
                { "also", "node-1", now + 60_000 }, { "leaving", "node-4", now + 1_500 } }) {
            redis.execute("EVAL", Presence.ADD.source(), "3", presence.get(0), presence.get(1), presence.get(2),
                    (String) entry[0], (String) entry[1], entry[2].toString(), "60000");
        }

        given().get("/api/rooms/presence01").then().statusCode(200).body("users", is(4));
        given().get("/api/rooms").then().statusCode(200).body("find { it.id == 'presence01' }.users", is(4));
        // "leaving" lapses with its node's score alone: nobody removes it, the count must still drop.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> given().get("/api/rooms/presence01").then().statusCode(200).body("users", is(3)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "nosuchroom", "Capitals", "under_score", "-dash", "toolongtoolongtoolongtoolongtoolong123456",
            "%7Bgeneral%7D" })
    void unknownOrInvalidRoomIdsAre404Json(String id) {
        given().urlEncodingEnabled(false).get("/api/rooms/" + id).then().statusCode(404).contentType(ContentType.JSON)
                .body("error", startsWith("no such room: "));
    }

    @Test
    void unknownRoomErrorNamesTheRoom() {
        given().get("/api/rooms/nosuchroom").then().statusCode(404).body("error", is("no such room: nosuchroom"));
    }

    @Test
    void staleIndexEntriesArePruned() {
        test.writeRoom(new RoomMeta("alive00001", "Alive", 60, null, System.currentTimeMillis(), true), null);
        redis.set(String.class).sadd(keys.roomIndex(), "ghost00001", "Not Valid");
        redis.hash(String.class).hset(new dev.chat.contract.RegistryKeys(keys).roomNames(), "ghost", "ghost00001");
        redis.hash(String.class).hset(new dev.chat.contract.RegistryKeys(keys).roomNameKeys(), "ghost00001", "ghost");

        List<String> ids = given().get("/api/rooms").then().statusCode(200).extract().jsonPath().getList("id");

        assertTrue(ids.contains("alive00001"));
        assertFalse(ids.contains("ghost00001"));
        assertFalse(test.roomIndex().contains("ghost00001"), "stale entry removed from the room index");
        assertFalse(test.roomIndex().contains("Not Valid"), "invalid entry removed from the room index");
        assertFalse(test.nameIndex().containsKey("ghost"), "its name is free again");
        assertTrue(test.roomIndex().contains("alive00001"));
    }

    @Test
    void aGoneRoomIsReadOnceAndFreeingItsNameScansNoOtherName() {
        test.writeRoom(new RoomMeta("keeper0001", "Keeper", 60, null, System.currentTimeMillis(), true), null);
        redis.hash(String.class).hset(new dev.chat.contract.RegistryKeys(keys).roomNames(), "keeper", "keeper0001");
        for (int i = 0; i < 40; i++) {
            String id = String.format("dead%06d", i);
            redis.set(String.class).sadd(keys.roomIndex(), id);
            redis.hash(String.class).hset(new dev.chat.contract.RegistryKeys(keys).roomNames(), "dead " + i, id);
            redis.hash(String.class).hset(new dev.chat.contract.RegistryKeys(keys).roomNameKeys(), id, "dead " + i);
        }
        java.util.Set<String> read = new java.util.HashSet<>(test.roomIndex());
        read.removeIf(id -> !RedisKeys.isValidRoomId(id));
        read.add(GeneralRoom.ID);

        long hgetallBefore = commandCalls("hgetall");
        given().get("/api/rooms").then().statusCode(200);
        assertEquals(read.size(), commandCalls("hgetall") - hgetallBefore,
                "one HGETALL per room read (its meta), none of the whole name index");
        assertTrue(test.nameIndex().keySet().stream().noneMatch(n -> n.startsWith("dead ")), "the gone rooms' names are free");
        assertEquals("keeper0001", test.nameIndex().get("keeper"), "a live room's name stays");

        long pttlBefore = commandCalls("pttl");
        int listed = given().get("/api/rooms").then().statusCode(200).extract().jsonPath().getList("id").size();
        assertEquals(listed, commandCalls("pttl") - pttlBefore, "the next listing reads only the live rooms");
    }

    /** Calls of a command so far, as Redis counts them (INFO commandstats), scripts' own included. */
    private long commandCalls(String command) {
        String info = redis.execute("INFO", "commandstats").toString();
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                String calls = line.substring(line.indexOf("calls=") + 6);
                return Long.parseLong(calls.substring(0, calls.indexOf(',')));
            }
        }
        return 0;
    }

    @Test
    void generalIsRecreatedWhenItsMetaIsDeleted() {
        given().get("/api/rooms/general").then().statusCode(200);
        redis.key().del(keys.meta(GeneralRoom.ID));
        redis.set(String.class).srem(keys.roomIndex(), GeneralRoom.ID);

        given().get("/api/rooms").then().statusCode(200).body("[0].id", is("general"))
                .body("[0].clearIntervalSeconds", is(420));
        assertTrue(test.exists(keys.meta(GeneralRoom.ID)));
        assertTrue(test.roomIndex().contains(GeneralRoom.ID));

        redis.key().del(keys.meta(GeneralRoom.ID));
        given().get("/api/rooms/general").then().statusCode(200).body("name", is("General"));
        assertEquals("420", redis.hash(String.class).hget(keys.meta(GeneralRoom.ID), "clearIntervalSeconds"));
    }

    @Test
    void nextClearAtIsTheNextBoundaryOfTheClearGrid() {
        long createdAt = System.currentTimeMillis() - 123_456;
        test.writeRoom(new RoomMeta("grid000001", "Grid", 60, null, createdAt, true), null);
        long before = System.currentTimeMillis();
        Map<String, Object> room = given().get("/api/rooms/grid000001").then().statusCode(200).extract().jsonPath()
                .getMap("");
        long after = System.currentTimeMillis();

        long nextClearAt = ((Number) room.get("nextClearAt")).longValue();
        assertEquals(createdAt, ((Number) room.get("createdAt")).longValue());
        assertEquals(0, (nextClearAt - createdAt) % 60_000, "on the grid createdAt + k * interval");
        assertTrue(nextClearAt > before && nextClearAt - 60_000 <= after, "the first boundary after now");
    }

    @Test
    void roomsAreListedGeneralFirstThenByNameIgnoringCase() {
        long now = System.currentTimeMillis();
        test.writeRoom(new RoomMeta("order00001", "beta", 60, null, now, true), null);
        test.writeRoom(new RoomMeta("order00002", "Alpha", 60, null, now, true), null);
        test.writeRoom(new RoomMeta("order00003", "gamma", 60, null, now, true), null);

        List<String> names = given().get("/api/rooms").then().statusCode(200).extract().jsonPath().getList("name");

        assertEquals("General", names.get(0));
        List<String> rest = new ArrayList<>(names.subList(1, names.size()));
        List<String> sorted = new ArrayList<>(rest);
        sorted.sort(String.CASE_INSENSITIVE_ORDER);
        assertEquals(sorted, rest);
        assertTrue(rest.indexOf("Alpha") < rest.indexOf("beta") && rest.indexOf("beta") < rest.indexOf("gamma"));
    }

    @Test
    void aLongListingIsReadInSeveralPipelinedChunks() {
        // 3 commands per room: 800 rooms are far more than %test.quarkus.redis.max-waiting-handlers (64).
        long now = System.currentTimeMillis();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            String id = String.format("many%06d", i);
            ids.add(id);
            test.writeRoom(new RoomMeta(id, "Many " + i, 60, null, now, true), null);
        }
        try {
            List<String> listed = given().get("/api/rooms").then().statusCode(200).extract().jsonPath().getList("id");
            assertTrue(listed.containsAll(ids), "all 800 rooms listed");
        } finally {
            redis.set(String.class).srem(keys.roomIndex(), ids.toArray(String[]::new));
            redis.key().del(ids.stream().map(keys::meta).toArray(String[]::new));
        }
    }

    @Test
    void readyAndLiveWhileRedisAnswers() {
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"))
                .body("checks.name", hasItem("redis"));
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void unknownApiPathsAndMethodsAnswerJson() {
        given().get("/api/nothing/here").then().statusCode(404).contentType(ContentType.JSON)
                .body("error", is("no such endpoint: /api/nothing/here"));
        given().get("/api/rooms/general/extra").then().statusCode(404).contentType(ContentType.JSON)
                .body("error", not(nullValue()));
        given().put("/api/rooms").then().statusCode(405).contentType(ContentType.JSON)
                .body("error", not(nullValue()));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
