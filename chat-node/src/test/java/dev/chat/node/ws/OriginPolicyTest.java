package dev.chat.node.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    private final OriginPolicy sameHost = new OriginPolicy(Optional.empty());

    @Test
    void byDefaultOnlyTheSameHostAndPortMayConnect() {
        assertTrue(sameHost.allows("http://chat.example:8080", "chat.example:8080", -1));
        assertTrue(sameHost.allows("http://chat.example:8080", "chat.example", 8080), "host and port from the gateway");
        assertTrue(sameHost.allows("https://chat.example", "chat.example", 443));
        assertFalse(sameHost.allows("http://evil.example:8080", "chat.example:8080", -1));
        assertFalse(sameHost.allows("http://chat.example:9999", "chat.example", 8080));
        assertFalse(sameHost.allows("null", "chat.example", 8080));
        assertFalse(sameHost.allows("http://chat.example", null, -1));
    }

    @Test
    void nonBrowserClientsWithoutOriginPass() {
        assertTrue(sameHost.allows(null, "chat.example", 8080));
    }

    @Test
    void aConfiguredListIsExact() {
        OriginPolicy listed = new OriginPolicy(Optional.of(List.of("https://Chat.Example")));
        assertTrue(listed.allows("https://chat.example", "anything", -1));
        assertFalse(listed.allows("https://chat.example:8443", "chat.example", 8443));
    }

    @Test
    void theClientAddressComesFromTheGatewayOnlyWhenThePeerIsOurs() {
        var policy = new dev.chat.contract.ClientAddressPolicy(List.of(dev.chat.contract.ClientAddressPolicy.DEFAULT_TRUSTED.split(",")));
        assertEquals("203.0.113.9", ClientAddress.of(policy, "127.0.0.1", "203.0.113.9"));
        assertEquals("10.0.0.7", ClientAddress.of(policy, "10.0.0.7", null));
        assertEquals("198.51.100.1", ClientAddress.of(policy, "198.51.100.1", "203.0.113.9"), "a public peer cannot claim another");
        assertEquals("127.0.0.1", ClientAddress.hostOf("127.0.0.1:5555"));
        assertEquals("::1", ClientAddress.hostOf("[::1]:5555"));
        assertEquals("::1", ClientAddress.hostOf("::1"));
    }
}
