package dev.chat.registry.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With a "Redis" that accepts connections and never answers (a hung server, a black-holed
 * route): readiness still reports DOWN within its own short timeout, well before the 10 s
 * command timeout the Redis client's built-in check would wait.
 */
@QuarkusTest
@TestProfile(RedisSilentTest.Silent.class)
class RedisSilentTest {

    public static class Silent implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.timeout", "10s", "chat.redis.key-prefix", "silent");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SilentServer.class));
        }
    }

    /** Listens and lets the kernel accept connections, but never reads nor writes a byte. */
    public static class SilentServer implements QuarkusTestResourceLifecycleManager {

        private ServerSocket socket;

        @Override
        public Map<String, String> start() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + socket.getLocalPort());
        }

        @Override
        public void stop() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the JVM is ending the test anyway
            }
        }
    }

    @Test
    void readinessIsDownWithinItsOwnTimeout() {
        given().get("/q/health/ready").then().statusCode(503).body("status", is("DOWN"))
                .time(lessThan(5_000L));
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }
}
