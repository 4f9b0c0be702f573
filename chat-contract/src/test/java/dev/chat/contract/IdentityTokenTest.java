package dev.chat.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * Tokens are checked the same way on every thread and after every change of key: the Mac each
 * thread keeps is keyed again when the key changes, never used with the old one.
 */
class IdentityTokenTest {

    private static final long NOW = 1_800_000_000_000L;

    @Test
    void aTokenIsTrustedWithItsClaimsAndAnAlteredOneIsNot() {
        IdentityToken tokens = new IdentityToken(IdentityKey.of(IdentityKey.bytes("a secret of sixteen+")), Duration.ofDays(1));
        String token = tokens.issue("u1", "Quiet Otter", NOW);
        IdentityToken.Claims claims = tokens.verify(token, NOW + 1_000).orElseThrow();
        assertEquals("u1", claims.userId());
        assertEquals("Quiet Otter", claims.name());
        char last = token.charAt(token.length() - 1);
        String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertTrue(tokens.verify(altered, NOW).isEmpty());
        assertTrue(tokens.verify(token, NOW + Duration.ofDays(2).toMillis()).isEmpty(), "expired");
    }

    @Test
    void afterTheKeyChangesOnlyTokensOfTheNewKeyAreTrustedOnTheSameThread() throws Exception {
        IdentityKey key = IdentityKey.of(IdentityKey.bytes("the first secret, 16+"));
        IdentityToken tokens = new IdentityToken(key, Duration.ofDays(1));
        String old = tokens.issue("u1", "Quiet Otter", NOW);
        assertTrue(tokens.verify(old, NOW).isPresent());

        key.set(IdentityKey.bytes("the second secret, 16+"));
        assertTrue(tokens.verify(old, NOW).isEmpty(), "signed with the key before");
        String fresh = tokens.issue("u1", "Quiet Otter", NOW);
        assertTrue(tokens.verify(fresh, NOW).isPresent());
        // another service that only ever had the new key, on a thread of its own, trusts it: the
        // signature was made with the new key, not by a Mac still keyed with the old one
        IdentityToken elsewhere = new IdentityToken(IdentityKey.of(IdentityKey.bytes("the second secret, 16+")),
                Duration.ofDays(1));
        boolean[] trusted = new boolean[1];
        Thread other = new Thread(() -> trusted[0] = elsewhere.verify(fresh, NOW).isPresent());
        other.start();
        other.join(10_000);
        assertTrue(trusted[0]);

        // the same bytes as the first key, but signatures must follow the key, not a kept Mac
        key.set(IdentityKey.bytes("the first secret, 16+"));
        assertTrue(tokens.verify(fresh, NOW).isEmpty());
        assertTrue(tokens.verify(tokens.issue("u2", "Calm Heron", NOW), NOW).isPresent());
    }

    @Test
    void threadsCheckTokensOfEachOtherAlike() throws Exception {
        IdentityToken tokens = new IdentityToken(IdentityKey.of(IdentityKey.bytes("a secret of sixteen+")), Duration.ofDays(1));
        String[] issued = new String[1];
        Thread other = new Thread(() -> issued[0] = tokens.issue("u3", "Brave Lynx", NOW));
        other.start();
        other.join(10_000);
        assertEquals("u3", tokens.verify(issued[0], NOW).orElseThrow().userId());
    }
}
