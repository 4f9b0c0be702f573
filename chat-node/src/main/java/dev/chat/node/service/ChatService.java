package dev.chat.node.service;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.http.ConnectionPoolTooBusyException;

import dev.chat.contract.GeneralRoom;
import dev.chat.contract.MessageFrames;
import dev.chat.contract.RedisFull;
import dev.chat.contract.RedisKeys;
import dev.chat.contract.RoomMeta;
import dev.chat.node.broker.BrokerListener;
import dev.chat.node.broker.Envelope;
import dev.chat.node.broker.RedisBroker;
import dev.chat.node.config.NodeConfig;
import dev.chat.node.hub.BoundedOutbound;
import dev.chat.node.hub.ClientSession;
import dev.chat.node.hub.Delivery;
import dev.chat.node.hub.Gap;
import dev.chat.node.hub.Hub;
import dev.chat.node.identity.IdentityTokens;
import dev.chat.node.identity.NameGenerator;
import dev.chat.node.identity.User;
import dev.chat.node.limits.AddressCounter;
import dev.chat.node.limits.FrameBacklog;
import dev.chat.node.limits.HistoryBudget;
import dev.chat.node.limits.JoinGate;
import dev.chat.node.limits.SessionLimits;
import dev.chat.node.metrics.NodeMetrics;
import dev.chat.node.protocol.ClientFrame;
import dev.chat.node.protocol.ErrorCode;
import dev.chat.node.protocol.FrameParser;
import dev.chat.node.protocol.ProtocolException;
import dev.chat.node.protocol.RetryLater;
import dev.chat.node.protocol.ServerFrames;
import dev.chat.node.store.MessageStore;
import dev.chat.node.store.PresenceStore;
import dev.chat.node.store.RoomEntrance;
import dev.chat.node.store.RoomDirectory;

/**
 * What a node does with its clients' frames: joins, sends, renames and leaves, put together from
 * the hub (this node's sessions), the broker (other nodes) and the stores (Redis). Never blocks:
 * every Redis call is asynchronous, and a session's frames are handled one after another.
 */
public final class ChatService implements BrokerListener {

    private static final Logger LOG = Logger.getLogger(ChatService.class);
    /** WebSocket close code "service restart": the page reconnects at once. */
    public static final int RESTART = 1012;

    private final Vertx vertx;
    private final String nodeId;
    private final Hub hub;
    private final RedisBroker broker;
    private final RoomDirectory rooms;
    private final MessageStore messages;
    private final PresenceStore presence;
    private final RoomEntrance entrance;
    private final FrameParser parser;
    private final NameGenerator names;
    private final IdentityTokens tokens;
    private final NodeConfig config;
    private final NodeMetrics metrics;
    private final PresenceTracker presenceTracker;
    private final RoomWatch watch;
    private final NoticeThrottle notices;
    private final RosterRelay roster;
    private final TypingRelay typing;
    private final List<Long> timers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AddressCounter addresses;
    private final JoinGate joins;
    private final HistoryBudget historyBudget;
    private final Runnable onRedisBack;
    private final java.util.Set<ClientSession> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean draining;

    public ChatService(Vertx vertx, String nodeId, Hub hub, RedisBroker broker, RoomDirectory rooms,
            MessageStore messages, PresenceStore presence, RoomEntrance entrance, FrameParser parser,
            dev.chat.node.store.RosterStore rosterStore, NameGenerator names, IdentityTokens tokens, NodeConfig config,
            NodeMetrics metrics, Runnable onRedisBack) {
        this.onRedisBack = onRedisBack;
        this.vertx = vertx;
        this.nodeId = nodeId;
        this.hub = hub;
        this.broker = broker;
        this.rooms = rooms;
        this.messages = messages;
        this.presence = presence;
        this.entrance = entrance;
        this.parser = parser;
        this.names = names;
        this.tokens = tokens;
        this.config = config;
        this.metrics = metrics;
        // the roster hears of counts (a room too big to keep live may become small again), and the
        // tracker's counts tell the roster which rooms are too big: each needs the other
        RosterRelay[] rosterOf = new RosterRelay[1];
        this.presenceTracker = new PresenceTracker(vertx, nodeId, hub, broker, presence,
                config.presence().minInterval().toMillis(), (room, users) -> rosterOf[0].counted(room, users));
        this.watch = new RoomWatch(hub, rooms, this::expire);
        this.notices = new NoticeThrottle(config.notices().burst(), config.notices().perSecond());
        this.addresses = new AddressCounter(config.limits().connectionsPerAddress());
        this.joins = new JoinGate(config.limits().maxJoinsInProgress(), config.limits().busyRetryAfter().toMillis());
        this.roster = new RosterRelay(vertx, hub, rosterStore, config.roster().maxPerFrame(),
                config.roster().flushInterval().toMillis(),
                new dev.chat.node.limits.ByteBudget(config.roster().maxBytesPerSecond(), System.nanoTime()),
                presenceTracker::users, config.roster().maxLiveUsers());
        rosterOf[0] = this.roster;
        this.typing = new TypingRelay(broker, nodeId, presenceTracker::users, config.typing().maxRoomUsers(),
                config.typing().minInterval().toNanos());
        this.historyBudget = new HistoryBudget(config.limits().maxHistoryReplyBytes(), config.limits().maxOutboundBytes());
    }

