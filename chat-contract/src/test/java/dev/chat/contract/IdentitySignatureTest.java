package dev.chat.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

import dev.chat.testing.RedisServer;

class IdentitySignatureTest {

    private final IdentitySignature signature = new IdentitySignature("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8));

    @Test
    void aTokenItIssuedGivesItsClaimsBack() {
        assertEquals(Optional.of(new IdentitySignature.Claims("u-abc", "Quiet Otter")),
                signature.verify(signature.issue("u-abc", "Quiet Otter")));
    }

    @Test
    void anAlteredOrForeignTokenIsNotTrusted() {
        String token = signature.issue("u-abc", "Quiet Otter");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("u-admin\nQuiet Otter".getBytes(StandardCharsets.UTF_8));
        assertTrue(signature.verify(forgedPayload + token.substring(token.indexOf('.'))).isEmpty());
        assertTrue(signature.verify(token + "x").isEmpty());
        assertTrue(new IdentitySignature("another-secret-of-16+".getBytes(StandardCharsets.UTF_8)).verify(token).isEmpty());
        for (String junk : new String[] { null, "", ".", "a.b.c", "%%%.***", "x".repeat(1000) }) {
            assertTrue(signature.verify(junk).isEmpty(), String.valueOf(junk));
        }
    }

    @Test
    void servicesWithoutAConfiguredSecretAgreeOnTheFirstOneStored() {
        Vertx vertx = Vertx.vertx();
        Redis redis = Redis.createClient(vertx, RedisServer.shared().url());
        try {
            RedisKeys keys = new RedisKeys("identity-" + UUID.randomUUID());
            assertEquals("first-candidate-0123", join(IdentitySignature.agree(redis, keys, "first-candidate-0123")));
            assertEquals("first-candidate-0123", join(IdentitySignature.agree(redis, keys, "second-candidate-456")));
        } finally {
            redis.close();
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static String join(io.vertx.core.Future<String> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }
}
