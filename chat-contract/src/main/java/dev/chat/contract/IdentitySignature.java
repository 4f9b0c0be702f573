package dev.chat.contract;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * The signed identity tokens of {@code welcome}/{@code identity}: {@code base64url(id \n name)},
 * a dot, and an HMAC-SHA256 of that with a secret every service shares. The chat nodes issue
 * them; the registry only verifies them (who asks for a room's history), so both take the format
 * and the agreement on the secret from here.
 */
public final class IdentitySignature {

    /** What a valid token says; the name is as signed, not checked against the naming rule. */
    public record Claims(String userId, String name) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_TOKEN_LENGTH = 512;

    private final byte[] secret;

    public IdentitySignature(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("identity secret must have at least 16 bytes");
        }
        this.secret = secret.clone();
    }

    public String issue(String userId, String name) {
        String payload = ENCODER.encodeToString((userId + "\n" + name).getBytes(StandardCharsets.UTF_8));
        return payload + "." + ENCODER.encodeToString(sign(payload));
    }

    /** Empty for anything that is not a token this secret signed (null, junk, altered, foreign). */
    public Optional<Claims> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        try {
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, sign(payload))) {
                return Optional.empty();
            }
            String[] parts = new String(DECODER.decode(payload), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 2 || parts[0].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Claims(parts[0], parts[1]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The secret the services share when none is configured: {@code candidate} if this call is
     * the first to store one under {@link RedisKeys#identitySecret()}, else the one stored
     * ({@code SET NX GET}, one atomic step, so two services starting together still agree).
     */
    public static Future<String> agree(Redis redis, RedisKeys keys, String candidate) {
        return redis.send(Request.cmd(Command.SET).arg(keys.identitySecret()).arg(candidate).arg("NX").arg("GET"))
                .map(existing -> existing == null ? candidate : existing.toString());
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