    public boolean draining() {
        return draining;
    }

    /** Whether a new connection from this address is within the per-address limit. */
    public boolean admits(String address) {
        return addresses.count(address) < config.limits().connectionsPerAddress();
    }

    public int openConnections() {
        return open.size();
    }

    /**
     * Graceful drain (SIGTERM): no new connections, every client finishes the frames it sent and is
     * then told to reconnect now (1012: the gateway sends it to another node, where it resumes with
     * {@code since}); waits for them to go, at most {@code timeout}. Blocks: call it from the
     * shutdown thread, never the event loop.
     */
    public void drain(java.time.Duration timeout) {
        draining = true;
        if (open.isEmpty()) {
            return;
        }
        LOG.infof("draining %d connections", open.size());
        for (ClientSession session : List.copyOf(open)) {
            session.serially(() -> {
                session.close(RESTART, "node restarting: reconnect now");
                return CompletableFuture.completedFuture(null);
            });
        }
        try {
            drained.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            LOG.info("drained");
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warnf("drain timed out with %d connections left", open.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.debug("drain", e);
        }
    }

    public String nodeId() {
        return nodeId;
    }

    public boolean brokerConnected() {
        return broker.isConnected();
    }

    /** Whether the identity key shared by every node is known (identities can be issued). */
    public boolean identityReady() {
        return tokens.ready();
    }

    public void start() {
        broker.start(this);
        rooms.ensureGeneral().onFailure(e -> LOG.warnf("could not ensure the General room yet: %s", e.getMessage()));
        timers.add(vertx.setPeriodic(config.presence().heartbeat().toMillis(),
                id -> presenceTracker.heartbeat(System.currentTimeMillis())));
        timers.add(vertx.setPeriodic(config.rooms().watchInterval().toMillis(),
                id -> watch.tick(System.currentTimeMillis())));
    }

    public void stop() {
        timers.forEach(vertx::cancelTimer);
        broker.stop();
    }

    /**
     * A new connection: the identity from a valid token, or a fresh one (a forged or altered
     * token is not an error; it just isn't trusted).
     */
    public ClientSession open(String token, dev.chat.node.hub.Outbound outbound, String address) {
        User user = tokens.verify(token).orElseGet(names::newUser);
        ClientSession session = new ClientSession(user, outbound, SessionLimits.of(config.limits(), System.nanoTime()),
                address);
        if (draining || !tokens.ready()) {
            // no identity key yet: another node can give this client an identity the others accept
            session.close(RESTART, "node restarting: reconnect now");
            return session;
        }
        if (!addresses.tryAcquire(address)) {
            session.close(BoundedOutbound.POLICY_VIOLATION, "too many connections from this address");
            return session;
        }
        open.add(session);
        session.send(ServerFrames.welcome(user, nodeId, tokens.issue(user), config.typing().maxRoomUsers(),
                config.typing().minInterval().toMillis()));
        return session;
    }

    /** A frame type the protocol does not have (binary). */
    public void onUnsupported(ClientSession session, String what) {
        session.serially(() -> {
            refuse(session, new ProtocolException(ErrorCode.BAD_REQUEST, what + " frames are not supported"));
            return CompletableFuture.completedFuture(null);
        });
    }

    private void refuse(ClientSession session, ProtocolException e) {
        metrics.error(e.code());
        session.send(e instanceof RetryLater later
                ? ServerFrames.retryLater(e.code(), e.getMessage(), later.retryAfterMs())
                : ServerFrames.error(e.code(), e.getMessage()));
        // 'busy' is the node's state, not the client's fault: it never counts towards the abuse close
        if (e.code() != ErrorCode.BUSY && session.limits() != null && session.limits().recordError(System.nanoTime())) {
            stopFrames(session);
            session.close(BoundedOutbound.POLICY_VIOLATION, "too many bad frames");
        }
    }

    /** The frames the session still has waiting are dropped: it is closed. */
    private static void stopFrames(ClientSession session) {
        if (session.limits() != null && session.limits().backlog() != null) {
            session.limits().backlog().stop();
        }
    }

    private RetryLater busy() {
        return new RetryLater(ErrorCode.BUSY, "the chat is busy right now; nothing was done, try again shortly",
                joins.retryAfterMillis());
    }

    public CompletionStage<Void> onText(ClientSession session, String text) {
        FrameBacklog backlog = session.limits() == null ? null : session.limits().backlog();
        if (backlog != null && !backlog.tryAdd()) {
            backlog.stop();
            session.close(BoundedOutbound.POLICY_VIOLATION, "too many frames waiting: read the answers before sending more");
            return CompletableFuture.completedFuture(null);
        }
        return session.serially(() -> {
            if (backlog != null && backlog.stopped()) {
                return CompletableFuture.completedFuture(null);
            }
            CompletionStage<Void> handled;
            try {
                handled = handle(session, parser.parse(text));
            } catch (RuntimeException e) {
                handled = CompletableFuture.failedFuture(e);
            }
            return handled.exceptionally(failure -> {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                if (cause instanceof ProtocolException e) {
                    refuse(session, e);
                } else if (cause instanceof ConnectionPoolTooBusyException) {
                    // Redis is healthy; this node has more calls waiting for it than it queues
                    refuse(session, busy());
                } else {
                    LOG.debugf("frame failed: %s", cause.toString());
                    metrics.error(ErrorCode.UNAVAILABLE);
                    session.send(ServerFrames.error(ErrorCode.UNAVAILABLE, RedisFull.is(cause)
                            ? "the chat's storage is full right now; nothing was done, try again later"
                            : "the chat is temporarily unavailable; nothing was sent, try again"));
                }
                return null;
            });
        }).whenComplete((ok, failure) -> {
            if (backlog != null) {
                backlog.done();
            }
        });
    }

    public CompletionStage<Void> close(ClientSession session) {
        stopFrames(session);
        if (open.remove(session) && session.address() != null) {
            addresses.release(session.address());
        }
        if (draining && open.isEmpty()) {
            drained.complete(null);
        }
        return session.serially(() -> leaveCurrent(session));
    }

    private CompletionStage<Void> handle(ClientSession session, ClientFrame frame) {
        if (frame instanceof ClientFrame.Join join) {
            return join(session, join);
        }
        if (frame instanceof ClientFrame.Send send) {
            return metrics.timeSend(() -> send(session, send));
        }
        if (frame instanceof ClientFrame.Typing) {
            return typing.typing(session, System.nanoTime());
        }
        if (frame instanceof ClientFrame.Auth auth) {
            return FirstFrameToken.authenticate(session, auth, tokens);
        }
        return rename(session, (ClientFrame.Nick) frame);
    }

    private CompletionStage<Void> join(ClientSession session, ClientFrame.Join join) {
        long wait = session.limits() == null ? 0 : session.limits().tryJoin(System.nanoTime());
        if (wait > 0) {
            throw new RetryLater(ErrorCode.RATE_LIMITED, "too many joins; slow down", wait);
        }
        if (!joins.tryEnter()) {
            throw busy();
        }
        String roomId = join.room();
        // a room this node already watches needs no read of its settings: the entrance script
        // checks that it still exists, so such a join is one round trip
        RoomMeta known = watch.meta(roomId);
        CompletionStage<RoomMeta> found = known != null ? CompletableFuture.completedFuture(known) : rooms.find(roomId);
        return found.thenCompose(meta -> {
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
                    roster.welcome(session, roomId);
                    presenceTracker.announce(roomId);
                    notice(roomId, "join", session);
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
        return entrance.enter(meta, session.user().id(), session.user().name(), since, withOlder, now)
                .thenCompose(entered -> {
                    if (entered != null) {
                        return CompletableFuture.completedFuture(entered);
                    }
                    if (!GeneralRoom.ID.equals(meta.id())) {
                        throw new ProtocolException(ErrorCode.NO_SUCH_ROOM, "no such room: " + meta.id());
                    }
                    // General always exists: Redis lost it (a restart without persistence)
                    return rooms.ensureGeneral().toCompletionStage().thenCompose(ensured -> entrance.enter(meta,
                            session.user().id(), session.user().name(), since, withOlder, now));
                }).thenApply(entered -> {
                    if (entered == null) {
                        throw new ProtocolException(ErrorCode.NO_SUCH_ROOM, "no such room: " + meta.id());
                    }
                    return entered;
                });
    }

    private CompletionStage<Void> leaveCurrent(ClientSession session) {
        String current = session.room();
        return current == null ? CompletableFuture.completedFuture(null) : leave(session, current);
    }

    private CompletionStage<Void> leave(ClientSession session, String roomId) {
        boolean userGone = hub.leave(session, roomId);
        broker.sync(roomId);
        if (!userGone) {
            return CompletableFuture.completedFuture(null);
        }
        notice(roomId, "leave", session);
        return presence.remove(roomId, session.user().id())
                .thenRun(() -> presenceTracker.announce(roomId))
                .exceptionally(failure -> null); // the entry lapses by itself
    }

    private CompletionStage<Void> send(ClientSession session, ClientFrame.Send send) {
        String roomId = session.room();
        RoomMeta meta = roomId == null ? null : watch.meta(roomId);
        if (meta == null) {
            throw new ProtocolException(ErrorCode.NOT_IN_ROOM, "join a room before sending");
        }
        long wait = session.limits() == null ? 0 : session.limits().trySend(System.nanoTime());
        if (wait > 0) {
            throw new RetryLater(ErrorCode.RATE_LIMITED, "too many messages; slow down", wait);
        }
        long now = System.currentTimeMillis();
        for (String attachment : send.attachments()) {
            if (!roomId.equals(RedisKeys.roomOfAttachment(attachment))) {
                throw new ProtocolException(ErrorCode.BAD_ATTACHMENT, "attachment of another room");
            }
        }
        var parts = MessageFrames.message(roomId, session.userJson(), send.text(), now, send.clientId(),
                send.attachments());
        return messages.send(meta, parts, send.clientId(), send.attachments(), nodeId, now)
                .thenCompose(result -> result.outcome() == MessageStore.Outcome.NO_SUCH_ROOM && GeneralRoom.ID.equals(roomId)
                        // General always exists: Redis lost it (a restart without persistence)
                        ? rooms.ensureGeneral().toCompletionStage().thenCompose(
                                ensured -> messages.send(meta, parts, send.clientId(), send.attachments(), nodeId, now))
                        : CompletableFuture.completedFuture(result))
                .thenAccept(result -> {
            switch (result.outcome()) {
                case DUPLICATE -> hub.echo(session, roomId, result.id(), result.frame());
                case NO_SUCH_ROOM -> throw new ProtocolException(ErrorCode.NO_SUCH_ROOM, "this room no longer exists");
                case BAD_ATTACHMENT -> throw new ProtocolException(ErrorCode.BAD_ATTACHMENT,
                        "an attachment is gone (the room was cleared)");
                case ACCEPTED -> {
                }
            }
            // accepted messages reach the sender like everyone else: through the room's channel
        });
    }

    private CompletionStage<Void> rename(ClientSession session, ClientFrame.Nick nick) {
        long wait = session.limits() == null ? 0 : session.limits().tryNick(System.nanoTime());
        if (wait > 0) {
            throw new RetryLater(ErrorCode.RATE_LIMITED, "too many name changes; slow down", wait);
        }
        User renamed = new User(session.user().id(), nick.name());
        session.rename(renamed);
        session.send(ServerFrames.identity(renamed, tokens.issue(renamed)));
        roster.renamed(session);
        return CompletableFuture.completedFuture(null);
    }

    private void notice(String roomId, String kind, ClientSession session) {
        if (notices.allow(roomId, System.nanoTime())) {
            String frame = ServerFrames.notice(roomId, kind, session.userJson(), System.currentTimeMillis());
            broker.publish(roomId, new Envelope(Envelope.NOTICE, 0, nodeId, frame)).exceptionally(failure -> null);
        }
    }

    /** The room is gone (expired or deleted): its members here are told and leave it. */
    private void expire(String roomId) {
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
        rooms.ensureGeneral().onFailure(e -> LOG.debugf("could not ensure the General room: %s", e.getMessage()));
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
        messages.range(gap.room(), gap.afterSeq(), gap.beforeSeq()).whenComplete((found, failure) -> {
            if (failure != null) {
                LOG.warnf("could not read history to fill a gap in %s: %s", gap.room(), failure.getMessage());
            }
            hub.fill(gap.room(), failure == null ? found : List.of());
        });
    }
}
