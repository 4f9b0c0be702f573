package dev.chat.registry.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chat.registry.TestRedis;
import dev.chat.testing.SmallRedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A real redis-server with a small maxmemory and noeviction, filled up: the registry refuses
 * writes with a clear 503, keeps serving what is stored, loses nothing and recovers once there is
 * room again.
 */
@QuarkusTest
@WithTestResource(SmallRedisResource.class)
class RedisFullTest {

    @Inject
    io.vertx.redis.client.Redis redis;

    @Inject
    TestRedis test;

    @Test
    void aFullRedisGivesClearErrorsLosesNothingAndRecovers() {
        String kept = RoomCreateTest.post(RoomCreateTest.body("Kept", 60, 120), TestRedis.freshAddress()).statusCode(201)
                .extract().path("id");
        SmallRedisResource.Full full = SmallRedisResource.fill(redis);
        try {
            Map<String, String> before = test.picture();
            RoomCreateTest.post(RoomCreateTest.body("Refused", 60, 120), TestRedis.freshAddress()).statusCode(503)
                    .contentType(ContentType.JSON).body("error", is("storage full, nothing was stored; try again later"));
            assertEquals(before, test.picture(), "the refused creation wrote nothing");
            given().get("/api/rooms").then().statusCode(200).body("id", hasItem(kept));
            given().get("/api/rooms/" + kept).then().statusCode(200).body("name", is("Kept"));
            given().get("/q/health/ready").then().statusCode(200);
        } finally {
            full.release();
        }
        RoomCreateTest.post(RoomCreateTest.body("After", 60, 120), TestRedis.freshAddress()).statusCode(201);
        given().get("/api/rooms").then().statusCode(200).body("id", hasItem(kept));
    }
}
