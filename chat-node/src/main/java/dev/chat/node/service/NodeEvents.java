package dev.chat.node.service;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.chat.contract.Envelope;
import dev.chat.node.broker.Broker;
import dev.chat.node.broker.BrokerListener;
import dev.chat.node.hub.ClientSession;
import dev.chat.node.hub.Gap;
import dev.chat.node.hub.Hub;
import dev.chat.node.metrics.NodeMetrics;
import dev.chat.node.protocol.ServerFrames;
import dev.chat.node.store.MessageLog;
import dev.chat.node.store.Rooms;

/**
 * What happens to the node rather than to one connection: envelopes from the broker delivered to
 * this node's members (a message whose id jumps is held while the gap is read from the message
 * log), a room that expired or was deleted, and Redis coming back (General re-created, presence
 * restored, missed messages read from history). Commands of a connection are {@link SessionCommands}'.
 */
public final class NodeEvents implements BrokerListener {

    private static final Logger LOG = Logger.getLogger(NodeEvents.class);
    /** Waits before each new try of a failed gap read: about 2.6 s in all, longer than a failover's gap. */
    private static final long[] FILL_RETRY_MS = {100, 500, 2_000};

    private final Hub hub;
    private final Broker broker;
    private final Rooms rooms;
    private final MessageLog messages;
    private final NodeMetrics metrics;
    private final Runnable onRedisBack;
    private final PresenceTracker presenceTracker;
    private final RoomWatch watch;
    private final NoticeThrottle notices;
    private final RosterRelay roster;

    /** @param onRedisBack what else must be written again after Redis came back (the identity key) */
    NodeEvents(Hub hub, NodeParts parts, RoomRelays relays, NodeMetrics metrics, Runnable onRedisBack) {
        this.hub = hub;
        this.broker = parts.broker();
        this.rooms = parts.rooms();
        this.messages = parts.messages();
        this.presenceTracker = relays.presence();
        this.watch = relays.watch();
        this.notices = relays.notices();
        this.roster = relays.roster();
        this.metrics = metrics;
        this.onRedisBack = onRedisBack;
    }

    /** The room is gone (expired or deleted): its members here are told and leave it. */
    void expire(String roomId) {
        String frame = ServerFrames.expired(roomId);
        for (ClientSession session : hub.evict(roomId)) {
            session.send(frame);
        }
        watch.forget(roomId);
        notices.forget(roomId);
        roster.forget(roomId);
        broker.sync(roomId);
    }

    @Override
    public void onEnvelope(String room, Envelope envelope) {
        switch (envelope.kind()) {
            case Envelope.MESSAGE -> {
                Gap gap = hub.deliver(room, envelope.id(), envelope.body());
                if (gap != null) {
                    fill(gap);
                }
            }
            case Envelope.PRESENCE -> presenceTracker.scheduleRecount(room);
            case Envelope.NOTICE -> hub.broadcast(room, envelope.body());
            case Envelope.EXPIRED -> expire(room);
            case Envelope.ROSTER -> roster.onChanges(room, envelope);
            case Envelope.TYPING -> hub.broadcast(room, envelope.body());
            default -> LOG.debugf("ignoring envelope kind %s", envelope.kind());
        }
    }

    @Override
    public void onReconnected() {
        metrics.redisReconnected();
        onRedisBack.run();
        rooms.ensureGeneral().exceptionally(e -> {
            LOG.debugf("could not ensure the General room: %s", e.getMessage());
            return null;
        });
        presenceTracker.restore(System.currentTimeMillis());
    }

    @Override
    public void onResubscribed(String room) {
        Gap gap = hub.beginCatchUp(room);
        if (gap != null) {
            fill(gap);
        }
        roster.resync(room); // who came and went meanwhile was missed too
    }

    private void fill(Gap gap) {
        fill(gap, 0);
    }

    /**
     * Reads the gap from history; a failed read (Redis busy, a failover under way) is tried again
     * after {@link #FILL_RETRY_MS}, and only when every try failed are the missed messages skipped
     * (the room's deliveries are held meanwhile, so nothing overtakes them).
     */
    private void fill(Gap gap, int attempt) {
        messages.range(gap.room(), gap.afterSeq(), gap.beforeSeq()).whenComplete((found, failure) -> {
            if (failure == null) {
                hub.fill(gap.room(), found);
            } else if (attempt < FILL_RETRY_MS.length) {
                LOG.debugf("could not read history to fill a gap in %s (try %d): %s", gap.room(), attempt + 1,
                        failure.getMessage());
                CompletableFuture.delayedExecutor(FILL_RETRY_MS[attempt], TimeUnit.MILLISECONDS)
                        .execute(() -> fill(gap, attempt + 1));
            } else {
                LOG.warnf("could not read history to fill a gap in %s: %s; its missed messages are skipped",
                        gap.room(), failure.getMessage());
                hub.fill(gap.room(), List.of());
            }
        });
    }
}
