package dev.chat.registry.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.chat.registry.TestImages;
import dev.chat.registry.TestRedis;
import dev.chat.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The registry's chat_* series at /q/metrics follow what the API does. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class RegistryMetricsTest {

    @jakarta.inject.Inject
    TestRedis test;

    private static double metric(String series) {
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : scrape.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (!line.startsWith("#") && space > 0 && line.substring(0, space).equals(series)) {
                return Double.parseDouble(line.substring(space + 1));
            }
        }
        throw new AssertionError("no series " + series + " in:\n" + scrape);
    }

    @Test
    void createdRoomsLiveRoomsAndAttachmentBytesAreCounted() {
        double created = metric("chat_rooms_created_total");
        double uploads = metric("chat_attachments_bytes_count");
        double bytes = metric("chat_attachments_bytes_sum");
        String address = TestRedis.freshAddress();
        String id = given().contentType(ContentType.JSON).header("X-Real-IP", address)
                .body("{\"name\":\"Metrics " + UUID.randomUUID().toString().substring(0, 6)
                        + "\",\"clearIntervalSeconds\":60,\"expirySeconds\":300}")
                .post("/api/rooms").then().statusCode(201).extract().path("id");
        // a refused creation is not counted
        given().contentType(ContentType.JSON).header("X-Real-IP", address)
                .body("{\"name\":\"General\",\"clearIntervalSeconds\":60,\"expirySeconds\":300}")
                .post("/api/rooms").then().statusCode(409);
        byte[] png = TestImages.png();
        test.present(id, TestRedis.UPLOADER); // uploads are a member's, with its identity token
        given().header("X-Real-IP", address).header("X-Identity-Token", TestRedis.UPLOADER_TOKEN)
                .contentType("image/png").body(png)
                .post("/api/rooms/" + id + "/attachments").then().statusCode(201);
        given().header("X-Real-IP", address).header("X-Identity-Token", TestRedis.UPLOADER_TOKEN)
                .contentType("image/png").body(new byte[] { 1, 2, 3 })
                .post("/api/rooms/" + id + "/attachments").then().statusCode(415);

        assertEquals(created + 1, metric("chat_rooms_created_total"));
        assertEquals(uploads + 1, metric("chat_attachments_bytes_count"));
        assertEquals(bytes + png.length, metric("chat_attachments_bytes_sum"));
        // counted in Redis every chat.metrics.rooms-refresh (300 ms in tests): General and this room at least
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertTrue(metric("chat_rooms") >= 2, "live rooms"));
    }
}
