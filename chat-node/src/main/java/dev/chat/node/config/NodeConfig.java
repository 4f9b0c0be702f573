package dev.chat.node.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed view of the {@code chat.*} keys; every one can be overridden from the environment. */
@ConfigMapping(prefix = "chat")
public interface NodeConfig {

    Node node();

    Redis redis();

    General general();

    History history();

    Presence presence();

    Limits limits();

    Identity identity();

    Notices notices();

    Rooms rooms();

    Roster roster();

    Typing typing();

    interface Roster {
        /**
         * Users one {@code roster} frame carries at most: a joining page gets this many of a
         * bigger room (and counts the rest), and more changes than this within one flush
         * interval are sent as such a snapshot instead.
         */
        @WithDefault("100")
        int maxPerFrame();

        /** Changes of who is in a room are gathered this long and sent as one frame. */
        @WithDefault("1s")
        Duration flushInterval();

        /**
         * Bytes of {@code roster} frames a node sends per second to all members of its rooms
         * together (a frame to 1 000 members counts 1 000 times); past it, changes are gathered
         * longer, so in a room of thousands that many join at once the lists lag by seconds
         * rather than every member getting the full list every interval. 1 MiB/s.
         */
        @WithDefault("1048576")
        long maxBytesPerSecond();

        /**
         * Rooms with more users than this are not kept live: a joining page gets a sample of at
         * most {@link #maxPerFrame()} users (marked {@code "live":false}) and the count, and
         * nobody is told of each join and leave, until the room is this small again.
         */
        @WithDefault("1000")
        long maxLiveUsers();
    }

    interface Typing {
        /** Rooms with more users than this get no typing signals. */
        @WithDefault("50")
        int maxRoomUsers();

        /** At most one typing signal per user and room per this interval is relayed. */
        @WithDefault("2s")
        Duration minInterval();
    }

    interface Node {
        /** Reported in {@code welcome}; defaults to the host name plus a random suffix. */
        Optional<String> id();

        /**
         * How often every connection is pinged, well below the gateway's 75 s read timeout (and
         * the 60 s idle timeouts of common load balancers) so an idle chat is not cut. One timer
         * per event loop pings a slice of its connections 4 times a second, so that each is pinged
         * once per interval and never all at once. Pings are most of what an idle connection
         * costs: 20 000 idle connections took 3 % of a core with pings every 20 s, 0.75 % without.
         */
        @WithDefault("30s")
        Duration pingInterval();
    }

    interface Redis {
        @WithDefault("chat")
        String keyPrefix();

        /** First delay before reconnecting the subscriber; doubles up to {@link #reconnectMaxDelay()}. */
        @WithDefault("200ms")
        Duration reconnectDelay();

        @WithDefault("2s")
        Duration reconnectMaxDelay();
    }

    interface General {
        @WithDefault("5m")
        Duration clearInterval();
    }

    interface History {
        /** Messages a newcomer gets in {@code joined}. */
        @WithDefault("100")
        int size();

        /** Messages kept per room for resuming with {@code since}. */
        @WithDefault("1000")
        int maxLen();

        /**
         * Bytes of message frames kept per room (UTF-8); past it the oldest messages go, as past
         * {@link #maxLen()}. Same key and default as the registry's.
         */
        @WithDefault("2097152")
        long maxBytes();
    }

    interface Presence {
        /** A user lapses from a room's count this long after its node last refreshed it. */
        @WithDefault("10s")
        Duration ttl();

        @WithDefault("3s")
        Duration heartbeat();

        /** At most one {@code presence} frame per room per this interval. */
        @WithDefault("1s")
        Duration minInterval();
    }

    interface Limits {
        @WithDefault("2000")
        int maxTextLength();

        @WithDefault("64")
        int maxClientIdLength();

        /** Sends a connection may make in a burst... */
        @WithDefault("10")
        int sendBurst();

        /** ...and on average per second after it; more are answered {@code rate_limited}. */
        @WithDefault("5")
        double sendPerSecond();

        /** Joins a connection may make in a burst (each costs Redis calls)... */
        @WithDefault("10")
        int joinBurst();

