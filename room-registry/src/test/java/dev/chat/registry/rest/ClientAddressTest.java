package dev.chat.registry.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Which address a creation is counted against. */
class ClientAddressTest {

    @Test
    void prefersTheAddressNginxSetsItself() {
        assertEquals("203.0.113.7", ClientAddress.of("203.0.113.7", "198.51.100.1, 203.0.113.7", "172.18.0.5"));
    }

    @Test
    void thenTheFirstForwardedHop() {
        assertEquals("198.51.100.1", ClientAddress.of(null, " 198.51.100.1 , 10.0.0.2", "172.18.0.5"));
        assertEquals("198.51.100.1", ClientAddress.of("  ", "198.51.100.1", "172.18.0.5"));
    }

    @Test
    void thenThePeer() {
        assertEquals("172.18.0.5", ClientAddress.of(null, null, "172.18.0.5"));
        assertEquals("unknown", ClientAddress.of(null, "", null));
    }

    @Test
    void keepsIpv6AndNeutralisesWhatCouldBreakAKey() {
        assertEquals("2001:db8::1", ClientAddress.of("2001:db8::1", null, null));
        assertEquals("_evil_key", ClientAddress.of("{evil}key ", null, null));
        assertEquals(ClientAddress.MAX_LENGTH, ClientAddress.of("1".repeat(500), null, null).length());
    }
}
