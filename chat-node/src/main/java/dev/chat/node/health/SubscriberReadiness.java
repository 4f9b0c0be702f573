package dev.chat.node.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.chat.node.service.ChatNode;
import dev.chat.node.service.ConnectionGate;

/**
 * A node without its pub/sub connection would accept clients it cannot deliver to, and one
 * without the shared identity key would hand out identities no other node accepts, so it is not
 * ready until it has both (the Redis client's own check covers commands).
 */
@Readiness
@ApplicationScoped
public class SubscriberReadiness implements HealthCheck {

    @Inject
    ChatNode chat;

    @Inject
    ConnectionGate gate;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("redis-subscriber")
                .status(chat.brokerConnected() && !gate.draining() && gate.identityReady())
                .withData("node", chat.nodeId()).withData("draining", gate.draining())
                .withData("identityKey", gate.identityReady()).build();
    }
}
