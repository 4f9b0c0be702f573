package dev.chat.node.service;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;

import dev.chat.node.config.NodeConfig;
import dev.chat.node.hub.Hub;
import dev.chat.node.limits.ByteBudget;
import dev.chat.node.identity.IdentityTokens;
import dev.chat.node.identity.NameGenerator;
import dev.chat.node.metrics.NodeMetrics;
import dev.chat.node.protocol.FrameParser;

/**
 * One chat node put together: the {@link ConnectionGate} (who may connect), the
 * {@link SessionCommands} (what a connection asks), the {@link NodeEvents} (what the broker
 * brings), over the hub (this node's sessions) and the {@link NodeParts} shared with the other
 * nodes. Starts the broker and the periodic presence heartbeat and room watch.
 */
public final class ChatNode {

    private static final Logger LOG = Logger.getLogger(ChatNode.class);

    private final Vertx vertx;
    private final String nodeId;
    private final NodeParts parts;
    private final NodeConfig config;
    private final RoomRelays relays;
    private final ConnectionGate gate;
    private final SessionCommands commands;
    private final NodeEvents events;
    private final List<Long> timers = new CopyOnWriteArrayList<>();

    /** @param onRedisBack what else must be written again after Redis came back (the identity key) */
    public ChatNode(Vertx vertx, String nodeId, Hub hub, NodeParts parts, FrameParser parser, NameGenerator names,
            IdentityTokens tokens, NodeConfig config, NodeMetrics metrics, Runnable onRedisBack) {
        this.vertx = vertx;
        this.nodeId = nodeId;
        this.parts = parts;
        this.config = config;
        // the roster hears of counts (a room too big to keep live may become small again), and the
        // tracker's counts tell the roster which rooms are too big: each needs the other
        RosterRelay[] rosterOf = new RosterRelay[1];
        PresenceTracker presence = new PresenceTracker(vertx, nodeId, hub, parts.broker(), parts.presence(),
                config.presence().minInterval().toMillis(), (room, users) -> rosterOf[0].counted(room, users));
        rosterOf[0] = new RosterRelay(vertx, hub, parts.roster(), config.roster().maxPerFrame(),
                config.roster().flushInterval().toMillis(),
                new ByteBudget(config.roster().maxBytesPerSecond(), System.nanoTime()), presence::users,
                config.roster().maxLiveUsers());
        this.relays = new RoomRelays(presence, rosterOf[0],
                new TypingRelay(parts.broker(), nodeId, presence::users, config.typing().maxRoomUsers(),
                        config.typing().minInterval().toNanos()),
                new NoticeThrottle(config.notices().burst(), config.notices().perSecond(), config.notices().maxRoomUsers()),
                // the watch finds expired rooms; expiring them is a node event
                new RoomWatch(hub, parts.rooms(), this::expire));
        this.gate = new ConnectionGate(nodeId, names, tokens, config);
        this.events = new NodeEvents(hub, parts, relays, metrics, onRedisBack);
        this.commands = new SessionCommands(nodeId, hub, parts, relays, gate, parser, tokens, config, metrics);
    }

    public String nodeId() {
        return nodeId;
    }

    public ConnectionGate gate() {
        return gate;
    }

    public SessionCommands commands() {
        return commands;
    }

    RoomRelays relays() {
        return relays;
    }

    public NodeEvents events() {
        return events;
    }

    public boolean brokerConnected() {
        return parts.broker().isConnected();
    }

    public void start() {
        parts.broker().start(events);
        parts.rooms().ensureGeneral().exceptionally(e -> {
            LOG.warnf("could not ensure the General room yet: %s", e.getMessage());
            return null;
        });
        timers.add(vertx.setPeriodic(config.presence().heartbeat().toMillis(),
                id -> relays.presence().heartbeat(System.currentTimeMillis())));
        timers.add(vertx.setPeriodic(config.rooms().watchInterval().toMillis(),
                id -> relays.watch().tick(System.currentTimeMillis())));
    }

    private void expire(String room) {
        events.expire(room);
    }

    public void stop() {
        timers.forEach(vertx::cancelTimer);
        parts.broker().stop();
    }
}
