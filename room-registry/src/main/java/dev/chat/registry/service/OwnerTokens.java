package dev.chat.registry.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret that lets a room's creator delete it. Only its SHA-256 is stored, so reading Redis
 * (or a backup of it) does not give the power to delete rooms; 256 random bits make guessing
 * pointless, so a fast unsalted hash is enough.
 */
public final class OwnerTokens {

    /** Field of the meta hash holding the token's hash. */
    public static final String HASH_FIELD = "ownerTokenHash";

    private static final SecureRandom RANDOM = new SecureRandom();

    private OwnerTokens() {
    }

    /** 32 random bytes, base64url without padding (43 characters). */
    public static String next() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Lower-case hex SHA-256 of the token's UTF-8 bytes. */
    public static String hash(String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
