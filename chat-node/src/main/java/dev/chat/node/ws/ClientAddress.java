package dev.chat.node.ws;

import dev.chat.contract.ClientAddressPolicy;

/**
 * The client's address for per-address limits, by the policy every service shares
 * ({@link ClientAddressPolicy}): behind the gateway it is the X-Real-IP the gateway set, a
 * direct connection counts by its peer address, an IPv6 client by its /64.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(ClientAddressPolicy policy, String peer, String realIp) {
        return policy.clientOf(peer, realIp);
    }

    /** The host part of {@code host:port}, {@code [v6]:port} or a bare address. */
    static String hostOf(String address) {
        if (address == null) {
            return null;
        }
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            return end > 0 ? address.substring(1, end) : address;
        }
        int colon = address.indexOf(':');
        return colon > 0 && colon == address.lastIndexOf(':') ? address.substring(0, colon) : address;
    }
}