        /** ...and on average per second after it; more are answered {@code rate_limited}. */
        @WithDefault("2")
        double joinPerSecond();

        /** Renames ({@code nick}) a connection may make in a burst... */
        @WithDefault("5")
        int nickBurst();

        /** ...and on average per second after it (one every 5 s); more are answered {@code rate_limited}. */
        @WithDefault("0.2")
        double nickPerSecond();

        /**
         * Frames a connection may have sent and not yet had handled (they are handled one after
         * another); one more closes it (1008). A page never has more than a join and its resends.
         */
        @WithDefault("128")
        int maxQueuedFrames();

        /** Errors within {@link #errorWindow()} after which a connection is closed (1008). */
        @WithDefault("20")
        int maxErrors();

        @WithDefault("10s")
        Duration errorWindow();

        /** Unsent bytes a client may leave queued before it is cut off as too slow (1008). */
        @WithDefault("1048576")
        long maxOutboundBytes();

        /**
         * History one {@code joined} may carry (fresh or resuming), in the same units as
         * {@link #maxOutboundBytes()} and below it; the oldest messages beyond it are left out and
         * the reply says so ({@code truncated}, and {@code recovered:false} for a resume).
         */
        @WithDefault("524288")
        long maxHistoryReplyBytes();

        /**
         * The kernel's send buffer per socket. Left to autotuning it grows to megabytes, all of
         * which a client that stops reading holds before {@link #maxOutboundBytes()} even starts
         * to count.
         */
        @WithDefault("131072")
        int socketSendBuffer();

        /** Connections one client address may hold on one node. */
        @WithDefault("20")
        int connectionsPerAddress();

        /**
         * Joins this node works on at once, so that the sends of people already in rooms never
         * queue behind thousands of joins' Redis calls; more (a reconnect storm) wait in line, up
         * to {@link #maxJoinsQueued()}.
         */
        @WithDefault("1024")
        int maxJoinsInProgress();

        /**
         * Joins that wait for their turn, in arrival order: what a node takes at once when another
         * node's people all come back to it. Past this a join is answered {@code busy} with a
         * {@code retryAfterMs} of {@link #busyRetryAfter()} plus jitter.
         */
        @WithDefault("20000")
        int maxJoinsQueued();

        @WithDefault("500ms")
        Duration busyRetryAfter();
    }

    /**
     * Origins allowed to open a WebSocket from a browser; unset means only the gateway's own
     * origin (same host as the request). Requests without an Origin (non-browser clients) pass.
     */
    Optional<java.util.List<String>> allowedOrigins();

    /**
     * The proxies whose {@code X-Real-IP} is believed (CIDR blocks), the same setting in every
     * service; a client's own headers never are.
     */
    @WithDefault(dev.chat.contract.ClientAddressPolicy.DEFAULT_TRUSTED)
    java.util.List<String> trustedProxies();

    Drain drain();

    interface Drain {
        /** How long a draining node waits for its clients to go before it exits anyway. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Identity {
        /**
         * Signs identity tokens; every node and the registry must share it (CHAT_IDENTITY_SECRET,
         * at least 16 characters). When unset, the nodes agree on one kept in Redis, unless
         * {@link #sharedThroughRedis()} is off.
         */
        Optional<String> secret();

        /**
         * Whether the nodes may agree on the secret through Redis when none is configured; off in
         * the {@code prod} profile, where a missing secret stops the node at start.
         */
        @WithDefault("true")
        boolean sharedThroughRedis();

        /** How long an identity token is trusted after it was issued; every connection gets a fresh one. */
        @WithDefault("30d")
        Duration tokenLifetime();
    }

    interface Notices {
        /** Join/leave notices a room may get from one node in a burst... */
        @WithDefault("5")
        int burst();

        /** ...and on average per second after it, so a busy room is not flooded. */
        @WithDefault("0.5")
        double perSecond();

        /**
         * Rooms with more users than this get no join/leave notices: among hundreds, who came
         * and went is noise, and each notice is a frame to every member.
         */
        @WithDefault("200")
        long maxRoomUsers();
    }

    interface Rooms {
        /** How often a node checks its rooms for clear boundaries and expiry. */
        @WithDefault("500ms")
        Duration watchInterval();
    }
}
