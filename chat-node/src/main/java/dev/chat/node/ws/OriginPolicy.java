package dev.chat.node.ws;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which browser pages may open a WebSocket: listed origins, or by default only pages served by
 * the same host (the gateway's own origin), so another site cannot ride a visitor's browser into
 * the chat. A request without an Origin is not from a browser page and passes.
 */
final class OriginPolicy {

    private final Optional<List<String>> allowed;

    OriginPolicy(Optional<List<String>> allowed) {
        this.allowed = allowed.map(list -> list.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList());
    }

    /**
     * @param host the request's host as the client addressed it (X-Forwarded-Host or Host)
     * @param port the port the client addressed, or -1 when the host carries it or it is unknown
     */
    boolean allows(String origin, String host, int port) {
        if (origin == null) {
            return true;
        }
        if (allowed.isPresent()) {
            return allowed.get().contains(origin.toLowerCase(Locale.ROOT));
        }
        if (host == null || host.isEmpty()) {
            return false;
        }
        try {
            URI o = URI.create(origin);
            if (o.getHost() == null || o.getScheme() == null) {
                return false;
            }
            int originPort = o.getPort() != -1 ? o.getPort() : "https".equalsIgnoreCase(o.getScheme()) ? 443 : 80;
            URI h = URI.create("//" + host);
            int hostPort = h.getPort() != -1 ? h.getPort() : port;
            return o.getHost().equalsIgnoreCase(h.getHost()) && (hostPort == -1 || hostPort == originPort);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
