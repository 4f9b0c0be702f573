package dev.chat.registry.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import dev.chat.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Without {@code chat.ops.key} the operations endpoint does not exist, whatever key is sent. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class OpsDisabledTest {

    @Test
    void itIs404() {
        for (String key : new String[] { null, "", "anything" }) {
            var request = given();
            if (key != null) {
                request.header("X-Ops-Key", key);
            }
            request.get("/api/ops").then().statusCode(404).body("error", is("no such endpoint: /api/ops"));
        }
    }
}
