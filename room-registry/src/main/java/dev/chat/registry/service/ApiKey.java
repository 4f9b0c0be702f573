package dev.chat.registry.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * A shared secret that switches an endpoint on: the integration endpoint's ({@code chat.api-key})
 * and the operations view's ({@code chat.ops.key}). Compared in constant time, on SHA-256 digests
 * so that not even the key's length shows in the timing.
 */
public final class ApiKey {

    private final byte[] expected;

    public ApiKey(Optional<String> key) {
        this.expected = key.filter(k -> !k.isEmpty()).map(ApiKey::digest).orElse(null);
    }

    /** False when no key is configured: the endpoint is then off. */
    public boolean enabled() {
        return expected != null;
    }

    /** @param presented as sent, null when absent */
    public boolean matches(String presented) {
        return expected != null && presented != null && MessageDigest.isEqual(expected, digest(presented));
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
