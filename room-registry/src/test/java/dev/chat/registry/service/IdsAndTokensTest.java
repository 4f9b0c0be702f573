package dev.chat.registry.service;

import dev.chat.contract.RegistryKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.chat.contract.RedisKeys;

/** Room ids fit the shared id pattern; owner tokens are long, URL-safe and hashed stably. */
class IdsAndTokensTest {

    @Test
    void roomIdsAreValidLowerCaseAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = RoomIds.next();
            assertTrue(RedisKeys.isValidRoomId(id) && id.matches("[a-z2-7]{10}"), id);
            seen.add(id);
        }
        assertEquals(1000, seen.size());
    }

    @Test
    void ownerTokensCarryAtLeast128BitsUrlSafe() {
        String token = OwnerTokens.next();
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
        assertNotEquals(token, OwnerTokens.next());
    }

    @Test
    void theHashIsHexSha256() {
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", OwnerTokens.hash("hello"));
    }

    @Test
    void registryKeysPutTheDirectoryAndTheTotalsInASlotEach() {
        RegistryKeys keys = new RegistryKeys(new RedisKeys("p"));
        assertEquals("p:{directory}:rooms", new RedisKeys("p").roomIndex(), "the index in the directory's slot");
        assertEquals("p:{attachments}:bytes", keys.attachmentBytesTotal());
        assertEquals("p:{directory}:names", keys.roomNames());
        assertEquals("p:ratelimit:create:10.0.0.1:42", keys.createRateLimit("10.0.0.1", 42));
    }

    @Test
    void theExpiredEnvelopeFollowsTheChannelFormat() {
        assertEquals("X 0 registry\n{\"type\":\"expired\",\"room\":\"abc\"}", RoomRemover.expiredEnvelope("abc"));
    }
}
