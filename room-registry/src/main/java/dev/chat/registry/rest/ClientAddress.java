package dev.chat.registry.rest;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.contract.ClientAddressPolicy;
import dev.chat.registry.config.RegistryConfig;

/**
 * Who is asking, for the creation and upload rate limits, by the policy every service shares
 * ({@link ClientAddressPolicy}): behind the gateway the TCP peer is nginx, whose
 * {@code X-Real-IP} (the peer it saw) is believed; from anyone else only the peer counts, and
 * {@code X-Forwarded-For} never does (its first hop is whatever the client wrote). An IPv6 client
 * counts as its /64. The result goes into a Redis key, so it is reduced to address characters and
 * bounded in length.
 */
@ApplicationScoped
public class ClientAddress {

    static final int MAX_LENGTH = 64;

    private final ClientAddressPolicy policy;

    ClientAddress(RegistryConfig config) {
        this.policy = new ClientAddressPolicy(config.trustedProxies());
    }

    public String of(String realIp, String remoteAddress) {
        return clean(policy.clientOf(remoteAddress, realIp));
    }

    static String clean(String address) {
        StringBuilder out = new StringBuilder(Math.min(address.length(), MAX_LENGTH));
        for (int i = 0; i < address.length() && out.length() < MAX_LENGTH; i++) {
            char c = address.charAt(i);
            boolean plain = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.'
                    || c == ':' || c == '-';
            out.append(plain ? c : '_');
        }
        return out.toString();
    }
}
