package dev.chat.node.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.chat.contract.Envelope;
import dev.chat.contract.GeneralRoom;
import dev.chat.contract.RoomMeta;
import dev.chat.node.broker.Broker;
import dev.chat.node.config.NodeConfig;
import dev.chat.node.hub.ClientSession;
import dev.chat.node.hub.Delivery;
import dev.chat.node.hub.Hub;
import dev.chat.node.limits.HistoryBudget;
import dev.chat.node.limits.JoinGate;
import dev.chat.node.protocol.ClientFrame;
import dev.chat.node.protocol.ErrorCode;
import dev.chat.node.protocol.ProtocolException;
import dev.chat.node.protocol.RetryLater;
import dev.chat.node.protocol.ServerFrames;
import dev.chat.node.store.MessageLog;
import dev.chat.node.store.RoomEntrance;
import dev.chat.node.store.RoomPresence;
import dev.chat.node.store.Rooms;

/**
 * A connection entering and leaving rooms (the {@code join} command, and leaving on a switch or a
 * close): the hub, the broker's subscription, the message log's history and presence are brought
 * in line, the room is told (notice, count, roster). Runs inside the connection's serial order.
 */
final class RoomMembership {

    private final String nodeId;
    private final Hub hub;
    private final Broker broker;
    private final Rooms rooms;
    private final MessageLog messages;
    private final RoomPresence presence;
    private final PresenceTracker presenceTracker;
    private final RoomWatch watch;
    private final NoticeThrottle notices;
    private final RosterRelay roster;
    private final JoinGate joins;
    private final HistoryBudget historyBudget;

    RoomMembership(String nodeId, Hub hub, NodeParts parts, RoomRelays relays, NodeConfig config) {
        this.nodeId = nodeId;
        this.hub = hub;
        this.broker = parts.broker();
        this.rooms = parts.rooms();
        this.messages = parts.messages();
        this.presence = parts.presence();
        this.presenceTracker = relays.presence();
        this.watch = relays.watch();
        this.notices = relays.notices();
        this.roster = relays.roster();
        this.joins = new JoinGate(config.limits().maxJoinsInProgress(), config.limits().maxJoinsQueued(),
                config.limits().busyRetryAfter().toMillis());
        this.historyBudget = new HistoryBudget(config.limits().maxHistoryReplyBytes(), config.limits().maxOutboundBytes());
    }

    /** The node has too much in progress: the client is told to try again shortly. */
    RetryLater busy() {
        return new RetryLater(ErrorCode.BUSY, "the chat is busy right now; nothing was done, try again shortly",
                joins.retryAfterMillis());
    }

    CompletionStage<Void> join(ClientSession session, ClientFrame.Join join) {
        long wait = session.limits() == null ? 0 : session.limits().tryJoin(System.nanoTime());
        if (wait > 0) {
            throw new RetryLater(ErrorCode.RATE_LIMITED, "too many joins; slow down", wait);
        }
        // a turn now, or in line behind the joins in progress (resumed on the session's loop)
        CompletionStage<Void> turn = joins.enter(session::onLoop);
        if (turn == null) {
            throw busy();
        }
        String roomId = join.room();
        return turn.thenCompose(go -> {
            // a room this node already watches needs no read of its settings: the entrance script
            // checks that it still exists, so such a join is one round trip
            RoomMeta known = watch.meta(roomId);
            return known != null ? CompletableFuture.completedFuture(known) : rooms.find(roomId);
        }).thenCompose(meta -> {
            if (meta == null) {
                throw new ProtocolException(ErrorCode.NO_SUCH_ROOM, "no such room: " + roomId);
            }
            return leaveCurrent(session).thenCompose(left -> enter(session, meta, join.since()));
        }).whenComplete((ok, failure) -> joins.exit());
    }

    private CompletionStage<Void> enter(ClientSession session, RoomMeta meta, Long since) {
        String roomId = meta.id();
        long now = System.currentTimeMillis();
        hub.beginJoin(session, roomId);
        watch.hold(meta, now);
        // subscribed first: whatever is published after the snapshot then arrives through the channel
        return broker.sync(roomId)
                .thenCompose(subscribed -> enterExisting(session, meta, since, now))
                .thenAccept(entered -> {
                    HistoryBudget.Fitted history = historyBudget.fit(entered.messages().stream().map(Delivery::frame).toList());
                    String joined = ServerFrames.joined(roomId, history.frames(), entered.users(),
                            entered.recovered() && !(since != null && history.trimmed()), history.trimmed());
                    hub.completeJoin(session, roomId, joined, entered.seq());
                    if (entered.presenceLost() && hub.userCount(roomId) > 1) {
                        // this join made the node's entry anew: its other users there went with the old one
                        presenceTracker.restore(roomId, now);
                    }
                    roster.welcome(session, roomId);
                    presenceTracker.announce(roomId);
                    notice(roomId, "join", session, entered.users());
                })
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        leave(session, roomId);
                    }
                });
    }

    /** The entrance, or no_such_room when the room went meanwhile (General is made again). */
    private CompletionStage<RoomEntrance.Entered> enterExisting(ClientSession session, RoomMeta meta, Long since,
            long now) {
        boolean withOlder = since != null || meta.historyForNewcomers();
        return messages.enter(meta, session.user().id(), session.user().name(), since, withOlder, now)
                .thenCompose(entered -> {
                    if (entered != null || !GeneralRoom.ID.equals(meta.id())) {
                        return CompletableFuture.completedFuture(entered);
                    }
                    // General always exists: Redis lost it (a restart without persistence)
                    return rooms.ensureGeneral().thenCompose(ensured -> messages.enter(meta, session.user().id(),
                            session.user().name(), since, withOlder, now));
                }).thenApply(entered -> {
                    if (entered == null) {
                        throw new ProtocolException(ErrorCode.NO_SUCH_ROOM, "no such room: " + meta.id());
                    }
                    return entered;
                });
    }

    CompletionStage<Void> leaveCurrent(ClientSession session) {
        String current = session.room();
        return current == null ? CompletableFuture.completedFuture(null) : leave(session, current);
    }

    private CompletionStage<Void> leave(ClientSession session, String roomId) {
        boolean userGone = hub.leave(session, roomId);
        broker.sync(roomId);
        if (!userGone) {
            return CompletableFuture.completedFuture(null);
        }
        notice(roomId, "leave", session, presenceTracker.users(roomId));
        return presence.remove(roomId, session.user().id(), System.currentTimeMillis())
                .thenRun(() -> presenceTracker.announce(roomId))
                .exceptionally(failure -> null); // the entry lapses by itself
    }

    private void notice(String roomId, String kind, ClientSession session, long users) {
        if (notices.allow(roomId, users, System.nanoTime())) {
            String frame = ServerFrames.notice(roomId, kind, session.userJson(), System.currentTimeMillis());
            broker.publish(roomId, new Envelope(Envelope.NOTICE, 0, nodeId, frame)).exceptionally(failure -> null);
        }
    }
}
