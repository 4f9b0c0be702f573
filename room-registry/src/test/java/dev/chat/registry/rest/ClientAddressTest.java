package dev.chat.registry.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How the address a creation or upload is counted against becomes a safe Redis key part. */
class ClientAddressTest {

    @Test
    void keepsAddressesAndNetworksAndNeutralisesWhatCouldBreakAKey() {
        assertEquals("2001:db8::1", ClientAddress.clean("2001:db8::1"));
        assertEquals("2001:db8:1:2::_64", ClientAddress.clean("2001:db8:1:2::/64"));
        assertEquals("_evil_key", ClientAddress.clean("{evil}key"));
        assertEquals(ClientAddress.MAX_LENGTH, ClientAddress.clean("1".repeat(500)).length());
    }
}
