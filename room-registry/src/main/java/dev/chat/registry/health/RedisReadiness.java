package dev.chat.registry.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.chat.registry.config.RegistryConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Readiness is DOWN while Redis does not answer a PING within {@code chat.redis.health-timeout}.
 * It replaces the Redis client's built-in check (disabled in application.properties), which blocks
 * for the whole command timeout when Redis hangs instead of refusing, longer than a probe waits.
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements AsyncHealthCheck {

    static final String NAME = "redis";

    private final ReactiveRedisDataSource redis;
    private final Duration timeout;

    RedisReadiness(ReactiveRedisDataSource redis, RegistryConfig config) {
        this.redis = redis;
        this.timeout = config.redis().healthTimeout();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.execute("PING")
                .ifNoItem().after(timeout).fail()
                .map(pong -> HealthCheckResponse.up(NAME))
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(NAME).down()
                        .withData("error", String.valueOf(e.getMessage())).build());
    }
}
