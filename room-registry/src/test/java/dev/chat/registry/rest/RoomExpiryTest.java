package dev.chat.registry.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chat.contract.RedisKeys;
import dev.chat.registry.TestRedis;
import dev.chat.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Rooms that expire: with one- and two-second expiries, a room goes away and frees its name. */
@QuarkusTest
@TestProfile(RoomExpiryTest.ShortExpiries.class)
@WithTestResource(RedisTestResource.class)
class RoomExpiryTest {

    public static class ShortExpiries implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.rooms.expiries", "1s,2s");
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Test
    void optionsOfferTheConfiguredExpiries() {
        given().get("/api/rooms/options").then().statusCode(200).body("expiries", is(List.of(1, 2)));
    }

    @Test
    void anExpiredRoomIsGoneAndItsNameFree() {
        String address = TestRedis.freshAddress();
        String first = RoomCreateTest.post(RoomCreateTest.body("Brief", 60, 1), address).statusCode(201)
                .extract().path("id");
        RoomCreateTest.post(RoomCreateTest.body("brief", 60, 2), address).statusCode(409);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> given().get("/api/rooms/" + first).then().statusCode(404));
        String second = RoomCreateTest.post(RoomCreateTest.body("BRIEF", 60, 2), address).statusCode(201)
                .extract().path("id");

        List<String> ids = given().get("/api/rooms").then().statusCode(200).extract().jsonPath().getList("id");
        assertFalse(ids.contains(first));
        assertFalse(new TestRedis(redis, keys).roomIndex().contains(first), "the listing pruned the expired room");
        assertEquals(second, new TestRedis(redis, keys).nameIndex().get("brief"));
    }
}
