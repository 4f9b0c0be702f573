package dev.chat.registry.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Typed view of the {@code chat.*} keys. The keys the registry shares with the chat nodes
 * ({@code chat.redis.key-prefix}, {@code chat.general.clear-interval}) have the same names and defaults
 * in both services, so one environment configures both.
 */
@ConfigMapping(prefix = "chat")
public interface RegistryConfig {

    Redis redis();

    General general();

    Rooms rooms();

    interface Redis {
        /** Start of every key and channel; tests give each class its own. */
        @WithDefault("chat")
        String keyPrefix();

        /** How long readiness waits for a PING before it reports Redis down. */
        @WithDefault("1s")
        Duration healthTimeout();
    }

    interface General {
        @WithDefault("5m")
        Duration clearInterval();
    }

    interface Rooms {
        /** The clear intervals a creator may pick from (whole seconds). */
        @WithDefault("1m,2m,3m,5m,10m")
        List<Duration> clearIntervals();

        /** The expiries a creator may pick from (whole seconds); activity pushes the expiry back. */
        @WithDefault("2m,5m,10m")
        List<Duration> expiries();

        /** Rooms one client address may create per minute. */
        @WithDefault("5")
        int createPerMinute();

        /** Longest room name, in code points after trimming. */
        @WithDefault("40")
        int maxNameLength();
    }
}
