package dev.chat.node.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.chat.contract.Envelope;
import dev.chat.node.protocol.RosterFrames.Change;

/** The plain parts of the roster and typing relays: the envelope's lines and the typing throttle. */
class RosterRelayTest {

    @Test
    void readsTheLinesOfARosterEnvelopeAndSkipsWhatIsNotOne() {
        Envelope envelope = Envelope.parse("R 42 node-1\n+u-1\tQuiet Otter\n-u-2\n\nbogus\n+u-3\n+u-4\tNight\tOwl");
        assertEquals(List.of(new Change("u-1", "Quiet Otter", 42), new Change("u-2", null, 42),
                new Change("u-4", "Night\tOwl", 42)), RosterRelay.changesOf(envelope));
    }

    @Test
    void typingIsRelayedOncePerIntervalPerUserAndRoom() {
        TypingRelay relay = new TypingRelay(null, "n", room -> 0, 50, 2_000_000_000L);
        assertTrue(relay.allow("r\nu-1", 0));
        assertFalse(relay.allow("r\nu-1", 1_999_999_999L));
        assertTrue(relay.allow("r\nu-2", 1), "another user");
        assertTrue(relay.allow("s\nu-1", 1), "another room");
        assertTrue(relay.allow("r\nu-1", 2_000_000_000L));
    }
}
