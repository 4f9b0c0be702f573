package dev.chat.node.service;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;

import dev.chat.contract.RoomMeta;
import dev.chat.node.broker.BrokerListener;
import dev.chat.node.broker.Envelope;
import dev.chat.node.broker.RedisBroker;
import dev.chat.node.config.NodeConfig;
import dev.chat.node.hub.ClientSession;
import dev.chat.node.hub.Delivery;
import dev.chat.node.hub.Gap;
import dev.chat.node.hub.Hub;
import dev.chat.node.protocol.ClientFrame;
import dev.chat.node.protocol.ErrorCode;
import dev.chat.node.protocol.FrameParser;
import dev.chat.node.protocol.ProtocolException;
import dev.chat.node.protocol.ServerFrames;
import dev.chat.node.store.MessageStore;
import dev.chat.node.store.MessageStore.Outcome;
import dev.chat.node.store.PresenceStore;
import dev.chat.node.store.RoomDirectory;

/**
 * What a node does with its clients' frames: joins, sends and leaves, put together from the hub
 * (this node's sessions), the broker (other nodes) and the stores (Redis). Never blocks: every
 * Redis call is asynchronous, and a session's frames are handled one after another.
 */
public final class ChatService implements BrokerListener {

    private static final Logger LOG = Logger.getLogger(ChatService.class);

    private final Vertx vertx;
    private final String nodeId;
    private final Hub hub;
    private final RedisBroker broker;
    private final RoomDirectory rooms;
    private final MessageStore messages;
    private final PresenceStore presence;
    private final FrameParser parser;
    private final NodeConfig config;
    private final Set<String> recountScheduled = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<ClientSession, RoomMeta> joinedRooms = new ConcurrentHashMap<>();
    private long heartbeatTimer = -1;

    public ChatService(Vertx vertx, String nodeId, Hub hub, RedisBroker broker, RoomDirectory rooms,
            MessageStore messages, PresenceStore presence, FrameParser parser, NodeConfig config) {
        this.vertx = vertx;
        this.nodeId = nodeId;
        this.hub = hub;
        this.broker = broker;
        this.rooms = rooms;
        this.messages = messages;
        this.presence = presence;
        this.parser = parser;
        this.config = config;
    }

    public String nodeId() {
        return nodeId;
    }

    public boolean brokerConnected() {
        return broker.isConnected();
    }

    public void start() {
        broker.start(this);
        rooms.ensureGeneral().onFailure(e -> LOG.warnf("could not ensure the General room yet: %s", e.getMessage()));
        heartbeatTimer = vertx.setPeriodic(config.presence().heartbeat().toMillis(), id -> heartbeat());
    }

