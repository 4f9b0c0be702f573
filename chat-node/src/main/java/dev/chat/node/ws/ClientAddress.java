package dev.chat.node.ws;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The client's address for per-address limits: nodes sit behind the gateway, which puts the real
 * address in X-Real-IP; a direct connection counts by its peer address.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(String peer, String realIp) {
        if (realIp != null && !realIp.isBlank() && isPrivateOrLoopback(peer)) {
            return realIp.trim();
        }
        return peer == null ? "unknown" : peer;
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

    /** Only a proxy on our own network (loopback, or the cluster's private network) is believed. */
    private static boolean isPrivateOrLoopback(String peer) {
        if (peer == null) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(peer);
            return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
