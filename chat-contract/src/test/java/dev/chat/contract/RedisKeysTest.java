package dev.chat.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedisKeysTest {

    private final RedisKeys keys = new RedisKeys("chat");

    @Test
    void everyRoomKeySharesTheRoomHashTag() {
        for (String key : new String[] { keys.meta("r1"), keys.seq("r1"), keys.history("r1"), keys.clientIds("r1"),
                keys.presence("r1"), keys.presenceUsers("r1"), keys.presenceNames("r1"), keys.presenceVersion("r1"),
                keys.firstJoins("r1"), keys.channel("r1"), keys.presenceNodes("r1"),
                keys.presenceNode("r1", "node-{x}~1") }) {
            assertTrue(key.startsWith("chat:{r1}:"), key);
        }
    }

    @Test
    void aNodesPresenceSetIsNamedFromTheRoomsNodesKey() {
        // presence-users.lua builds the same name from the nodes key (presence_node_key)
        assertEquals("chat:{r1}:presence-nodes:node-1~ab", keys.presenceNode("r1", "node-1~ab"));
    }

    @Test
    void firstJoinsSitBesideTheRoomsOtherKeys() {
        assertEquals("chat:{r1}:first-joins", keys.firstJoins("r1"));
    }

    @Test
    void channelMapsBackToItsRoom() {
        assertEquals("study-1", keys.roomOfChannel(keys.channel("study-1")));
        assertNull(keys.roomOfChannel("other:{x}:channel"));
        assertNull(keys.roomOfChannel(keys.meta("x")));
    }

    @Test
    void roomIdsAreRestricted() {
        assertTrue(RedisKeys.isValidRoomId("general"));
        assertTrue(RedisKeys.isValidRoomId("a1-b2"));
        assertFalse(RedisKeys.isValidRoomId("General"));
        assertFalse(RedisKeys.isValidRoomId("x}y"));
        assertFalse(RedisKeys.isValidRoomId(""));
        assertFalse(RedisKeys.isValidRoomId(null));
        assertFalse(RedisKeys.isValidRoomId("a".repeat(41)));
    }

    @Test
    void prefixCannotBreakTheHashTag() {
        assertThrows(IllegalArgumentException.class, () -> new RedisKeys("a{b"));
        assertThrows(IllegalArgumentException.class, () -> new RedisKeys(" "));
    }

    @Test
    void operationsKeysAreOutsideEveryRoom() {
        assertEquals("chat:ops:nodes", keys.opsNodes());
        assertEquals("chat:ops:node:node-1", keys.opsNode("node-1"));
        assertNull(keys.roomOfChannel(keys.opsNode("node-1")));
    }
}
