package dev.chat.registry.service;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.contract.IdentitySignature;
import dev.chat.contract.RedisKeys;
import dev.chat.registry.config.RegistryConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Redis;

/**
 * Tells which user an identity token (issued by a chat node) names, for reads that depend on who
 * asks. The secret is {@code chat.identity.secret}, or else the one the services agree on in
 * Redis, fetched on first use (and stored there if no node has yet), so the registry starts
 * whether or not Redis or any node is up.
 */
@ApplicationScoped
public class IdentityVerifier {

    private final Redis redis;
    private final RedisKeys keys;
    private volatile IdentitySignature signature;

    IdentityVerifier(Redis redis, RedisKeys keys, RegistryConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.signature = config.identity().secret().map(IdentityVerifier::of).orElse(null);
    }

    /** The user id of a valid token; empty when the token is absent, forged or signed with another secret. */
    public Uni<Optional<String>> userOf(String token) {
        if (token == null || token.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return signature().map(known -> known.verify(token).map(IdentitySignature.Claims::userId));
    }

    private Uni<IdentitySignature> signature() {
        IdentitySignature known = signature;
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        // Racing first uses agree on the same stored secret, so whichever write wins is right.
        return Futures.uni(() -> IdentitySignature.agree(redis, keys, OwnerTokens.next()))
                .map(secret -> signature = of(secret))
                .onFailure().transform(StorageException::wrap);
    }

    private static IdentitySignature of(String secret) {
        return new IdentitySignature(secret.getBytes(StandardCharsets.UTF_8));
    }
}
