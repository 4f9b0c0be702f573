package dev.chat.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressPolicyTest {

    private final ClientAddressPolicy policy = new ClientAddressPolicy(List.of(ClientAddressPolicy.DEFAULT_TRUSTED.split(",")));

    @Test
    void aTrustedProxySaysWhoIsBehindItAnyoneElseIsItsOwnAddress() {
        assertEquals("203.0.113.7", policy.clientOf("127.0.0.1", "203.0.113.7"));
        assertEquals("203.0.113.7", policy.clientOf("172.18.0.5", " 203.0.113.7 "));
        assertEquals("198.51.100.9", policy.clientOf("198.51.100.9", "203.0.113.7"), "a header from the internet is ignored");
        assertEquals("198.51.100.9", policy.clientOf("198.51.100.9", null));
        assertEquals("unknown", policy.clientOf(null, null));
        assertEquals("unknown", policy.clientOf("127.0.0.1", "not-an-address.example"), "never a name, never a lookup");
    }

    @Test
    void anIpv6ClientCountsAsItsSlash64() {
        assertEquals("2001:db8:1:2::/64", policy.clientOf("127.0.0.1", "2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals("2001:db8:1:2::/64", policy.clientOf("2001:db8:1:2::99", null), "every address of the /64 is one client");
        assertEquals("2001:db8:0:0::/64", policy.clientOf("2001:db8::1", null));
        assertEquals("203.0.113.7", policy.clientOf("::ffff:203.0.113.7", null), "an IPv4-mapped address is the IPv4 one");
    }

    @Test
    void theTrustedProxiesAreOneSettingOfCidrBlocks() {
        ClientAddressPolicy onlyOne = new ClientAddressPolicy(List.of("10.1.2.3"));
        assertTrue(onlyOne.isTrusted("10.1.2.3"));
        assertFalse(onlyOne.isTrusted("10.1.2.4"));
        assertEquals("10.1.2.4", onlyOne.clientOf("10.1.2.4", "203.0.113.7"));
        assertTrue(policy.isTrusted("::1"));
        assertTrue(policy.isTrusted("fd00::5"));
        assertFalse(policy.isTrusted("8.8.8.8"));
        assertThrows(IllegalArgumentException.class, () -> new ClientAddressPolicy(List.of("10.0.0.0/33")));
        assertThrows(IllegalArgumentException.class, () -> new ClientAddressPolicy(List.of("gateway.local")));
    }
}
