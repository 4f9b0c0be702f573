package dev.chat.node.service;

import java.nio.charset.StandardCharsets;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import dev.chat.contract.IdentityKey;
import dev.chat.contract.RedisKeys;
import dev.chat.node.config.NodeConfig;
import dev.chat.node.identity.NameGenerator;

/**
 * Where the node's identity key comes from. The key must be the same on every node, or a
 * reconnect to another node would lose the user's identity: configured ({@code
 * chat.identity.secret}, required in the {@code prod} profile), or agreed through Redis by the
 * first node up ({@code <prefix>:identity-secret}, SET NX). A node that cannot reach Redis at
 * start-up never makes up a key of its own: it has none, and is not ready, until it has the
 * shared one (it asks again every {@code RETRY_MS}). When Redis comes back empty, every node
 * offers the key it has and takes whichever is stored first, so they agree again.
 */
final class SharedIdentitySecret {

    private static final Logger LOG = Logger.getLogger(SharedIdentitySecret.class);
    static final long RETRY_MS = 1_000;

    private final Vertx vertx;
    private final Redis redis;
    private final String redisKey;
    private final IdentityKey key;
    private final String candidate;
    private volatile boolean stopped;

    private SharedIdentitySecret(Vertx vertx, Redis redis, RedisKeys keys, IdentityKey key, String candidate) {
        this.vertx = vertx;
        this.redis = redis;
        this.redisKey = keys.identitySecret();
        this.key = key;
        this.candidate = candidate;
    }

    /**
     * The node's key: set at once when configured, otherwise agreed through Redis in the
     * background ({@link IdentityKey#known()} stays false until then).
     *
     * @throws IllegalStateException when sharing through Redis is off and no secret is configured
     */
    static SharedIdentitySecret start(NodeConfig config, Vertx vertx, Redis redis, RedisKeys keys, NameGenerator random) {
        return start(config.identity().secret(), config.identity().sharedThroughRedis(), vertx, redis, keys,
                random.randomId(43));
    }

    /** @param candidate the key this node offers when Redis has none yet */
    static SharedIdentitySecret start(java.util.Optional<String> configured, boolean sharedThroughRedis, Vertx vertx,
            Redis redis, RedisKeys keys, String candidate) {
        IdentityKey key = new IdentityKey();
        if (configured.isPresent()) {
            key.set(IdentityKey.bytes(configured.get()));
            return new SharedIdentitySecret(vertx, redis, keys, key, null);
        }
        if (!sharedThroughRedis) {
            throw new IllegalStateException("chat.identity.secret is not set: set CHAT_IDENTITY_SECRET (at least 16 "
                    + "characters, the same on every node and the registry); the prod profile does not share it through Redis");
        }
        SharedIdentitySecret shared = new SharedIdentitySecret(vertx, redis, keys, key, candidate);
        shared.agree();
        return shared;
    }

    IdentityKey key() {
        return key;
    }

    /** Redis is back (maybe empty): offer the key this node has, take the stored one. */
    void reassert() {
        if (candidate != null) {
            agree();
        }
    }

    void stop() {
        stopped = true;
    }

    private void agree() {
        var known = key.current();
        String offer = known == null ? candidate : new String(known.bytes(), StandardCharsets.UTF_8);
        redis.send(Request.cmd(Command.SET).arg(redisKey).arg(offer).arg("NX").arg("GET")).onComplete(reply -> {
            if (reply.succeeded()) {
                String stored = reply.result() == null ? offer : reply.result().toString();
                if (key.set(IdentityKey.bytes(stored)) && known != null) {
                    LOG.warnf("the identity key in Redis differs from this node's: using Redis' (key %s)", key.current().id());
                }
                return;
            }
            if (known == null && !stopped) {
                LOG.warnf("identity key not agreed yet (%s): not ready; asking Redis again in %d ms",
                        reply.cause().getMessage(), RETRY_MS);
                vertx.setTimer(RETRY_MS, id -> agree());
            }
        });
    }
}
