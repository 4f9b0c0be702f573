package dev.chat.node.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.chat.node.service.ChatService;

/**
 * A node without its pub/sub connection would accept clients it cannot deliver to, so it is not
 * ready until the subscriber is connected (the Redis client's own check covers commands).
 */
@Readiness
@ApplicationScoped
public class SubscriberReadiness implements HealthCheck {

    @Inject
    ChatService chat;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("redis-subscriber").status(chat.brokerConnected() && !chat.draining())
                .withData("node", chat.nodeId()).withData("draining", chat.draining()).build();
    }
}
