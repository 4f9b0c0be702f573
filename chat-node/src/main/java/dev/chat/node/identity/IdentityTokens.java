package dev.chat.node.identity;

import java.time.Duration;
import java.util.Optional;

import dev.chat.contract.IdentityKey;
import dev.chat.contract.IdentityToken;

/**
 * The node's view of identity tokens ({@link IdentityToken}, shared with the registry): a token
 * gives back its user only when it is valid, unexpired and its name still follows the
 * display-name rule; every issue is fresh (renewed on use).
 */
public final class IdentityTokens {

    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(30);

    private final IdentityToken tokens;

    /** With a key known from the start and the default lifetime. */
    public IdentityTokens(byte[] secret) {
        this(IdentityKey.of(secret), DEFAULT_LIFETIME);
    }

    public IdentityTokens(IdentityKey key, Duration lifetime) {
        this.tokens = new IdentityToken(key, lifetime);
    }

    /** Whether tokens can be issued: the shared key is known. */
    public boolean ready() {
        return tokens.ready();
    }

    public String issue(User user) {
        return tokens.issue(user.id(), user.name(), System.currentTimeMillis());
    }

    public Optional<User> verify(String token) {
        return verify(token, System.currentTimeMillis());
    }

    public Optional<User> verify(String token, long now) {
        return tokens.verify(token, now).filter(claims -> Names.validate(claims.name()) == null)
                .map(claims -> new User(claims.userId(), claims.name()));
    }
}
