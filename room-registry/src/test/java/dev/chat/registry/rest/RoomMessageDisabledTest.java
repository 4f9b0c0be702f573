package dev.chat.registry.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chat.contract.RedisKeys;
import dev.chat.registry.TestRedis;
import dev.chat.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Without {@code chat.api-key} the bot endpoint does not exist: 404, whatever key is sent. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class RoomMessageDisabledTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Test
    void postingAMessageIs404AndWritesNothing() {
        given().get("/api/rooms/general").then().statusCode(200);
        TestRedis test = new TestRedis(redis, keys);
        Map<String, String> before = test.picture();
        for (String key : new String[] { null, "", "anything" }) {
            var request = given().contentType(ContentType.JSON).body("{\"text\":\"hi\"}");
            if (key != null) {
                request.header("X-Api-Key", key);
            }
            request.post("/api/rooms/general/messages").then().statusCode(404).contentType(ContentType.JSON)
                    .body("error", is("no such endpoint: /api/rooms/general/messages"));
        }
        assertEquals(before, test.picture());
    }
}
