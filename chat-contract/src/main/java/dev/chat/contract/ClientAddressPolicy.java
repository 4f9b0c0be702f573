package dev.chat.contract;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who a client is, for per-address limits, the same in every service: the TCP peer, unless the
 * peer is one of the proxies allowed to say who is behind it ({@code chat.trusted-proxies}, CIDR
 * blocks; the gateway, which sets {@code X-Real-IP} to the address it saw). A header from anyone
 * else is ignored, so a client cannot pick its own address. An IPv6 client counts as its /64
 * (one subscriber gets a whole /64 and could otherwise take a fresh address per request).
 */
public final class ClientAddressPolicy {

    /** Loopback and private networks: the gateway runs beside the services. */
    public static final String DEFAULT_TRUSTED = "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7";

    /** An address literal, never a name: nothing here may trigger a DNS lookup. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private record Block(byte[] network, int prefix) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Block> trusted;

    /** @param trustedProxies CIDR blocks ({@code 10.0.0.0/8}, {@code ::1/128}) or single addresses */
    public ClientAddressPolicy(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(ClientAddressPolicy::block).toList();
    }

    /**
     * @param peer   the TCP peer's address (no port)
     * @param realIp the {@code X-Real-IP} header, or null
     * @return the address (IPv4) or network (IPv6 /64) limits count against; "unknown" when none
     */
    public String clientOf(String peer, String realIp) {
        byte[] from = parse(peer);
        if (from != null && realIp != null && !realIp.isBlank() && isTrusted(from)) {
            byte[] behind = parse(realIp.strip());
            return behind == null ? "unknown" : network(behind);
        }
        return from == null ? "unknown" : network(from);
    }

    public boolean isTrusted(String address) {
        byte[] parsed = parse(address);
        return parsed != null && isTrusted(parsed);
    }

    private boolean isTrusted(byte[] address) {
        return trusted.stream().anyMatch(block -> block.contains(address));
    }

    /** An IPv4 address as it is; an IPv6 address as its /64, {@code 2001:db8:1:2::/64}. */
    static String network(byte[] address) {
        try {
            if (address.length == 4) {
                return InetAddress.getByAddress(address).getHostAddress();
            }
            byte[] prefix = new byte[16];
            System.arraycopy(address, 0, prefix, 0, 8);
            String full = InetAddress.getByAddress(prefix).getHostAddress(); // a:b:c:d:0:0:0:0
            String[] groups = full.split(":");
            return groups[0] + ":" + groups[1] + ":" + groups[2] + ":" + groups[3] + "::/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes of an address literal; null for anything else (names included). */
    static byte[] parse(String address) {
        if (address == null) {
            return null;
        }
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        if (!LITERAL.matcher(literal).matches() || (!literal.contains(":") && !literal.contains("."))) {
            return null;
        }
        try {
            // Java already reads an IPv4-mapped IPv6 literal as the IPv4 address
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Block block(String cidr) {
        int slash = cidr.indexOf('/');
        byte[] network = parse(slash < 0 ? cidr : cidr.substring(0, slash));
        if (network == null) {
            throw new IllegalArgumentException("chat.trusted-proxies: not an address or CIDR block: " + cidr);
        }
        int prefix;
        try {
            prefix = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("chat.trusted-proxies: bad prefix length in " + cidr);
        }
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("chat.trusted-proxies: bad prefix length in " + cidr);
        }
        return new Block(network, prefix);
    }
}
