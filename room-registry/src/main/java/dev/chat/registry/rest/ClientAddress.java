package dev.chat.registry.rest;

/**
 * Who is asking, for the creation rate limit. Behind the gateway the TCP peer is nginx, so the
 * address comes from its headers: {@code X-Real-IP} first, because nginx overwrites it with the
 * peer it saw, whereas the first hop of {@code X-Forwarded-For} is whatever the client sent
 * (nginx appends to it); then that first hop; then the peer itself. The result goes into a Redis
 * key, so it is reduced to address characters and bounded in length.
 */
public final class ClientAddress {

    static final int MAX_LENGTH = 64;

    private ClientAddress() {
    }

    public static String of(String realIp, String forwardedFor, String remoteAddress) {
        String chosen = firstNonBlank(realIp, firstHop(forwardedFor), remoteAddress);
        return chosen == null ? "unknown" : clean(chosen);
    }

    private static String firstHop(String forwardedFor) {
        if (forwardedFor == null) {
            return null;
        }
        int comma = forwardedFor.indexOf(',');
        return comma < 0 ? forwardedFor : forwardedFor.substring(0, comma);
    }

    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.strip();
            }
        }
        return null;
    }

    private static String clean(String address) {
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
