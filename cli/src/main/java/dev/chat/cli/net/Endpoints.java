package dev.chat.cli.net;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The addresses the client talks to, all derived from the one {@code --url} of the gateway (as
 * the page derives them from its own origin): {@code ws(s)://host/ws} for the chat and
 * {@code http(s)://host/api/...} for the registry.
 */
public final class Endpoints {

    private final URI base;

    private Endpoints(URI base) {
        this.base = base;
    }

    /**
     * @param url {@code http://host[:port]} or {@code https://...}, an optional trailing slash
     * @throws IllegalArgumentException with a sentence for the user when it is not such an address
     */
    public static Endpoints of(String url) {
        String problem = "--url must be the chat's address, like http://localhost:8080 (got \"" + url + "\")";
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException(problem);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null || !(path.isEmpty() || path.equals("/"))) {
            throw new IllegalArgumentException(problem);
        }
        return new Endpoints(URI.create(scheme + "://" + uri.getRawAuthority()));
    }

    /** {@code http://host:port}, no trailing slash: the key under which this server's identity is kept. */
    public String origin() {
        return base.toString();
    }

    /** The chat socket, with {@code ?token=} when an identity token is known. */
    public URI webSocket(String token) {
        String ws = (base.getScheme().equals("https") ? "wss" : "ws") + "://" + base.getRawAuthority() + "/ws";
        return URI.create(token == null || token.isEmpty() ? ws
                : ws + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** {@code path} (starting with {@code /}) on the gateway, e.g. {@code /api/rooms}. */
    public URI http(String path) {
        return URI.create(origin() + path);
    }

    /** An address the server gave as a path ({@code /api/attachments/...}), made absolute to show it. */
    public String absolute(String pathOrUrl) {
        return pathOrUrl.startsWith("/") ? origin() + pathOrUrl : pathOrUrl;
    }
}
