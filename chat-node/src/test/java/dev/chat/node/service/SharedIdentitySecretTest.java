package dev.chat.node.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import dev.chat.contract.RedisKeys;
import dev.chat.testing.RedisServer;

/** Where the identity key comes from, against a real Redis (and against none). */
class SharedIdentitySecretTest {

    private final Vertx vertx = Vertx.vertx();
    private final RedisKeys keys = new RedisKeys("t" + UUID.randomUUID().toString().substring(0, 8));

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private SharedIdentitySecret node(Redis redis, String candidate) {
        return SharedIdentitySecret.start(Optional.empty(), true, vertx, redis, keys, candidate);
    }

    @Test
    void withoutRedisANodeHasNoKeyAtAllRatherThanOneOfItsOwnAndTakesTheSharedOneLater() {
        Redis nowhere = Redis.createClient(vertx, "redis://127.0.0.1:" + RedisServer.freePort());
        SharedIdentitySecret unreachable = node(nowhere, "candidate-of-an-unreachable-node");
        Awaitility.await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> !unreachable.key().known());
        unreachable.stop();

        Redis redis = Redis.createClient(vertx, RedisServer.shared().url());
        SharedIdentitySecret first = node(redis, "the-first-nodes-candidate");
        SharedIdentitySecret second = node(redis, "the-second-nodes-candidate");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> first.key().known() && second.key().known());
        assertEquals(first.key().current().id(), second.key().current().id(), "both nodes sign with one key");
    }

    @Test
    void whenRedisComesBackEmptyEveryNodeAgreesAgain() {
        Redis redis = Redis.createClient(vertx, RedisServer.shared().url());
        SharedIdentitySecret first = node(redis, "the-first-nodes-candidate");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> first.key().known());
        String agreed = first.key().current().id();
        // a Redis restart without persistence: the stored key is gone
        redis.send(Request.cmd(Command.DEL).arg(keys.identitySecret())).toCompletionStage()
                .toCompletableFuture().join();
        first.reassert();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> redis.send(Request.cmd(Command.EXISTS)
                .arg(keys.identitySecret())).toCompletionStage().toCompletableFuture().join().toInteger() == 1);
        SharedIdentitySecret later = node(redis, "a-node-started-after-the-loss");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> later.key().known());
        assertEquals(agreed, later.key().current().id(), "the key the cluster had is offered again and taken");
        assertEquals(agreed, first.key().current().id());
    }

    @Test
    void aConfiguredSecretIsUsedAtOnceAndTheProdProfileRequiresOne() {
        SharedIdentitySecret configured = SharedIdentitySecret.start(Optional.of("a-configured-secret-of-16+"), false,
                vertx, Redis.createClient(vertx, RedisServer.shared().url()), keys, "unused");
        assertTrue(configured.key().known());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SharedIdentitySecret.start(
                Optional.empty(), false, vertx, Redis.createClient(vertx, RedisServer.shared().url()), keys, "unused"));
        assertTrue(e.getMessage().contains("CHAT_IDENTITY_SECRET"), e.getMessage());
        assertFalse(e.getMessage().contains("unused"));
    }
}
