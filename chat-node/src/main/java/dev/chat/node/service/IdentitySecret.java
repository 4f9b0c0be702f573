package dev.chat.node.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.vertx.redis.client.Redis;

import dev.chat.contract.IdentitySignature;
import dev.chat.contract.RedisKeys;
import dev.chat.node.config.NodeConfig;
import dev.chat.node.identity.NameGenerator;

/**
 * The key that signs identity tokens must be the same on every node, or a reconnect to another
 * node would lose the user's identity. Configured, or agreed through Redis by the first node up.
 */
final class IdentitySecret {

    private static final Logger LOG = Logger.getLogger(IdentitySecret.class);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private IdentitySecret() {
    }

    static byte[] resolve(NodeConfig config, Redis redis, RedisKeys keys, NameGenerator random) {
        if (config.identity().secret().isPresent()) {
            return config.identity().secret().get().getBytes(StandardCharsets.UTF_8);
        }
        String candidate = random.randomId(43);
        try {
            // startup, not the event loop: waiting here is fine
            String shared = IdentitySignature.agree(redis, keys, candidate)
                    .toCompletionStage().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return shared.getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            LOG.warnf("Redis unreachable at startup (%s): identity tokens are signed with a key of this node only; "
                    + "set CHAT_IDENTITY_SECRET to share one", e.getMessage());
            return candidate.getBytes(StandardCharsets.UTF_8);
        }
    }
}
