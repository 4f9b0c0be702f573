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
                .encodeToString("u-admin\nQuiet Otter".getBytes(StandardCharsets.UTF_8));
        assertTrue(tokens.verify(forgedPayload + token.substring(token.indexOf('.'))).isEmpty());
        assertTrue(tokens.verify(payload + ".AAAA").isEmpty());
        assertTrue(tokens.verify(token + "x").isEmpty());
        IdentityTokens other = new IdentityTokens("another-secret-of-16+".getBytes(StandardCharsets.UTF_8));
        assertTrue(other.verify(token).isEmpty());
        for (String junk : new String[] { null, "", ".", "a.b.c", "%%%.***", "x".repeat(1000) }) {
            assertTrue(tokens.verify(junk).isEmpty(), String.valueOf(junk));
        }
    }
}