    public void stop() {
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
        }
        broker.stop();
    }

    public void open(ClientSession session) {
        session.send(ServerFrames.welcome(session.user(), nodeId));
    }

    public CompletionStage<Void> onText(ClientSession session, String text) {
        return session.serially(() -> {
            ClientFrame frame;
            try {
                frame = parser.parse(text);
            } catch (ProtocolException e) {
                return refuse(session, e);
            }
            CompletionStage<Void> handled;
            try {
                handled = frame instanceof ClientFrame.Join join ? join(session, join)
                        : send(session, (ClientFrame.Send) frame);
            } catch (RuntimeException e) {
                handled = CompletableFuture.failedFuture(e);
            }
            return handled.exceptionally(failure -> {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                if (cause instanceof ProtocolException e) {
                    refuse(session, e);
                } else {
                    LOG.debugf("frame failed: %s", cause.toString());
                    session.send(ServerFrames.error(ErrorCode.UNAVAILABLE,
                            "the chat is temporarily unavailable; nothing was sent, try again"));
                }
                return null;
            });
        });
    }

    public CompletionStage<Void> close(ClientSession session) {
        return session.serially(() -> leaveCurrent(session));
    }

    private CompletionStage<Void> refuse(ClientSession session, ProtocolException e) {
        session.send(ServerFrames.error(e.code(), e.getMessage()));
        return CompletableFuture.completedFuture(null);
    }

    private CompletionStage<Void> join(ClientSession session, ClientFrame.Join join) {
        String roomId = join.room();
        return rooms.find(roomId).thenCompose(meta -> {
            if (meta == null) {
                throw new ProtocolException(ErrorCode.NO_SUCH_ROOM, "no such room: " + roomId);
            }
            return leaveCurrent(session).thenCompose(left -> enter(session, meta, join.since()));
        });
    }

    private CompletionStage<Void> enter(ClientSession session, RoomMeta meta, Long since) {
        String roomId = meta.id();
        hub.beginJoin(session, roomId);
        joinedRooms.put(session, meta);
        long now = System.currentTimeMillis();
        return broker.sync(roomId)
                .thenCompose(subscribed -> presence.refresh(roomId, List.of(session.user().id()), now))
                .thenCompose(present -> messages.snapshot(roomId, since, since != null || meta.historyForNewcomers()))
                .thenCompose(snapshot -> presence.count(roomId, now).thenAccept(users -> {
                    List<String> history = snapshot.messages().stream().map(Delivery::frame).toList();
                    String joined = ServerFrames.joined(roomId, history, users, snapshot.recovered());
                    hub.completeJoin(session, roomId, joined, snapshot.seq());
                    announcePresence(roomId);
                }))
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        leave(session, roomId);
                    }
                });
    }

    private CompletionStage<Void> leaveCurrent(ClientSession session) {
        String current = session.room();
        return current == null ? CompletableFuture.completedFuture(null) : leave(session, current);
    }

    private CompletionStage<Void> leave(ClientSession session, String roomId) {
        joinedRooms.remove(session);
        boolean userGone = hub.leave(session, roomId);
        broker.sync(roomId);
        if (!userGone) {
            return CompletableFuture.completedFuture(null);
        }
        return presence.remove(roomId, session.user().id())
                .thenRun(() -> announcePresence(roomId))
                .exceptionally(failure -> null); // the entry lapses by itself
    }

    private CompletionStage<Void> send(ClientSession session, ClientFrame.Send send) {
        RoomMeta meta = joinedRooms.get(session);
        if (meta == null) {
            throw new ProtocolException(ErrorCode.NOT_IN_ROOM, "join a room before sending");
        }
        long now = System.currentTimeMillis();
        var parts = ServerFrames.message(meta.id(), session.userJson(), send.text(), now, send.clientId());
        return messages.send(meta, parts, send.clientId(), nodeId, now).thenAccept(result -> {
            if (result.outcome() == Outcome.DUPLICATE) {
                session.send(result.frame());
            } else if (result.outcome() == Outcome.NO_SUCH_ROOM) {
                throw new ProtocolException(ErrorCode.NO_SUCH_ROOM, "this room no longer exists");
            }
            // accepted messages reach the sender like everyone else: through the room's channel
        });
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
            case Envelope.PRESENCE -> scheduleRecount(room);
            default -> LOG.debugf("ignoring envelope kind %s", envelope.kind());
        }
    }

    @Override
    public void onResubscribed(String room) {
        Gap gap = hub.beginCatchUp(room);
        if (gap != null) {
            fill(gap);
        }
    }

    private void fill(Gap gap) {
        messages.range(gap.room(), gap.afterSeq(), gap.beforeSeq()).whenComplete((found, failure) -> {
            if (failure != null) {
                LOG.warnf("could not read history to fill a gap in %s: %s", gap.room(), failure.getMessage());
            }
            hub.fill(gap.room(), failure == null ? found : List.of());
        });
    }

    private void announcePresence(String room) {
        broker.publish(room, new Envelope(Envelope.PRESENCE, 0, nodeId, ""))
                .exceptionally(failure -> null);
    }

    /** Counts are recounted at most once per interval per room, however many changes arrive. */
    private void scheduleRecount(String room) {
        if (recountScheduled.add(room)) {
            vertx.setTimer(config.presence().minInterval().toMillis(), id -> {
                recountScheduled.remove(room);
                recount(room);
            });
        }
    }

    private void recount(String room) {
        if (!hub.hasMembers(room)) {
            return;
        }
        presence.count(room, System.currentTimeMillis()).thenAccept(users -> {
            if (hub.usersChanged(room, users)) {
                hub.broadcast(room, ServerFrames.presence(room, users));
            }
        });
    }

    private void heartbeat() {
        long now = System.currentTimeMillis();
        for (String room : hub.roomIds()) {
            presence.refresh(room, hub.userIds(room), now)
                    .thenRun(() -> scheduleRecount(room))
                    .exceptionally(failure -> null);
        }
    }
}
