package dev.chat.contract;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Anonymous identities that survive a reload or a reconnect to another node, checked the same by
 * every service: a token is {@code payload.signature}, the payload holding the user's id and
 * name, when it was issued and the id of the key that signed it (HMAC-SHA256). A token expires
 * {@code lifetime} after it was issued; every connection gets a fresh one, so a page in use keeps
 * its identity and a stolen token stops working. An altered, foreign, expired or old-format token
 * is simply not trusted.
 */
public final class IdentityToken {

    /** What a valid token says. */
    public record Claims(String userId, String name, long issuedAt, String keyId) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String VERSION = "2";
    private static final int MAX_LENGTH = 512;
    /** A token issued this far in the future (clocks of nodes differ) is still taken. */
    private static final long CLOCK_SKEW_MILLIS = 60_000;

    private final IdentityKey key;
    private final long lifetimeMillis;

    public IdentityToken(IdentityKey key, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("chat.identity.token-lifetime must be positive");
        }
        this.key = key;
        this.lifetimeMillis = lifetime.toMillis();
    }

    public boolean ready() {
        return key.known();
    }

    /** @throws IllegalStateException while the key is not known */
    public String issue(String userId, String name, long now) {
        IdentityKey.Secret secret = key.current();
        if (secret == null) {
            throw new IllegalStateException("the identity key is not known yet");
        }
        String payload = ENCODER.encodeToString(String.join("\n", VERSION, userId, name, Long.toString(now), secret.id())
                .getBytes(StandardCharsets.UTF_8));
        return payload + "." + ENCODER.encodeToString(sign(secret, payload));
    }

    public Optional<Claims> verify(String token, long now) {
        IdentityKey.Secret secret = key.current();
        if (secret == null || token == null || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        try {
            if (!MessageDigest.isEqual(DECODER.decode(token.substring(dot + 1)), sign(secret, payload))) {
                return Optional.empty();
            }
            String[] parts = new String(DECODER.decode(payload), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 5 || !VERSION.equals(parts[0]) || parts[1].isEmpty() || !secret.id().equals(parts[4])) {
                return Optional.empty();
            }
            long issuedAt = Long.parseLong(parts[3]);
            if (issuedAt > now + CLOCK_SKEW_MILLIS || now - issuedAt > lifetimeMillis) {
                return Optional.empty();
            }
            return Optional.of(new Claims(parts[1], parts[2], issuedAt, parts[4]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] sign(IdentityKey.Secret secret, String payload) {
        return SIGNER.get().sign(secret, payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One Mac per thread, set up again only when the key changes: every connection verifies and
     * issues a token, and looking a Mac up and keying it cost more than the HMAC of a short token
     * (several percent of a node's CPU in a reconnect storm).
     */
    private static final ThreadLocal<Signer> SIGNER = ThreadLocal.withInitial(Signer::new);

    private static final class Signer {
        private final Mac mac;
        private IdentityKey.Secret keyed;

        Signer() {
            try {
                mac = Mac.getInstance("HmacSHA256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        byte[] sign(IdentityKey.Secret secret, byte[] payload) {
            if (keyed != secret) {
                try {
                    mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA256"));
                } catch (InvalidKeyException e) {
                    throw new IllegalStateException(e);
                }
                keyed = secret;
            }
            return mac.doFinal(payload); // doFinal leaves the Mac ready for the next payload
        }
    }
}
