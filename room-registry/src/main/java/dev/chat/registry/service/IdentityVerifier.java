package dev.chat.registry.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.contract.IdentityKey;
import dev.chat.contract.IdentityToken;
import dev.chat.contract.RedisKeys;
import dev.chat.registry.config.RegistryConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Which user an identity token names, for what depends on who asks (uploads, a room's hidden
 * history): the token the page got from its chat node, checked with the key every node signs
 * with (configured, or the one the nodes agreed on in Redis; the registry only ever reads that
 * one, never makes one up). Without a valid token there is nobody to check membership for.
 */
@ApplicationScoped
public class IdentityVerifier {

    private final ReactiveRedisDataSource redis;
    private final String sharedKey;
    private final IdentityKey key = new IdentityKey();
    private final IdentityToken tokens;
    private final boolean configured;

    IdentityVerifier(ReactiveRedisDataSource redis, RedisKeys keys, RegistryConfig config) {
        this.redis = redis;
        this.sharedKey = keys.identitySecret();
        this.tokens = new IdentityToken(key, config.identity().tokenLifetime());
        this.configured = config.identity().secret().isPresent();
        if (configured) {
            key.set(IdentityKey.bytes(config.identity().secret().get()));
        } else if (!config.identity().sharedThroughRedis()) {
            throw new IllegalStateException("chat.identity.secret is not set: set CHAT_IDENTITY_SECRET, the same as "
                    + "the chat nodes'; the prod profile does not share it through Redis");
        }
    }

    /** The user id the token stands for; empty when the token is missing, altered, foreign or expired. */
    public Uni<Optional<String>> userOf(String token) {
        if (token == null || token.isBlank()) {
            return Uni.createFrom().item(Optional.empty());
        }
        Uni<Void> known = configured ? Uni.createFrom().voidItem()
                : redis.value(String.class).get(sharedKey).invoke(stored -> {
                    // read each time: after a Redis loss the nodes may have agreed on a new one
                    if (stored != null) {
                        key.set(IdentityKey.bytes(stored));
                    }
                }).replaceWithVoid().onFailure().transform(StorageException::wrap);
        return known.map(ignored -> tokens.verify(token, System.currentTimeMillis()).map(IdentityToken.Claims::userId));
    }
}
