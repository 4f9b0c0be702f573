package dev.chat.node.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class IdentityTokensTest {

    private final IdentityTokens tokens = new IdentityTokens("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8));
    private final User user = new User("u-abc", "Quiet Otter");

    @Test
    void aTokenItIssuedGivesTheSameUserBack() {
        assertEquals(Optional.of(user), tokens.verify(tokens.issue(user)));
    }

    @Test
    void anAlteredOrForeignTokenIsNotTrusted() {
        String token = tokens.issue(user);
        String payload = token.substring(0, token.indexOf('.'));
        String forgedPayload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("2\nu-admin\nQuiet Otter\n" + System.currentTimeMillis() + "\nxxxxxxxx").getBytes(StandardCharsets.UTF_8));
        assertTrue(tokens.verify(forgedPayload + token.substring(token.indexOf('.'))).isEmpty());
        assertTrue(tokens.verify(payload + ".AAAA").isEmpty());
        assertTrue(tokens.verify(token + "x").isEmpty());
        IdentityTokens other = new IdentityTokens("another-secret-of-16+".getBytes(StandardCharsets.UTF_8));
        assertTrue(other.verify(token).isEmpty());
        for (String junk : new String[] { null, "", ".", "a.b.c", "%%%.***", "x".repeat(1000) }) {
            assertTrue(tokens.verify(junk).isEmpty(), String.valueOf(junk));
        }
    }

    @Test
    void aTokenCarriesItsIssueTimeAndKeyIdAndExpires() {
        long now = System.currentTimeMillis();
        String token = tokens.issue(user);
        String[] payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8).split("\n");
        assertEquals(5, payload.length, "version, id, name, issued at, key id");
        assertTrue(Math.abs(Long.parseLong(payload[3]) - now) < 60_000, "issued now");
        assertEquals(8, payload[4].length(), "the key's id, not the key");
        assertEquals(Optional.of(user), tokens.verify(token, now + IdentityTokens.DEFAULT_LIFETIME.toMillis() - 120_000));
        assertTrue(tokens.verify(token, now + IdentityTokens.DEFAULT_LIFETIME.toMillis() + 120_000).isEmpty(),
                "past its lifetime a token is not trusted");
        IdentityTokens shortLived = new IdentityTokens(dev.chat.contract.IdentityKey.of(
                "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8)), java.time.Duration.ofMinutes(5));
        assertTrue(shortLived.verify(token, now + 10 * 60_000).isEmpty(), "the lifetime is a setting");
    }

    @Test
    void aTokenOfTheOldFormatWithoutIssueTimeIsNotTrusted() throws Exception {
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("u-abc\nQuiet Otter".getBytes(StandardCharsets.UTF_8));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String legacy = payload + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        assertTrue(tokens.verify(legacy).isEmpty(), "a never-expiring token of before is refused");
    }

    @Test
    void noTokenIsIssuedOrTrustedBeforeTheSharedKeyIsKnown() {
        dev.chat.contract.IdentityKey key = new dev.chat.contract.IdentityKey();
        IdentityTokens waiting = new IdentityTokens(key, IdentityTokens.DEFAULT_LIFETIME);
        assertTrue(!waiting.ready());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> waiting.issue(user));
        String token = tokens.issue(user);
        assertTrue(waiting.verify(token).isEmpty());
        key.set("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.of(user), waiting.verify(token));
    }
}
