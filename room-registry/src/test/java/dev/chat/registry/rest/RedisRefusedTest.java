package dev.chat.registry.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chat.registry.TestImages;
import dev.chat.testing.RedisServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** With nothing listening where Redis should be: not ready, still live, API answers 503 JSON. */
@QuarkusTest
@TestProfile(RedisRefusedTest.NothingListens.class)
class RedisRefusedTest {

    public static class NothingListens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + RedisServer.freePort(),
                    "chat.redis.key-prefix", "refused", "chat.api-key", "refused-key");
        }
    }

    @Test
    void readinessIsDownAndLivenessUp() {
        given().get("/q/health/ready").then().statusCode(503).body("status", is("DOWN"))
                .body("checks.find { it.name == 'redis' }.status", is("DOWN"))
                .time(lessThan(5_000L));
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void roomRequestsAnswer503Json() {
        given().get("/api/rooms").then().statusCode(503).contentType(ContentType.JSON)
                .body("error", is("storage unavailable, try again"));
        given().get("/api/rooms/general").then().statusCode(503).contentType(ContentType.JSON);
    }

    @Test
    void attachmentsAndMessagesAnswer503Json() {
        given().header("X-Identity-Token", dev.chat.registry.TestRedis.UPLOADER_TOKEN).contentType("image/png")
                .body(TestImages.png()).post("/api/rooms/general/attachments").then()
                .statusCode(503).contentType(ContentType.JSON).body("error", is("storage unavailable, try again"));
        given().get("/api/attachments/general.AAAAAAAAAAAAAAAAAAAAAA").then().statusCode(503)
                .contentType(ContentType.JSON).body("error", is("storage unavailable, try again"));
        given().header("X-Api-Key", "refused-key").contentType(ContentType.JSON).body("{\"text\":\"hi\"}")
                .post("/api/rooms/general/messages").then().statusCode(503).contentType(ContentType.JSON)
                .body("error", is("storage unavailable, try again"));
    }
}
