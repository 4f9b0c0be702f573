package dev.chat.node.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import io.vertx.core.http.ConnectionPoolTooBusyException;

import dev.chat.contract.GeneralRoom;
import dev.chat.contract.MessageFrames;
import dev.chat.contract.RedisFull;
import dev.chat.contract.RedisKeys;
import dev.chat.contract.RoomMeta;
import dev.chat.contract.SendScript;
import dev.chat.node.config.NodeConfig;
import dev.chat.node.hub.BoundedOutbound;
import dev.chat.node.hub.ClientSession;
import dev.chat.node.hub.Hub;
import dev.chat.node.identity.IdentityTokens;
import dev.chat.node.identity.User;
import dev.chat.node.limits.FrameBacklog;
import dev.chat.node.metrics.NodeMetrics;
import dev.chat.node.protocol.ClientFrame;
import dev.chat.node.protocol.ErrorCode;
import dev.chat.node.protocol.FrameParser;
import dev.chat.node.protocol.ProtocolException;
import dev.chat.node.protocol.RetryLater;
import dev.chat.node.protocol.ServerFrames;
import dev.chat.node.store.MessageLog;
import dev.chat.node.store.Rooms;

/**
 * The commands of one connection, one after another ({@link ClientSession#serially}): a frame is
 * parsed and dispatched ({@code send}, {@code nick}, {@code typing}, {@code auth} here,
 * {@code join} and leaving by {@link RoomMembership}), refused with an error frame when it cannot
 * be done, and a connection that sends too much or too badly is closed. Works on this
 * connection's state and the node's parts; what arrives from other nodes is {@link NodeEvents}'.
 * Never blocks: every call to the node's parts is asynchronous.
 */
public final class SessionCommands {

    private static final Logger LOG = Logger.getLogger(SessionCommands.class);

    private final String nodeId;
    private final Hub hub;
    private final Rooms rooms;
    private final MessageLog messages;
    private final FrameParser parser;
    private final IdentityTokens tokens;
    private final NodeMetrics metrics;
    private final RoomWatch watch;
    private final RosterRelay roster;
    private final TypingRelay typing;
    private final ConnectionGate gate;
    private final RoomMembership membership;

    SessionCommands(String nodeId, Hub hub, NodeParts parts, RoomRelays relays, ConnectionGate gate,
            FrameParser parser, IdentityTokens tokens, NodeConfig config, NodeMetrics metrics) {
        this.nodeId = nodeId;
        this.hub = hub;
        this.rooms = parts.rooms();
        this.messages = parts.messages();
        this.parser = parser;
        this.tokens = tokens;
        this.metrics = metrics;
        this.watch = relays.watch();
        this.roster = relays.roster();
        this.typing = relays.typing();
        this.gate = gate;
        this.membership = new RoomMembership(nodeId, hub, parts, relays, config);
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

    /** A text frame: queued behind the connection's earlier ones (a backlog over the limit closes it). */
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
                    refuse(session, membership.busy());
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

    /** The connection closed: its waiting frames are dropped, its place freed, its room left. */
    public CompletionStage<Void> close(ClientSession session) {
        stopFrames(session);
        gate.closed(session);
        return session.serially(() -> membership.leaveCurrent(session));
    }

    private CompletionStage<Void> handle(ClientSession session, ClientFrame frame) {
        if (frame instanceof ClientFrame.Join join) {
            return membership.join(session, join);
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
                .thenCompose(result -> result.outcome() == SendScript.Outcome.NO_SUCH_ROOM && GeneralRoom.ID.equals(roomId)
                        // General always exists: Redis lost it (a restart without persistence)
                        ? rooms.ensureGeneral().thenCompose(
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

}
