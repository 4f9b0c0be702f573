package dev.chat.node.ws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import dev.chat.contract.ClientAddressPolicy;
import dev.chat.node.config.NodeConfig;
import dev.chat.node.service.ConnectionGate;

/**
 * Refuses an upgrade before any frame: a foreign Origin (403), a node that is draining or has no
 * identity key yet (503, so the gateway tries the next node), an address over its connection limit (429).
 */
@ApplicationScoped
public class UpgradeGuard implements HttpUpgradeCheck {

    @Inject
    ConnectionGate gate;

    @Inject
    ClientAddressPolicy addresses;

    private final OriginPolicy origins;

    @Inject
    public UpgradeGuard(NodeConfig config) {
        this.origins = new OriginPolicy(config.allowedOrigins());
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        String forwardedHost = request.getHeader("X-Forwarded-Host");
        String host = forwardedHost != null ? forwardedHost : request.getHeader("Host");
        int port = forwardedHost != null ? parsePort(request.getHeader("X-Forwarded-Port")) : -1;
        if (!origins.allows(request.getHeader("Origin"), host, port)) {
            return CheckResult.rejectUpgrade(403);
        }
        if (gate.draining() || !gate.identityReady()) {
            return CheckResult.rejectUpgrade(503);
        }
        if (!gate.admits(ClientAddress.of(addresses, request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                request.getHeader("X-Real-IP")))) {
            return CheckResult.rejectUpgrade(429);
        }
        // read for the last time: the connection would keep them for its whole life
        ConnectionFootprint.trimHeaders(request.headers());
        return CheckResult.permitUpgrade();
    }

    private static int parsePort(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
