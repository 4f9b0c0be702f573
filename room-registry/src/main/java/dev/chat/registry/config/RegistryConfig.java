package dev.chat.registry.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    History history();

    Limits limits();

    Attachments attachments();

    Identity identity();

    /**
     * The proxies whose {@code X-Real-IP} is believed (CIDR blocks), the same setting as the chat
     * nodes'; a client's own headers never are.
     */
    @WithDefault(dev.chat.contract.ClientAddressPolicy.DEFAULT_TRUSTED)
    List<String> trustedProxies();

    /** Same keys and defaults as the chat node's: the registry checks the tokens the nodes issue. */
    interface Identity {
        /** The key the nodes sign identity tokens with (CHAT_IDENTITY_SECRET); unset, the one they agreed on in Redis. */
        Optional<String> secret();

        /** Whether an unset secret may be read from Redis; off in the {@code prod} profile. */
        @WithDefault("true")
        boolean sharedThroughRedis();

        @WithDefault("30d")
        Duration tokenLifetime();
    }

    /**
     * The secret of {@code POST /api/rooms/{id}/messages} ({@code X-Api-Key}); unset, the endpoint
     * answers 404 as if it did not exist.
     */
    Optional<String> apiKey();

    Ops ops();

    Metrics metrics();

    /** The operations view, {@code GET /api/ops}. */
    interface Ops {
        /**
         * The secret an operator presents in {@code X-Ops-Key} ({@code CHAT_OPS_KEY}); unset, the
         * endpoint answers 404 as if it did not exist.
         */
        Optional<String> key();

        /** How many rooms, those with the most users, the view lists. */
        @WithDefault("10")
        int topRooms();
    }

    interface Metrics {
        /** How often {@code chat_rooms} (live rooms) is counted in Redis. */
        @WithDefault("15s")
        Duration roomsRefresh();
    }

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

        /** Live rooms the chat may hold at once, General included; a creation beyond is answered 507. */
        @WithDefault("1000")
        int maxLive();

        /** Longest room name, in code points after trimming. */
        @WithDefault("40")
        int maxNameLength();
    }

    /** Same key and default as the chat node's, so both cap a room's history alike. */
    interface History {
        /** Messages kept per room. */
        @WithDefault("1000")
        int maxLen();

        /** Messages in one answer of {@code GET /api/rooms/{id}/messages} without {@code limit}. */
        @WithDefault("50")
        int pageSize();

        /** The largest {@code limit} that {@code GET /api/rooms/{id}/messages} accepts. */
        @WithDefault("100")
        int maxPageSize();

        /** Bytes of message frames kept per room; the oldest go past it. */
        @WithDefault("2097152")
        long maxBytes();
    }

    /** Same key and default as the chat node's {@code send} check. */
    interface Limits {
        /** Longest message text, in code points. */
        @WithDefault("2000")
        int maxTextLength();
    }

    interface Attachments {
        /**
         * Largest image, in bytes. {@code quarkus.http.limits.max-body-size} must stay a little
         * above it (a multipart envelope adds a few hundred bytes).
         */
        @WithDefault("2097152")
        long maxBytes();

        /** Uploads one client address may make per minute. */
        @WithDefault("20")
        int perMinute();

        /** Bytes of images one room may hold (until its next clear); more are answered 507. */
        @WithDefault("16777216")
        long maxBytesPerRoom();

        /**
         * Bytes of images all rooms together may hold; more are answered 507. Keep it well under
         * Redis' maxmemory (the launcher's and compose's default is 512 MiB).
         */
        @WithDefault("134217728")
        long maxBytesTotal();
    }
}
