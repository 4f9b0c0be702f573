package dev.chat.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The key that signs identity tokens, once it is known. Every service must use the same one, so
 * a service that has not got it yet (configured, or agreed through Redis) has none at all rather
 * than a private one of its own: tokens it signed would be refused everywhere else.
 */
public final class IdentityKey {

    /** The secret and its id: the first 8 characters of its SHA-256, never the secret itself. */
    public record Secret(byte[] bytes, String id) {
    }

    private final AtomicReference<Secret> current = new AtomicReference<>();

    public static IdentityKey of(byte[] secret) {
        IdentityKey key = new IdentityKey();
        key.set(secret);
        return key;
    }

    public boolean known() {
        return current.get() != null;
    }

    /** Null while unknown. */
    public Secret current() {
        return current.get();
    }

    /** @return whether the key changed */
    public boolean set(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("identity secret must have at least 16 bytes");
        }
        Secret next = new Secret(secret.clone(), idOf(secret));
        Secret before = current.getAndSet(next);
        return before == null || !before.id().equals(next.id());
    }

    public static byte[] bytes(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    static String idOf(byte[] secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
